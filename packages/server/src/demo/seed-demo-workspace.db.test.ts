import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { forEachDatabase } from '../testing/test-database.ts'
import { seedDemoWorkspace } from './seed-demo-workspace.ts'
import { verifyProjections } from '../services/verify-projections.ts'
import { leadRefreshJob } from '../jobs/lead-refresh.job.ts'
import { myWork } from '../services/my-work.ts'
import { teamQueues } from '../services/team-queue.ts'

const NOW = new Date('2026-11-20T10:00:00Z')

forEachDatabase('demo workspace', (suite) => {
  test('the generated workspace covers the lifecycle and passes verify', async () => {
    const credentials = await seedDemoWorkspace(suite.db, {
      slug: 'demo-verify',
      leads: 200,
      seed: 7,
      now: NOW,
    })
    assert.equal(credentials.workspace, 'demo-verify')
    const stages = await suite.db
      .selectFrom('leads')
      .innerJoin('workspaces', 'workspaces.id', 'leads.workspace_id')
      .select(['leads.stage', sql<number>`count(*)::int`.as('count')])
      .where('workspaces.slug', '=', 'demo-verify')
      .groupBy('leads.stage')
      .execute()
    const byStage = Object.fromEntries(stages.map((row) => [row.stage, Number(row.count)]))
    // the generated 200, this week's three German demo requests and the two Austrian and Swiss ones
    // (the team queue's)
    assert.equal(
      Object.values(byStage).reduce((sum, count) => sum + count, 0),
      205,
    )
    for (const stage of ['lead', 'sal', 'recycled', 'disqualified'])
      assert.ok(byStage[stage]! > 0, `no ${stage} in ${JSON.stringify(byStage)}`)
    assert.ok((byStage.customer ?? 0) + (byStage.opportunity ?? 0) > 0, JSON.stringify(byStage))
    const verified = await verifyProjections(suite.db)
    assert.deepEqual(verified.differences, [])
    assert.ok(verified.checked >= 200)
    // Every MQL a rep answered was handed to that rep by routing first, with the routing's reasons.
    const answered = await suite.db
      .selectFrom('decisions')
      .innerJoin('workspaces', 'workspaces.id', 'decisions.workspace_id')
      .select(['decisions.lead_id', 'decisions.kind', 'decisions.data', 'decisions.actor_type'])
      .where('workspaces.slug', '=', 'demo-verify')
      .orderBy('decisions.decided_at')
      .orderBy('decisions.seq')
      .execute()
    const byLead = Map.groupBy(answered, (row) => row.lead_id)
    let handedOver = 0
    for (const rows of byLead.values()) {
      const first = rows.findIndex((row) => row.kind === 'accept' || row.kind === 'reject')
      if (first < 0) continue
      const assign = rows.slice(0, first).findLast((row) => row.kind === 'assign')
      assert.ok(assign, 'an answer without a hand-off')
      assert.equal(assign.actor_type, 'system')
      const reasons = (assign.data as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code)
      assert.ok(reasons.includes('round_robin'), JSON.stringify(reasons))
      handedOver++
    }
    assert.ok(handedOver > 10, `only ${handedOver} hand-offs`)
    // The agreement under negotiation: marketing's proposal, approved by marketing, waiting for sales.
    const versions = await suite.db
      .selectFrom('agreement_versions')
      .innerJoin('workspaces', 'workspaces.id', 'agreement_versions.workspace_id')
      .select(['agreement_versions.version', 'agreement_versions.status', 'agreement_versions.source'])
      .where('workspaces.slug', '=', 'demo-verify')
      .orderBy('agreement_versions.version')
      .execute()
    assert.deepEqual(
      versions.map((version) => version.status),
      ['active', 'proposed'],
    )
    assert.match(versions[1]!.source, /score: engagement, gte: 40/)
    const reviews = await suite.db
      .selectFrom('agreement_reviews')
      .innerJoin('workspaces', 'workspaces.id', 'agreement_reviews.workspace_id')
      .select(['agreement_reviews.action', 'agreement_reviews.side'])
      .where('workspaces.slug', '=', 'demo-verify')
      .where('agreement_reviews.version', '=', versions[1]!.version)
      .orderBy('agreement_reviews.at')
      .execute()
    assert.deepEqual(
      reviews.map((review) => [review.action, review.side]),
      [
        ['drafted', null],
        ['proposed', null],
        ['approved', 'marketing'],
      ],
    )
  })

  test('the demo reps have worked their leads: logged activities, tasks due and overdue, some gone quiet', async () => {
    await seedDemoWorkspace(suite.db, { slug: 'demo-work', leads: 200, seed: 7, now: NOW })
    const workspace = await suite.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo-work')
      .executeTakeFirstOrThrow()
    const reps = await suite.db
      .selectFrom('leads')
      .select('owner_id')
      .distinct()
      .where('workspace_id', '=', workspace.id)
      .where('stage', 'in', ['sal', 'sql', 'opportunity'])
      .where('owner_id', 'is not', null)
      .execute()
    assert.ok(reps.length > 0, 'some rep works leads')
    const sections = await Promise.all(
      reps.map(({ owner_id }) => myWork(suite.db, workspace.id, owner_id!, NOW)),
    )
    const worked = sections.flatMap((work) => [
      ...work.sections.qualifying,
      ...work.sections.sql,
      ...work.sections.deals,
    ])
    const tasks = sections.flatMap((work) => work.tasks)
    assert.ok(
      worked.some((item) => item.stale),
      'a lead gone quiet',
    )
    assert.ok(
      worked.some((item) => !item.stale && item.nextTask !== null),
      'a lead worked lately, with a next task',
    )
    assert.ok(
      tasks.some((task) => task.overdue),
      'an overdue task',
    )
    assert.ok(
      tasks.some((task) => !task.overdue),
      'a task still ahead',
    )
    const activities = await suite.db
      .selectFrom('activities')
      .select(['kind', 'author_id', 'occurred_at'])
      .where('workspace_id', '=', workspace.id)
      .execute()
    assert.deepEqual(
      new Set(activities.map((activity) => activity.kind)),
      new Set(['call', 'email', 'meeting']),
    )
    assert.ok(activities.every((activity) => activity.author_id !== null && activity.occurred_at <= NOW))
    // The Austrian and Swiss reps are away at a trade fair: their MQLs wait in the team queue.
    const queues = await teamQueues(suite.db, workspace.id, NOW)
    const atCh = queues.teams.find((queue) => queue.team === 'at_ch')
    assert.ok(
      atCh && atCh.leads.length > 0,
      JSON.stringify(queues.teams.map((queue) => [queue.team, queue.leads.length])),
    )
  })

  test('verify reports a projection that no longer matches its log', async () => {
    await seedDemoWorkspace(suite.db, { slug: 'demo-tamper', leads: 30, seed: 3, now: NOW })
    const victim = await suite.db
      .selectFrom('leads')
      .innerJoin('workspaces', 'workspaces.id', 'leads.workspace_id')
      .select(['leads.id', 'leads.stage'])
      .where('workspaces.slug', '=', 'demo-tamper')
      .where('leads.stage', '!=', 'customer')
      .executeTakeFirstOrThrow()
    await suite.db.updateTable('leads').set({ stage: 'customer' }).where('id', '=', victim.id).execute()
    const verified = await verifyProjections(suite.db)
    assert.deepEqual(
      verified.differences.map((difference) => [
        difference.leadId,
        difference.field,
        difference.stored,
        difference.rebuilt,
      ]),
      [[victim.id, 'stage', 'customer', victim.stage]],
    )
    await suite.db.updateTable('leads').set({ stage: victim.stage }).where('id', '=', victim.id).execute()
  })

  test('a lead is scored again once its engagement has halved: its next check is then due', async () => {
    await seedDemoWorkspace(suite.db, { slug: 'demo-decay', leads: 20, seed: 5, now: NOW })
    const before = await suite.db
      .selectFrom('leads')
      .innerJoin('workspaces', 'workspaces.id', 'leads.workspace_id')
      .select(['leads.id', 'leads.engagement_score', 'leads.next_check_at', 'leads.scored_at'])
      .where('workspaces.slug', '=', 'demo-decay')
      .where('leads.engagement_score', '>', 1)
      .where('leads.stage', '<>', 'recycled')
      .executeTakeFirstOrThrow()
    // Due once its slowest-decaying points have halved: at most the demo agreement's 30-day half-life.
    const due = before.next_check_at!.getTime()
    assert.ok(due > before.scored_at.getTime() && due <= before.scored_at.getTime() + 30 * 86_400_000)
    const later = new Date(due)
    const early = await leadRefreshJob.handle(suite.db, new Date(later.getTime() - 86_400_000))
    const untouched = await suite.db
      .selectFrom('leads')
      .select('scored_at')
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow()
    assert.equal(
      untouched.scored_at.toISOString(),
      before.scored_at.toISOString(),
      `${early} leads were due early`,
    )
    let refreshed = 0
    for (let round = 0; round < 20; round++) refreshed += await leadRefreshJob.handle(suite.db, later)
    assert.ok(refreshed > 0)
    const after = await suite.db
      .selectFrom('leads')
      .select(['engagement_score', 'scored_at'])
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow()
    assert.equal(after.scored_at.toISOString(), later.toISOString())
    assert.ok(
      after.engagement_score < before.engagement_score,
      `${after.engagement_score} < ${before.engagement_score}`,
    )
  })
})
