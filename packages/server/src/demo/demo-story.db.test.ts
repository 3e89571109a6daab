// The demo workspace tells a B2B funnel's story in the reports: counts in ranges, since the story is
// generated (seeded, so the same numbers every run) and only its shape is the requirement.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql, type RawBuilder } from 'kysely'
import { forEachDatabase } from '../testing/test-database.ts'
import { seedDemoWorkspace } from './seed-demo-workspace.ts'
import { verifyProjections } from '../services/verify-projections.ts'
import { teamQueues } from '../services/team-queue.ts'

const NOW = new Date('2026-12-07T16:00:00Z')

forEachDatabase('demo story', (suite) => {
  test('the default demo reads as a B2B funnel with waiting leads, SLA breaches and spread reasons', async () => {
    await seedDemoWorkspace(suite.db, { slug: 'demo-story', leads: 400, now: NOW })
    const { id: workspaceId } = await suite.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo-story')
      .executeTakeFirstOrThrow()
    const rows = async <T>(query: RawBuilder<T>) => (await query.execute(suite.db)).rows

    // Funnel: of leads, a quarter or so become MQL; of those most are accepted; a third of SALs qualify.
    const [reached] = await rows(sql<Record<string, number>>`
      select count(distinct lead_id) filter (where to_stage = 'mql')::int as mql,
             count(*) filter (where to_stage = 'mql')::int as mql_entries,
             count(*) filter (where from_stage = 'mql' and to_stage = 'sal')::int as accepted,
             count(*) filter (where to_stage = 'sal')::int as sal_entries,
             count(*) filter (where to_stage = 'sql')::int as sql_entries,
             count(*) filter (where to_stage = 'opportunity')::int as deals,
             count(*) filter (where to_stage = 'customer')::int as won,
             count(*) filter (where from_stage = 'opportunity' and to_stage = 'recycled')::int as lost
      from transitions where workspace_id = ${workspaceId}`)
    const [counted] = await rows(
      sql<{ leads: number }>`select count(*)::int as leads from leads where workspace_id = ${workspaceId}`,
    )
    const leads = counted!.leads
    const funnel = reached!
    const share = (part: number, whole: number) => part / whole
    const facts = JSON.stringify({ leads, ...funnel })
    assert.ok(share(funnel.mql!, leads) >= 0.15 && share(funnel.mql!, leads) <= 0.3, `lead → MQL ${facts}`)
    const accepted = share(funnel.accepted!, funnel.mql_entries!)
    assert.ok(accepted >= 0.55 && accepted <= 0.8, `MQL → SAL ${facts}`)
    const qualified = share(funnel.sql_entries!, funnel.sal_entries!)
    assert.ok(qualified >= 0.2 && qualified <= 0.45, `SAL → SQL ${facts}`)
    assert.ok(share(funnel.deals!, funnel.sql_entries!) >= 0.5, `SQL → deal ${facts}`)
    assert.ok(funnel.won! >= 3 && funnel.lost! >= 1, `won and lost ${facts}`)

    // Leads sitting in SQL now, for days to weeks, before their deal opens.
    const inSql = await rows(sql<{ days: number }>`
      select extract(epoch from (${NOW}::timestamptz - stage_entered_at)) / 86400 as days
      from leads where workspace_id = ${workspaceId} and stage = 'sql'`)
    const ages = inSql.map((row) => Number(row.days))
    assert.ok(ages.length >= 3, `${ages.length} in SQL`)
    assert.ok(Math.max(...ages) >= 14 && ages.some((days) => days < 14), `SQL ages ${ages}`)

    // MQLs waiting now: in reps' inboxes (some past their SLA) and in the team queue.
    const waiting = await rows(sql<{ owned: boolean; breached: boolean }>`
      select l.owner_id is not null as owned,
             exists (select 1 from decisions d where d.workspace_id = l.workspace_id and d.lead_id = l.id
                     and d.kind = 'sla_breach' and d.decided_at >= l.stage_entered_at) as breached
      from leads l where l.workspace_id = ${workspaceId} and l.stage = 'mql'`)
    assert.ok(waiting.filter((row) => row.owned).length >= 2, JSON.stringify(waiting))
    assert.ok(
      waiting.some((row) => row.owned && row.breached),
      `an MQL past its SLA ${JSON.stringify(waiting)}`,
    )
    const queues = await teamQueues(suite.db, workspaceId, NOW)
    assert.ok(
      queues.teams.some((queue) => queue.leads.length > 0),
      'team queue entries',
    )

    // SLA breaches, fired by the SLA job: both outcomes, each reassignment a new hand-off.
    const breaches = await rows(sql<{ action: string; count: number }>`
      select data->>'action' as action, count(*)::int as count from decisions
      where workspace_id = ${workspaceId} and kind = 'sla_breach' group by 1`)
    const byAction = Object.fromEntries(breaches.map((row) => [row.action, row.count]))
    assert.ok((byAction.notify ?? 0) >= 5 && (byAction.reassign ?? 0) >= 2, JSON.stringify(byAction))
    const [handedOn] = await rows(sql<{ count: number }>`
      select count(*)::int as count from decisions
      where workspace_id = ${workspaceId} and kind = 'assign' and actor_type = 'system'
        and data->'reasons' @> '[{"code": "sla_lapsed"}]'`)
    assert.equal(handedOn!.count, byAction.reassign)

    // The bell: the job's notices about those breaches, each about a lead that breached.
    const notices = await rows(sql<{ kind: string; breached: boolean }>`
      select n.kind, exists (select 1 from decisions d where d.workspace_id = n.workspace_id
               and d.lead_id = n.lead_id and d.kind = 'sla_breach') as breached
      from notifications n where n.workspace_id = ${workspaceId} and n.kind like 'sla_%'`)
    const kinds = new Set(notices.map((notice) => notice.kind))
    for (const kind of ['sla_breached', 'sla_reassigned', 'sla_reassigned_to_you'])
      assert.ok(kinds.has(kind), `${kind} in ${[...kinds]}`)
    assert.ok(
      notices.every((notice) => notice.breached),
      'an SLA notice without a breach',
    )

    // Reasons spread like real teams report them: several codes, a few carry most, none all.
    const reasons = await rows(sql<{ reason: string; count: number }>`
      select reason, count(*)::int as count from decisions
      where workspace_id = ${workspaceId} and kind in ('reject', 'recycle', 'lose') and reason is not null
      group by 1 order by 2 desc`)
    const total = reasons.reduce((sum, row) => sum + row.count, 0)
    const top = reasons.map((row) => row.count / total)
    assert.ok(reasons.length >= 4, JSON.stringify(reasons))
    assert.ok(top[0]! < 0.5 && top[0]! + top[1]! + top[2]! >= 0.6, JSON.stringify(reasons))

    const verified = await verifyProjections(suite.db)
    assert.deepEqual(verified.differences, [])
  })
})
