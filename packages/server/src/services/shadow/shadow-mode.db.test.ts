// Shadow mode on live traffic: leads ingested under the active version A while version B (a lower MQL
// threshold) runs in shadow. The shadow records what B would have decided without touching the leads,
// its report equals a backtest of B over the same leads, and a round run again records nothing twice.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { forEachDatabase } from '../../testing/test-database.ts'
import { seedTestWorkspace } from '../../testing/test-app.ts'
import { staffWithTestReps } from '../../testing/staffed-agreement.ts'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../../demo/seed-demo-workspace.ts'
import type { Database } from '../../db/tables.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import { shadowJob } from '../../jobs/shadow.job.ts'
import { isDomainError } from '#core/errors.ts'
import type { LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { ingestBatch } from '../ingest-batch.ts'
import { decideLead } from '../decide-lead.ts'
import { createDraft, proposeVersion } from '../agreement-governance.ts'
import type { GovernanceCaller } from '../agreement-governance-step.ts'
import { runBacktest } from '../backtest/run-backtest.ts'
import { eraseLead } from '../erase-lead.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { recordShadowPage } from './record-shadow.ts'
import { getShadow, getShadowChangedLeads, startShadow, stopShadow } from './shadow-runs.ts'

const KEY = { type: 'api_key', id: null } as const
const STARTED = new Date('2026-11-02T08:00:00Z')
const FIRST_ROUND = new Date('2026-11-05T00:00:00Z')
const webinar = (id: string, email: string, occurredAt: string) => ({
  ...handRaiser(id, email, { occurredAt }),
  type: 'webinar_attended',
  source: 'webinar',
})

forEachDatabase('shadow mode', (suite) => {
  const ingest = (workspaceId: string, event: Record<string, unknown> & { occurredAt: string }) =>
    ingestBatch(suite.db, workspaceId, KEY, [event], new Date(Date.parse(event.occurredAt) + 60_000))
  const leadOf = (workspaceId: string, email: string) =>
    suite.db
      .selectFrom('leads')
      .select(['id', 'owner_id'])
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  const decide = async (workspaceId: string, email: string, command: LeadCommand, at: string) => {
    const lead = await leadOf(workspaceId, email)
    assert.ok(lead.owner_id, `${email} has an owner`)
    await decideLead(
      suite.db,
      workspaceId,
      lead.id,
      command,
      { type: 'user', id: lead.owner_id },
      new Date(at),
    )
  }

  /**
   * Version A active, B (MQL at engagement 15 instead of 50: a webinar is enough) proposed, a lead
   * created before B's shadow starts, then four new leads: two webinar attendees (MQL under B only),
   * a demo request that sales accepts and one that sales rejects (MQL under both).
   */
  const liveTraffic = async () => {
    const slug = `shadow-${randomBytes(4).toString('hex')}`
    const text = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25).replaceAll(
      '@acme.test',
      `@${slug}.test`,
    )
    const seeded = await seedTestWorkspace(suite.db, slug, {
      agreement: { text, format: 'yaml' },
      at: new Date('2026-01-01T00:00:00Z'),
    })
    const marketing: GovernanceCaller = {
      actor: { type: 'user', id: seeded.users.marketing.id },
      userId: seeded.users.marketing.id,
      role: 'marketing',
      isAdmin: false,
    }
    // A lower bar: 15 engagement points (one webinar) and no need to have moved to the decision stage.
    const lowered = text.replace(
      '{ score: engagement, gte: 50 }\n        - { signal: decision_shift }',
      '{ score: engagement, gte: 15 }',
    )
    assert.notEqual(lowered, text)
    const draftedAt = new Date('2026-11-01T12:00:00Z')
    const b = (
      await createDraft(suite.db, seeded.id, marketing, { text: lowered, format: 'yaml' }, draftedAt)
    ).stored.version
    const a = (await agreementRepository.findActive(suite.db, seeded.id))!.version

    // Created before the shadow starts: not one of its leads, though its touchpoint is seconds old.
    await ingest(seeded.id, webinar('old-webinar', 'old@old-werk.de', '2026-11-01T09:00:00Z'))
    const early = await startShadow(suite.db, seeded.id, { version: b, days: 14 }, null, STARTED).then(
      () => assert.fail('a draft cannot run in shadow mode'),
      (error: unknown) => error,
    )
    assert.ok(isDomainError(early) && early.code === 'AGREEMENT_STEP_NOT_ALLOWED')
    assert.equal(early.details.versionStatus, 'draft')
    await proposeVersion(suite.db, seeded.id, marketing, b, null, draftedAt)
    const shadow = await startShadow(suite.db, seeded.id, { version: b, days: 14 }, marketing.userId, STARTED)

    await ingest(seeded.id, webinar('w1-webinar', 'w1@w1-fabrik.de', '2026-11-02T09:00:00Z'))
    await ingest(seeded.id, webinar('w2-webinar', 'w2@w2-fabrik.de', '2026-11-03T09:00:00Z'))
    await ingest(seeded.id, handRaiser('d1-demo', 'd1@d1-werk.de', { occurredAt: '2026-11-02T10:00:00Z' }))
    await decide(seeded.id, 'd1@d1-werk.de', { kind: 'accept' }, '2026-11-03T10:00:00Z')
    await ingest(seeded.id, handRaiser('d2-demo', 'd2@d2-werk.de', { occurredAt: '2026-11-03T11:00:00Z' }))
    await decide(seeded.id, 'd2@d2-werk.de', { kind: 'reject', reason: 'no_budget' }, '2026-11-04T10:00:00Z')
    return { id: seeded.id, a, b, shadow }
  }

  /** Everything a shadow must leave alone: the leads' stages and owners, their history, the outboxes. */
  const liveState = async (db: Kysely<Database>, workspaceId: string) => {
    const leads = await db
      .selectFrom('leads')
      .select(['id', 'stage', 'owner_id', 'lane', 'updated_at', 'agreement_version'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('id')
      .execute()
    const count = async (
      table: 'transitions' | 'webhook_events' | 'notifications' | 'decisions' | 'audit_log',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select(sql<number>`count(*)::int`.as('n'))
            .where('workspace_id', '=', workspaceId)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const { rows: jobs } = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where data->>'workspaceId' = ${workspaceId}`.execute(db)
    return {
      leads,
      transitions: await count('transitions'),
      webhookEvents: await count('webhook_events'),
      notifications: await count('notifications'),
      decisions: await count('decisions'),
      audit: await count('audit_log'),
      jobs: jobs[0]!.n,
    }
  }
  const rowsOf = (shadowId: string) =>
    suite.db
      .selectFrom('shadow_leads')
      .innerJoin('leads', (join) =>
        join
          .onRef('leads.workspace_id', '=', 'shadow_leads.workspace_id')
          .onRef('leads.id', '=', 'shadow_leads.lead_id'),
      )
      .select(['leads.email'])
      .select([
        'shadow_leads.lead_id',
        'shadow_leads.shadow_mql_at',
        'shadow_leads.shadow_explanations',
        'shadow_leads.shadow_lane',
        'shadow_leads.baseline_mql_at',
        'shadow_leads.baseline_explanations',
        'shadow_leads.updated_at',
      ])
      .where('shadow_leads.shadow_id', '=', shadowId)
      .orderBy('shadow_leads.lead_id')
      .execute()

  it('records what the shadow version would decide for new leads without acting on any', async () => {
    const { id, a, b, shadow } = await liveTraffic()
    assert.equal(shadow.baselineVersion, a)
    assert.equal(shadow.status, 'running')
    const before = await liveState(suite.db, id)
    assert.equal(before.transitions > 0, true)

    const replayed = await shadowJob.handle(suite.db, FIRST_ROUND)
    assert.ok(replayed >= 4, `replayed ${replayed}`)
    assert.deepEqual(await liveState(suite.db, id), before, 'the shadow changed nothing live')

    const rows = await rowsOf(shadow.id)
    const byEmail = new Map(rows.map((row) => [row.email, row]))
    assert.deepEqual([...byEmail.keys()].sort(), [
      'd1@d1-werk.de',
      'd2@d2-werk.de',
      'w1@w1-fabrik.de',
      'w2@w2-fabrik.de',
    ])
    for (const email of ['w1@w1-fabrik.de', 'w2@w2-fabrik.de']) {
      const row = byEmail.get(email)!
      assert.ok(row.shadow_mql_at, `${email} is MQL under B`)
      assert.ok(row.shadow_explanations.length > 0, `${email} says why`)
      assert.equal(row.baseline_mql_at, null, `${email} is not MQL under A`)
      // Really not MQL: A is what acted.
      const stage = before.leads.find((lead) => lead.id === row.lead_id)!.stage
      assert.equal(stage, 'lead')
    }
    for (const email of ['d1@d1-werk.de', 'd2@d2-werk.de']) {
      const row = byEmail.get(email)!
      assert.ok(row.shadow_mql_at && row.baseline_mql_at, `${email} is MQL under both`)
      assert.equal(row.shadow_mql_at.getTime(), row.baseline_mql_at.getTime())
    }

    const detail = await getShadow(suite.db, id, shadow.id, FIRST_ROUND)
    assert.equal(detail.leadsSeen, 4)
    assert.deepEqual(detail.lastRunAt, FIRST_ROUND)
    assert.equal(detail.report.versions[0].version, b)
    assert.equal(detail.report.versions[0].mqls, 4)
    assert.equal(detail.report.versions[1].mqls, 2)
    assert.equal(detail.report.changedLeads, 2)
    assert.equal(detail.report.rejections.rejected, 1)
    assert.equal(detail.report.rejections.stillSent.candidate, 1)
    // Same leads, same instant: a backtest of B against A says exactly the same.
    const backtest = await runBacktest(
      suite.db,
      id,
      { candidate: { version: b }, against: a, period: { from: '2026-11-02', to: '2026-11-05' } },
      FIRST_ROUND,
    )
    assert.deepEqual(detail.report, backtest)

    const changed = await getShadowChangedLeads(suite.db, id, shadow.id, { limit: 1 })
    assert.equal(changed.items.length, 1)
    assert.equal(changed.items[0]!.change, 'only_candidate')
    assert.ok(changed.items[0]!.candidate.explanations.length > 0)
    const rest = await getShadowChangedLeads(suite.db, id, shadow.id, { limit: 10, after: changed.next! })
    assert.deepEqual(
      [...changed.items, ...rest.items].map((item) => item.leadId).sort(),
      ['w1@w1-fabrik.de', 'w2@w2-fabrik.de'].map((email) => byEmail.get(email)!.lead_id).sort(),
    )
    assert.equal(rest.next, null)
  })

  it('a round run again, or page by page, records nothing twice', async () => {
    const { id, shadow } = await liveTraffic()
    await shadowJob.handle(suite.db, FIRST_ROUND)
    const first = await rowsOf(shadow.id)
    const live = await liveState(suite.db, id)

    // A second instance's round a minute later over the same activity (within the look-back): the
    // leads are replayed again and decide the same, so not even updated_at moves.
    assert.ok((await shadowJob.handle(suite.db, new Date(FIRST_ROUND.getTime() + 60_000))) >= 4)
    assert.deepEqual(await rowsOf(shadow.id), first)
    // Page by page from a cleared checkpoint, as after a crash before the round's last page.
    await suite.db
      .updateTable('shadow_runs')
      .set({ checkpoint_at: new Date('2000-01-01T00:00:00Z') })
      .where('id', '=', shadow.id)
      .execute()
    const page = await recordShadowPage(suite.db, id, shadow.id, FIRST_ROUND, 1)
    assert.deepEqual(page, { leads: 1, roundDone: false })
    const midRound = await suite.db
      .selectFrom('shadow_runs')
      .select(['round_after', 'round_began_at'])
      .where('id', '=', shadow.id)
      .executeTakeFirstOrThrow()
    assert.ok(midRound.round_after && midRound.round_began_at, 'the cursor is kept between pages')
    await shadowJob.handle(suite.db, FIRST_ROUND, 1)
    assert.deepEqual(await rowsOf(shadow.id), first)
    assert.deepEqual(await liveState(suite.db, id), live)
    const after = await getShadow(suite.db, id, shadow.id, FIRST_ROUND)
    assert.equal(after.leadsSeen, 4)
  })

  it('an erased lead leaves the shadow with the next round', async () => {
    const { id, shadow } = await liveTraffic()
    await shadowJob.handle(suite.db, FIRST_ROUND)
    const w1 = await leadOf(id, 'w1@w1-fabrik.de')
    await withWorkspace(suite.db, id, (scoped) =>
      eraseLead(scoped, id, w1.id, { actor: KEY, cause: 'request', now: FIRST_ROUND }),
    )
    await shadowJob.handle(suite.db, new Date('2026-11-05T01:00:00Z'))
    const rows = await rowsOf(shadow.id)
    assert.equal(rows.length, 3)
    assert.ok(rows.every((row) => row.lead_id !== w1.id))
    const detail = await getShadow(suite.db, id, shadow.id, FIRST_ROUND)
    assert.equal(detail.leadsSeen, 3)
    assert.equal(detail.report.changedLeads, 1)
  })

  it('records a last round past its end and finishes; a stopped shadow stays as it was', async () => {
    const { id, b, shadow } = await liveTraffic()
    await shadowJob.handle(suite.db, FIRST_ROUND)
    // Inside the period, seen by the last round; then one after the end, which no version may count.
    await ingest(id, webinar('w3-webinar', 'w3@w3-fabrik.de', '2026-11-10T09:00:00Z'))
    await ingest(id, webinar('w4-webinar', 'w4@w4-fabrik.de', '2026-11-16T09:00:00Z'))
    const afterEnd = new Date('2026-11-20T00:00:00Z')
    await shadowJob.handle(suite.db, afterEnd)
    const finished = await getShadow(suite.db, id, shadow.id, afterEnd)
    assert.equal(finished.status, 'finished')
    assert.deepEqual(finished.finishedAt, afterEnd)
    assert.equal(finished.report.versions[0].mqls, 5)
    assert.equal(finished.report.period.to, '2026-11-16')
    // Finished: later rounds leave it alone, and it cannot be stopped.
    await ingest(id, webinar('w5-webinar', 'w5@w5-fabrik.de', '2026-11-21T09:00:00Z'))
    await shadowJob.handle(suite.db, new Date('2026-11-22T00:00:00Z'))
    assert.equal((await getShadow(suite.db, id, shadow.id, afterEnd)).leadsSeen, finished.leadsSeen)
    await assert.rejects(stopShadow(suite.db, id, shadow.id, afterEnd), { code: 'SHADOW_FINISHED' })

    // The version may run again; stopped, it records nothing more.
    const again = await startShadow(suite.db, id, { version: b, days: 1 }, null, afterEnd)
    await assert.rejects(startShadow(suite.db, id, { version: b }, null, afterEnd), {
      code: 'SHADOW_RUNNING',
    })
    const stopped = await stopShadow(suite.db, id, again.id, afterEnd)
    assert.equal(stopped.status, 'stopped')
    await ingest(id, webinar('w6-webinar', 'w6@w6-fabrik.de', '2026-11-20T09:00:00Z'))
    await shadowJob.handle(suite.db, new Date('2026-11-21T00:00:00Z'))
    assert.equal((await rowsOf(again.id)).length, 0)
  })
})
