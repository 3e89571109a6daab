// Ingestion folds on from each lead's stored snapshot: new transitions are appended, a late event
// rewrites only the history from its instant on, and engagement is read at any instant from the
// stored terms, with no job refreshing it.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { eventRepository } from '../db/event.repository.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { forEachDatabase, createTestWorkspace } from '../testing/test-database.ts'
import { compileAgreement } from '#core/agreement/compile-agreement.ts'
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'
import { leadRefreshJob } from '../jobs/lead-refresh.job.ts'
import { creditTouchpoints, engagementAt } from '#core/scoring/credit-touchpoints.ts'
import { ingestEvents } from './ingest-events.ts'
import { listLeads } from './list-leads.ts'
import { parseAgreementInput } from './replace-agreement.ts'
import { starterAgreementText } from './starter-agreement.ts'
import { verifyProjections } from './verify-projections.ts'

const DAY = 86_400_000
const NOW = new Date('2026-11-02T09:00:00Z')
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString()

async function workspaceWithStarter(
  db: Kysely<Database>,
  change: (document: AgreementDocument) => AgreementDocument = (document) => document,
) {
  const workspace = await createTestWorkspace(db)
  const parsed = parseAgreementInput({
    text: await starterAgreementText({ timezone: 'Europe/Berlin' }),
    format: 'yaml',
  })
  const document = change(parsed.document)
  const source = document === parsed.document ? parsed.source : JSON.stringify(document)
  await inTransaction(db, (trx) =>
    agreementRepository.activateNew(trx, workspace.id, {
      document,
      source,
      createdBy: null,
      at: new Date(NOW.getTime() - 365 * DAY),
    }),
  )
  return { workspace, agreement: compileAgreement(document) }
}

const lead = { email: 'ina.kraus@maschinen-kraus.de', firstName: 'Ina', title: 'Head of Operations' }
const event = (id: string, type: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  id,
  type,
  occurredAt,
  source: 'website',
  lead,
  ...extra,
})

async function ingest(db: Kysely<Database>, workspaceId: string, items: unknown[], now = NOW) {
  const outcome = await inTransaction(db, (trx) => ingestEvents(trx, workspaceId, items, now))
  assert.equal(outcome.rejected, 0, JSON.stringify(outcome.errors))
  return outcome
}

/** Each stored transition with the transaction that last wrote it: a rewritten row gets a new one. */
async function storedHistory(db: Kysely<Database>, workspaceId: string) {
  const result = await sql<{ seq: number; to_stage: string; at: Date; written_by: string }>`
    select seq, to_stage, at, xmin::text as written_by from transitions
    where workspace_id = ${workspaceId} order by seq`.execute(db)
  return result.rows
}

forEachDatabase('incremental projection', (suite) => {
  it('engagement read at any instant equals the exact decay of every credit, without a refresh job', async () => {
    const { workspace, agreement } = await workspaceWithStarter(suite.db)
    const items = [
      event('e1', 'page_view', ago(40)),
      event('e2', 'webinar_attended', ago(33)),
      event('e3', 'content_download', ago(20)),
      event('e4', 'email_click', ago(9)),
      event('e5', 'unsubscribe', ago(2)),
      event('e6', 'trial_signup', ago(1)),
    ]
    await ingest(suite.db, workspace.id, items)
    const [leadId] = (
      await suite.db.selectFrom('leads').select('id').where('workspace_id', '=', workspace.id).execute()
    ).map((row) => row.id)
    const touchpoints = (await eventRepository.listForLeads(suite.db, workspace.id, [leadId!])).get(leadId!)!
    const credits = creditTouchpoints(agreement, touchpoints)
    for (const days of [0, 0.5, 3, 14, 17.25, 60, 400]) {
      const at = new Date(NOW.getTime() + days * DAY)
      const exact = engagementAt(credits, at.getTime())
      const { items: listed } = await listLeads(suite.db, workspace.id, {
        at,
        sort: 'engagement',
        order: 'desc',
        limit: 10,
      })
      assert.equal(listed.length, 1)
      assert.ok(
        Math.abs(listed[0]!.engagement - exact) <= 1e-9 * Math.max(1, exact),
        `${days} days: ${listed[0]!.engagement} vs ${exact}`,
      )
      const inSql = await sql<{ value: number }>`
        select takt_engagement(engagement_terms, scored_at, ${at}) as value from leads where id = ${leadId}`.execute(
        suite.db,
      )
      assert.ok(
        Math.abs(Number(inSql.rows[0]!.value) - exact) <= 1e-9 * Math.max(1, exact),
        `SQL at ${days} days`,
      )
      // The filters read the same value: just below it matches, just above it does not.
      const below = await listLeads(suite.db, workspace.id, {
        at,
        sort: 'engagement',
        order: 'desc',
        limit: 10,
        minEngagement: exact - 0.01,
      })
      const above = await listLeads(suite.db, workspace.id, {
        at,
        sort: 'engagement',
        order: 'desc',
        limit: 10,
        minEngagement: exact + 0.01,
      })
      assert.equal(below.items.length, 1)
      assert.equal(above.items.length, 0)
    }
  })

  it('orders by engagement now, exactly, where older high scores have decayed below newer ones', async () => {
    const { workspace } = await workspaceWithStarter(suite.db)
    // Many leads, each scored once when its events arrived: a hot lead from long ago, cooler recent ones.
    const items = Array.from({ length: 60 }, (_, index) => ({
      id: `x${index}`,
      type: index % 3 === 0 ? 'webinar_attended' : 'content_download',
      occurredAt: ago((index * 7) % 90),
      source: 'website',
      lead: { email: `lead${index}@firma${index}.de`, title: 'Werkleiter' },
    }))
    await ingest(suite.db, workspace.id, items)
    const at = new Date(NOW.getTime() + 10 * DAY)
    const seen: Array<{ id: string; engagement: number }> = []
    let cursor: string | undefined
    do {
      const page = await listLeads(suite.db, workspace.id, {
        at,
        sort: 'engagement',
        order: 'desc',
        limit: 7,
        ...(cursor ? { cursor } : {}),
      })
      seen.push(...page.items.map((item) => ({ id: item.id, engagement: item.engagement })))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    assert.equal(seen.length, 60)
    assert.equal(new Set(seen.map((item) => item.id)).size, 60)
    for (let index = 1; index < seen.length; index++) {
      assert.ok(seen[index - 1]!.engagement >= seen[index]!.engagement, `sorted at ${index}`)
    }
    // The same order as computing every lead's value in SQL and sorting by it.
    const ascending = await listLeads(suite.db, workspace.id, {
      at,
      sort: 'engagement',
      order: 'asc',
      limit: 100,
    })
    assert.deepEqual(
      ascending.items.map((item) => item.id).reverse(),
      seen.map((item) => item.id),
    )
  })

  it('a batch after the snapshot appends transitions and leaves the stored ones untouched', async () => {
    const { workspace } = await workspaceWithStarter(suite.db)
    await ingest(suite.db, workspace.id, [event('a1', 'page_view', ago(10))])
    const before = await storedHistory(suite.db, workspace.id)
    assert.deepEqual(
      before.map((row) => row.to_stage),
      ['lead'],
    )
    await ingest(suite.db, workspace.id, [event('a2', 'demo_request', ago(5))])
    const after = await storedHistory(suite.db, workspace.id)
    assert.deepEqual(
      after.map((row) => row.to_stage),
      ['lead', 'mql'],
    )
    assert.equal(after[0]!.written_by, before[0]!.written_by, 'the first transition was not written again')
    const verified = await verifyProjections(suite.db)
    assert.deepEqual(
      verified.differences.filter((difference) => difference.workspace === workspace.slug),
      [],
    )
  })

  it('a late event rewrites only the history from its instant on, and the result equals a full replay', async () => {
    const { workspace } = await workspaceWithStarter(suite.db)
    await ingest(suite.db, workspace.id, [
      event('b1', 'page_view', ago(30)),
      event('b2', 'demo_request', ago(5)),
    ])
    const before = await storedHistory(suite.db, workspace.id)
    assert.deepEqual(
      before.map((row) => [row.to_stage, row.at.toISOString()]),
      [
        ['lead', ago(30)],
        ['mql', ago(5)],
      ],
    )
    // A hand-raise that happened earlier arrives late: the lead became MQL then, not five days ago.
    await ingest(suite.db, workspace.id, [event('b3', 'contact_sales', ago(12))])
    const after = await storedHistory(suite.db, workspace.id)
    assert.deepEqual(
      after.map((row) => [row.to_stage, row.at.toISOString()]),
      [
        ['lead', ago(30)],
        ['mql', ago(12)],
      ],
    )
    assert.equal(after[0]!.written_by, before[0]!.written_by, 'history before the late event was kept')
    assert.notEqual(after[1]!.written_by, before[1]!.written_by, 'the tail was written again')
    const verified = await verifyProjections(suite.db)
    assert.deepEqual(
      verified.differences.filter((difference) => difference.workspace === workspace.slug),
      [],
    )
  })
  it("the reports' per-lead row and each stay's start follow the history, late and earlier events included", async () => {
    const { workspace } = await workspaceWithStarter(suite.db)
    const milestones = async () =>
      suite.db
        .selectFrom('lead_milestones')
        .select(['created_at', 'source', 'campaign', 'mql_at', 'sal_at', 'first_mql_at', 'recycled'])
        .where('workspace_id', '=', workspace.id)
        .execute()
    const stays = async () =>
      (
        await suite.db
          .selectFrom('transitions')
          .select(['to_stage', 'at', 'from_at', 'campaign'])
          .where('workspace_id', '=', workspace.id)
          .orderBy('seq')
          .execute()
      ).map((row) => [row.to_stage, row.at.toISOString(), row.from_at?.toISOString() ?? null, row.campaign])
    await ingest(suite.db, workspace.id, [
      event('m1', 'page_view', ago(30), { properties: { utm_campaign: 'spring' } }),
      event('m2', 'demo_request', ago(5)),
    ])
    assert.deepEqual(await milestones(), [
      {
        created_at: new Date(ago(30)),
        source: 'website',
        campaign: 'spring',
        mql_at: new Date(ago(5)),
        sal_at: null,
        first_mql_at: new Date(ago(5)),
        recycled: false,
      },
    ])
    assert.deepEqual(await stays(), [
      ['lead', ago(30), null, 'spring'],
      ['mql', ago(5), ago(30), 'spring'],
    ])
    // Two late events: a hand-raise that moves the MQL entry back, and a first touch before all others
    // that moves the creation and names another campaign. The rewritten tail starts where the kept
    // history ends.
    await ingest(suite.db, workspace.id, [
      event('m3', 'contact_sales', ago(12)),
      event('m0', 'page_view', ago(40), { properties: { utm_campaign: 'winter' } }),
    ])
    assert.deepEqual(await milestones(), [
      {
        created_at: new Date(ago(40)),
        source: 'website',
        campaign: 'winter',
        mql_at: new Date(ago(12)),
        sal_at: null,
        first_mql_at: new Date(ago(12)),
        recycled: false,
      },
    ])
    assert.deepEqual(await stays(), [
      ['lead', ago(40), null, 'winter'],
      ['mql', ago(12), ago(40), 'winter'],
    ])
  })

  it('a rule time alone makes true fires through the due-leads round, at its instant, with no new input', async () => {
    const { workspace } = await workspaceWithStarter(suite.db, (document) => ({
      ...document,
      disqualifiers: [
        ...(document.disqualifiers ?? []),
        { id: 'inactive', reason: 'no_response', when: { not: { touchpoints: {}, withinDays: 30 } } },
      ],
    }))
    await ingest(suite.db, workspace.id, [event('d1', 'page_view', ago(10))])
    const row = () =>
      suite.db
        .selectFrom('leads')
        .select(['stage', 'next_check_at'])
        .where('workspace_id', '=', workspace.id)
        .executeTakeFirstOrThrow()
    const due = new Date(Math.ceil((Date.parse(ago(10)) + 30 * DAY + 1) / 60_000) * 60_000)
    assert.deepEqual(await row(), { stage: 'lead', next_check_at: due })
    // Nothing is due yet a day before; on the day, the round folds the lead and the rule fires then.
    await leadRefreshJob.handle(suite.db, new Date(due.getTime() - DAY))
    assert.equal((await row()).stage, 'lead')
    await leadRefreshJob.handle(suite.db, new Date(due.getTime() + 60_000))
    assert.equal((await row()).stage, 'disqualified')
    const history = await storedHistory(suite.db, workspace.id)
    assert.deepEqual(
      history.map((entry) => [entry.to_stage, entry.at.toISOString()]),
      [
        ['lead', ago(10)],
        ['disqualified', due.toISOString()],
      ],
    )
  })

  it('a long-lived lead keeps checkpoints, and after a late event they equal a full rebuild', async () => {
    const { workspace } = await workspaceWithStarter(suite.db)
    const views = Array.from({ length: 120 }, (_, day) => event(`c${day}`, 'page_view', ago(200 - day)))
    await ingest(suite.db, workspace.id, views)
    const checkpoints = async () =>
      (
        await suite.db
          .selectFrom('leads')
          .select('checkpoints')
          .where('workspace_id', '=', workspace.id)
          .executeTakeFirstOrThrow()
      ).checkpoints?.map((checkpoint) => [new Date(checkpoint.at!).toISOString(), checkpoint.touchpoints])
    assert.deepEqual(await checkpoints(), [
      [ago(151), 50],
      [ago(101), 100],
    ])
    // Late, between the two: folded on from the first, which stays; the second is taken a day earlier.
    await ingest(suite.db, workspace.id, [event('late', 'content_click', ago(120))])
    assert.deepEqual(await checkpoints(), [
      [ago(151), 50],
      [ago(102), 100],
    ])
    // In order and no 50 touchpoints further: the stored checkpoints are kept as they are, not rewritten.
    await ingest(suite.db, workspace.id, [event('recent', 'page_view', ago(1))])
    assert.deepEqual(await checkpoints(), [
      [ago(151), 50],
      [ago(102), 100],
    ])
    const verified = await verifyProjections(suite.db)
    assert.deepEqual(
      verified.differences.filter((difference) => difference.workspace === workspace.slug),
      [],
    )
  })
})
