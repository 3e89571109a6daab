// Every report over a small history built by hand through the real services (ingestion, decisions),
// each figure checked against values computed by hand from the story below, on PGlite and PostgreSQL.
//
// March 2025, Europe/Berlin (UTC+1; the period is 28 Feb 23:00Z to 31 Mar 22:00Z). Hand-raisers become
// MQL at once and routing hands them to a rep (sales or sales2) in the same instant. Times are UTC:
//   dora   website   demo 02-26 09:00 (before the period) → accepted 03-04 09:00 → sent back bad_timing
//                    03-06 10:00
//   anna   website   demo 03-03 09:00 → accepted 10:00 → SQL 03-05 09:00 → deal 03-10 09:00 (50,000) → won
//                    03-20 09:00
//   george website   demo 03-04 09:30 → accepted 11:00 → SQL 03-05 11:00 → deal 03-06 11:00 (20,000) → lost
//                    no_budget 03-10 11:00 → handed to sales 03-17 11:00 (MQL) → accepted 03-18 11:00 → SQL
//                    03-19 11:00
//   emil   newsletter  a page view 03-06 09:00 with utm_campaign spring: stays a lead
//   bernd  website   demo 03-12 09:00 → rejected no_budget 12:00 → asks again 03-25 09:00 (cooling down)
//   clara  webinar   demo 03-19 09:00 → accepted 03-20 09:30 (after the SLA deadline)
//   frank  website   demo 03-24 09:00 → nobody answers → 03-26 08:00 team lead told, reassigned
// Now is 1 April 08:00.
import { before, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { forEachDatabase } from '../../testing/test-database.ts'
import { seedTestWorkspace, type TestWorkspace } from '../../testing/test-app.ts'
import { staffWithTestReps } from '../../testing/staffed-agreement.ts'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../../demo/seed-demo-workspace.ts'
import { ingestBatch } from '../ingest-batch.ts'
import { decideLead } from '../decide-lead.ts'
import { undoDecision } from '../undo-decision.ts'
import type { LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { slaBreachJob } from '../../jobs/sla-breach.job.ts'
import { runReport, type ReportRequest } from './run-report.ts'
import type { FunnelReport } from './funnel-report.ts'
import type { ScoreBand } from './calibration-report.ts'
import type { LeadLink } from './report-links.ts'
import { listLeads } from '../list-leads.ts'
import { parseScoreRange } from '#core/util/score-range.ts'

const PERIOD = { from: '2025-03-01', to: '2025-03-31' }
const NOW = new Date('2025-04-01T08:00:00Z')

type Story = { workspace: TestWorkspace; leadId: Map<string, string> }

async function tellStory(db: Kysely<Database>, slug: string): Promise<Story> {
  const text = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25).replaceAll(
    '@acme.test',
    `@${slug}.test`,
  )
  const workspace = await seedTestWorkspace(db, slug, {
    agreement: { text, format: 'yaml' },
    at: new Date('2025-01-01T00:00:00Z'),
  })
  const ingest = async (event: object, at: string) => {
    const outcome = await ingestBatch(db, workspace.id, { type: 'api_key', id: null }, [event], new Date(at))
    assert.equal(outcome.rejected, 0, JSON.stringify(outcome))
  }
  const demo = (name: string, at: string, source = 'website') =>
    ingest({ ...handRaiser(`${name}-${at}`, `${name}@${name}-werk.de`, { occurredAt: at }), source }, at)
  const leadOf = async (name: string) =>
    db
      .selectFrom('leads')
      .select(['id', 'email', 'account_id', 'owner_id'])
      .where('workspace_id', '=', workspace.id)
      .where('email', '=', `${name}@${name}-werk.de`)
      .executeTakeFirstOrThrow()
  const decide = async (name: string, command: LeadCommand, at: string) => {
    const lead = await leadOf(name)
    // The owning rep decides; an unowned lead is taken by the first rep.
    const actor =
      command.kind === 'hand_to_sales'
        ? workspace.users.manager.id
        : (lead.owner_id ?? workspace.users.sales.id)
    await decideLead(db, workspace.id, lead.id, command, { type: 'user', id: actor }, new Date(at))
  }
  const bant = { confirmed: { bant: ['need', 'budget', 'timeline'] } }
  await demo('dora', '2025-02-26T09:00:00Z')
  await demo('anna', '2025-03-03T09:00:00Z')
  await decide('anna', { kind: 'accept' }, '2025-03-03T10:00:00Z')
  await decide('dora', { kind: 'accept' }, '2025-03-04T09:00:00Z')
  await demo('george', '2025-03-04T09:30:00Z')
  await decide('george', { kind: 'accept' }, '2025-03-04T11:00:00Z')
  await decide('anna', { kind: 'qualify', checklist: bant }, '2025-03-05T09:00:00Z')
  await decide('george', { kind: 'qualify', checklist: bant }, '2025-03-05T11:00:00Z')
  await ingest(
    {
      id: 'emil-1',
      type: 'page_view',
      occurredAt: '2025-03-06T09:00:00Z',
      source: 'newsletter',
      properties: { utm_campaign: 'spring' },
      lead: { email: 'emil@emil-werk.de' },
    },
    '2025-03-06T09:00:00Z',
  )
  await decide('dora', { kind: 'recycle', reason: 'bad_timing' }, '2025-03-06T10:00:00Z')
  await decide(
    'george',
    { kind: 'open_deal', amount: 20_000, expectedCloseDate: '2025-04-30' },
    '2025-03-06T11:00:00Z',
  )
  await decide(
    'anna',
    { kind: 'open_deal', amount: 50_000, expectedCloseDate: '2025-04-30' },
    '2025-03-10T09:00:00Z',
  )
  await decide('george', { kind: 'lose', reason: 'no_budget' }, '2025-03-10T11:00:00Z')
  await demo('bernd', '2025-03-12T09:00:00Z')
  await decide('bernd', { kind: 'reject', reason: 'no_budget' }, '2025-03-12T12:00:00Z')
  await decide('george', { kind: 'hand_to_sales', reason: 'asked for a new quote' }, '2025-03-17T11:00:00Z')
  await decide('george', { kind: 'accept' }, '2025-03-18T11:00:00Z')
  await demo('clara', '2025-03-19T09:00:00Z', 'webinar')
  await decide('george', { kind: 'qualify', checklist: bant }, '2025-03-19T11:00:00Z')
  await decide('anna', { kind: 'win' }, '2025-03-20T09:00:00Z')
  await decide('clara', { kind: 'accept' }, '2025-03-20T09:30:00Z')
  await demo('frank', '2025-03-24T09:00:00Z')
  // Bernd asks for a demo again while cooling down (60 days for no_budget): his rep is told.
  await demo('bernd', '2025-03-25T09:00:00Z')
  // Nobody answered frank: the team lead is told after 8 business hours, and after 16 he goes to the
  // other rep.
  await slaBreachJob.handle(db, new Date('2025-03-26T08:00:00Z'))
  const rows = await db
    .selectFrom('leads')
    .select(['id', 'email'])
    .where('workspace_id', '=', workspace.id)
    .execute()
  return { workspace, leadId: new Map(rows.map((row) => [row.email.split('@')[0]!, row.id])) }
}

forEachDatabase('reports', (suite) => {
  let story: Story
  const report = (request: Omit<ReportRequest, 'from' | 'to'> & Partial<ReportRequest>) =>
    runReport(suite.db, story.workspace.id, { ...PERIOD, ...request }, NOW)

  before(async () => {
    story = await tellStory(suite.db, 'acme')
  })

  const stageFigures = (stages: FunnelReport['stages']) =>
    stages.map((stage) => [stage.stage, stage.entered, stage.conversionFromPrevious, stage.medianDays])
  const userId = (role: 'sales' | 'sales2') => story.workspace.users[role].id
  /** The names of the leads a report's link opens: its query in the list's terms (GET /leads reads it so). */
  const listed = async (link: LeadLink) => {
    const { entered, firstTouchFrom, firstTouchTo, ...query } = link.query
    const at = (value: string | undefined) => (value === undefined ? undefined : new Date(value))
    const page = await listLeads(suite.db, story.workspace.id, {
      stage: query.stage,
      source: query.source,
      lane: query.lane,
      owner: query.owner,
      entered: entered && {
        stages: entered,
        from: at(query.enteredFrom),
        to: at(query.enteredTo),
        owner: query.enteredOwner,
        version: query.enteredVersion,
        leaving: query.enteredLeaving,
        reason: query.enteredReason,
        by: query.enteredBy,
      },
      firstTouch: { from: at(firstTouchFrom), to: at(firstTouchTo) },
      firstMql: {
        from: at(query.firstMqlFrom),
        to: at(query.firstMqlTo),
        version: query.firstMqlVersion,
        fit: query.firstMqlFit === undefined ? undefined : parseScoreRange(query.firstMqlFit),
        engagement:
          query.firstMqlEngagement === undefined ? undefined : parseScoreRange(query.firstMqlEngagement),
      },
      handOff: {
        from: at(query.handOffFrom),
        to: at(query.handOffTo),
        rep: query.handOffRep,
        team: query.handOffTeam,
        version: query.handOffVersion,
      },
      at: NOW,
      visibility: {},
      sort: 'lastTouch',
      order: 'desc',
      limit: 500,
    })
    return page.items.map((item) => item.email.split('@')[0]!).sort()
  }

  it('counts the stage entries of the period in the flow view, equal to the stored transitions', async () => {
    const funnel = (await report({ name: 'funnel', view: 'flow' })) as FunnelReport
    assert.deepEqual(funnel.period, { ...PERIOD, timezone: 'Europe/Berlin' })
    // lead: anna, george, emil, bernd, clara, frank; mql: the same but emil, george twice;
    // sal: anna, dora, george twice, clara; sql: anna, george twice; opportunity: george, anna.
    assert.deepEqual(stageFigures(funnel.stages), [
      ['lead', 6, null, null],
      ['mql', 6, 1, null],
      ['sal', 5, 5 / 6, null],
      ['sql', 3, 3 / 5, null],
      ['opportunity', 2, 2 / 3, null],
      ['customer', 1, 1 / 2, null],
    ])
    assert.deepEqual(
      funnel.stages.map((stage) => stage.conversionFromFirst),
      [null, 1, 5 / 6, 3 / 6, 2 / 6, 1 / 6],
    )
    assert.deepEqual(funnel.exits, { recycled: 3, disqualified: 0 })
    const stored = await suite.db
      .selectFrom('transitions')
      .select(['to_stage', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', story.workspace.id)
      .where('at', '>=', new Date('2025-02-28T23:00:00Z'))
      .where('at', '<', new Date('2025-03-31T22:00:00Z'))
      .groupBy('to_stage')
      .execute()
    for (const stage of funnel.stages) {
      assert.equal(
        stage.entered,
        Number(stored.find((row) => row.to_stage === stage.stage)?.n ?? 0),
        stage.stage,
      )
    }
    // Weeks start on Monday in Berlin; nothing happened on 1 and 2 March (the week of 24 February).
    assert.deepEqual(
      funnel.weeks!.map((week) => [week.week, ...Object.values(week.entered)]),
      [
        ['2025-03-03', 3, 2, 3, 2, 1, 0],
        ['2025-03-10', 1, 1, 0, 0, 1, 0],
        ['2025-03-17', 1, 2, 2, 1, 0, 1],
        ['2025-03-24', 1, 1, 0, 0, 0, 0],
      ],
    )
  })

  it('filters the flow by the owner and version recorded with each transition, and by first source', async () => {
    // sales2 owned anna when she was accepted, qualified, given a deal and won; MQL entries have no
    // owner yet (routing assigns right after).
    const owned = (await report({ name: 'funnel', owner: userId('sales2') })) as FunnelReport
    assert.deepEqual(
      owned.stages.map((stage) => stage.entered),
      [0, 0, 1, 1, 1, 1],
    )
    assert.deepEqual(owned.filters, { version: null, source: null, owner: userId('sales2') })
    const version = (await report({ name: 'funnel', version: 1 })) as FunnelReport
    assert.deepEqual(
      version.stages.map((stage) => stage.entered),
      [6, 6, 5, 3, 2, 1],
    )
    const bySource = (await report({ name: 'funnel', by: 'source', source: 'Website' })) as FunnelReport
    assert.deepEqual(
      bySource.groups!.map((group) => [group.key, group.stages.map((stage) => stage.entered), group.exits]),
      [['website', [4, 5, 4, 3, 2, 1], { recycled: 3, disqualified: 0 }]],
    )
    // Its MQL number opens the leads that became MQL in March: george twice, so the list is shorter.
    assert.deepEqual(await listed(bySource.stages[1]!.leads), ['anna', 'bernd', 'frank', 'george'])
    assert.equal(bySource.stages[1]!.leads.exact, false)
  })

  it('follows the leads created in the period in the cohort view, grouped by campaign', async () => {
    const cohort = (await report({ name: 'funnel', view: 'cohort', by: 'campaign' })) as FunnelReport
    // anna, george, emil, bernd, clara, frank (dora is February's). SAL after 1 h (anna), 1.5 h (george)
    // and 24.5 h (clara): median 0.0625 days; SQL after 2 days (anna) and 1 day 1.5 h (george): median
    // 1.53125; a deal after 7 and 2.0625 days: 4.53125; won after 17.
    assert.deepEqual(stageFigures(cohort.stages), [
      ['lead', 6, null, 0],
      ['mql', 5, 5 / 6, 0],
      ['sal', 3, 3 / 5, 0.06],
      ['sql', 2, 2 / 3, 1.53],
      ['opportunity', 2, 1, 4.53],
      ['customer', 1, 1 / 2, 17],
    ])
    assert.equal(cohort.stages[5]!.conversionFromFirst, 1 / 6)
    // A lead counted in a cohort bar is in the list that bar opens, and the list holds no other.
    assert.deepEqual(await listed(cohort.stages[1]!.leads), ['anna', 'bernd', 'clara', 'frank', 'george'])
    assert.deepEqual(await listed(cohort.stages[5]!.leads), ['anna'])
    assert.equal(cohort.stages[1]!.leads.exact, true)
    // ever recycled: george and bernd (dora is not in the cohort)
    assert.deepEqual(cohort.exits, { recycled: 2, disqualified: 0 })
    assert.deepEqual(
      cohort.groups!.map((group) => [group.key, group.stages.map((stage) => stage.entered)]),
      [
        [null, [5, 5, 3, 2, 2, 1]],
        ['spring', [1, 0, 0, 0, 0, 0]],
      ],
    )
    // A stage no lead of the group reached: its conversions cannot be computed, and say so.
    const spring = cohort.groups![1]!.stages
    assert.deepEqual(
      [spring[1]!.conversionFromPrevious, spring[2]!.conversionFromPrevious, spring[2]!.medianDays],
      [0, null, null],
    )
    assert.equal(cohort.weeks, undefined)
    // The flow by campaign: emil's one entry (lead, in March) under spring, everyone else's under none.
    const flow = (await report({ name: 'funnel', by: 'campaign' })) as FunnelReport
    assert.deepEqual(
      flow.groups!.map((group) => [group.key, group.stages.map((stage) => stage.entered)]),
      [
        [null, [5, 6, 5, 3, 2, 1]],
        ['spring', [1, 0, 0, 0, 0, 0]],
      ],
    )
    // Without a grouping: the same totals, and no groups.
    const whole = (await report({ name: 'funnel', view: 'cohort' })) as FunnelReport
    assert.deepEqual([whole.stages, whole.exits, whole.groups], [cohort.stages, cohort.exits, undefined])
  })

  it('rates each source by volume, conversion, revenue won and days to SQL', async () => {
    const sources = await report({ name: 'sources' })
    if (sources.name !== 'sources') return assert.fail(sources.name)
    // website: anna, george, bernd, frank; george's lost deal is no revenue.
    assert.deepEqual(
      sources.sources.map(
        ({ list: _list, mqlList: _mqls, sqlList: _sqls, customerList: _customers, ...row }) => row,
      ),
      [
        {
          source: 'website',
          leads: 4,
          mqls: 4,
          sqls: 2,
          customers: 1,
          mqlRate: 1,
          sqlRate: 0.5,
          wonRate: 0.25,
          revenueWon: 50_000,
          medianDaysToSql: 1.53,
        },
        {
          source: 'newsletter',
          leads: 1,
          mqls: 0,
          sqls: 0,
          customers: 0,
          mqlRate: 0,
          sqlRate: 0,
          wonRate: 0,
          revenueWon: 0,
          medianDaysToSql: null,
        },
        {
          source: 'webinar',
          leads: 1,
          mqls: 1,
          sqls: 0,
          customers: 0,
          mqlRate: 1,
          sqlRate: 0,
          wonRate: 0,
          revenueWon: 0,
          medianDaysToSql: null,
        },
      ],
    )
    // The website row opens the website leads created in March: dora (February) is not among them.
    assert.deepEqual(await listed(sources.sources[0]!.list), ['anna', 'bernd', 'frank', 'george'])
    assert.equal(sources.sources[0]!.list.exact, true)
    const website = sources.sources[0]!
    assert.deepEqual(
      await Promise.all([website.mqlList, website.sqlList, website.customerList].map(listed)),
      [['anna', 'bernd', 'frank', 'george'], ['anna', 'george'], ['anna']],
    )
  })

  it('measures time in each stage, to the first response and to SQL, and what waits now', async () => {
    const velocity = await report({ name: 'velocity' })
    if (velocity.name !== 'velocity') return assert.fail(velocity.name)
    // Stays that ended in the period, in days. MQL: anna 1/24, george 0.0625 and 1, bernd 0.125, clara
    // 1.0208, dora 6 (from 26 Feb): median (0.125 + 1) / 2, p90 1.0208 + 0.5 × (6 − 1.0208) = 3.51.
    // SAL: george 1 and 1, anna 1.9583, dora 2.0417: median 1.4792, p90 1.9583 + 0.7 × 0.0833 = 2.0167.
    // SQL: george 1, anna 5: p90 1 + 0.9 × 4. Opportunity: george 4, anna 10. Recycled: george 7.
    assert.deepEqual(
      velocity.stages.map(({ leads: _leads, ...stage }) => stage),
      [
        { stage: 'lead', n: 5, median: 0, p90: 0 },
        { stage: 'mql', n: 6, median: 0.56, p90: 3.51 },
        { stage: 'sal', n: 4, median: 1.48, p90: 2.02 },
        { stage: 'sql', n: 2, median: 3, p90: 4.6 },
        { stage: 'opportunity', n: 2, median: 7, p90: 9.4 },
        { stage: 'recycled', n: 1, median: 7, p90: 7 },
      ],
    )
    // Each n opens the leads of the stays measured: the SAL stays of george (twice), anna and dora.
    assert.deepEqual(await listed(velocity.stages[2]!.leads), ['anna', 'dora', 'george'])
    // Answered after 1, 1.5, 3, 24 (george's second MQL) and 24.5 hours; frank never was.
    const { leads: responded, ...response } = velocity.mqlToFirstResponseHours
    assert.deepEqual(response, { n: 5, median: 3, p90: 24.3, unanswered: 1 })
    assert.deepEqual(await listed(responded), ['anna', 'bernd', 'clara', 'frank', 'george'])
    // anna 2 days, george 1.0625 and (from his second MQL) 2.
    const { leads: qualified, ...toSql } = velocity.mqlToSqlDays
    assert.deepEqual(toSql, { n: 3, median: 2, p90: 2 })
    assert.deepEqual(await listed(qualified), ['anna', 'george'])
    // frank waits past his second deadline; bernd raised his hand while cooling down.
    assert.equal(velocity.waitingNow.mqlsPastSla, 1)
    assert.equal(velocity.waitingNow.handRaisersCoolingDown, 1)
    assert.deepEqual(velocity.waitingNow.mqlList, { query: { stage: ['mql'] }, exact: false })
  })

  it('puts reasons in a Pareto per outcome and follows recycled leads', async () => {
    const reasons = await report({ name: 'reasons', by: 'source' })
    if (reasons.name !== 'reasons') return assert.fail(reasons.name)
    const only = (reason: string) => [{ reason, count: 1, share: 1, cumulativeShare: 1 }]
    const paretos = [
      { outcome: 'rejected', total: 1, reasons: only('no_budget') },
      { outcome: 'sent_back', total: 1, reasons: only('bad_timing') },
      { outcome: 'lost', total: 1, reasons: only('no_budget') },
    ]
    // The figures, without the links to the leads behind them (followed below).
    const figures = (of: typeof reasons.paretos) =>
      of.map(({ leads: _leads, reasons: rows, ...pareto }) => ({
        ...pareto,
        reasons: rows.map(({ leads: _rowLeads, ...row }) => row),
      }))
    assert.deepEqual(figures(reasons.paretos), paretos)
    assert.deepEqual(
      reasons.groups!.map((group) => ({ key: group.key, paretos: figures(group.paretos) })),
      [{ key: 'website', paretos }],
    )
    // dora, george and bernd recycled; george became MQL again and SQL.
    const { list, ...recycled } = reasons.recycled
    assert.deepEqual(recycled, { leads: 3, requalified: 1, reachedSql: 1, won: 0, requalifiedRate: 1 / 3 })
    // Each count opens its leads: the same reason, told apart by the stage the lead was sent back from.
    const linked = reasons.paretos.map(async (pareto) => [
      pareto.outcome,
      await listed(pareto.reasons[0]!.leads),
    ])
    assert.deepEqual(await Promise.all(linked), [
      ['rejected', ['bernd']],
      ['sent_back', ['dora']],
      ['lost', ['george']],
    ])
    assert.deepEqual(await listed(list), ['bernd', 'dora', 'george'])
    assert.equal(list.exact, true)
  })

  it('bands the MQLs by score at hand-off, by deciles and by the agreement thresholds', async () => {
    const calibration = await report({ name: 'calibration' })
    if (calibration.name !== 'calibration') return assert.fail(calibration.name)
    // anna, george, bernd, clara and frank became MQL with fit 65 and engagement 40 (a demo request);
    // anna and george went on to SQL, anna to customer. Equal scores share one decile.
    assert.equal(calibration.leads, 5)
    assert.equal(calibration.thresholdsVersion, 1)
    const [fit, engagement] = calibration.scores
    assert.deepEqual([fit!.thresholds, engagement!.thresholds], [[20, 40], [50]])
    const all = { leads: 5, sqls: 2, customers: 1, sqlRate: 0.4, customerRate: 0.2 }
    const none = { leads: 0, sqls: 0, customers: 0, sqlRate: null, customerRate: null }
    const figures = (bands: ScoreBand[]) =>
      bands.map(({ list: _list, sqlList: _sqls, customerList: _customers, ...band }) => band)
    assert.deepEqual(figures(fit!.deciles), [{ band: 1, min: 65, max: 65, ...all }])
    assert.deepEqual(figures(engagement!.deciles), [{ band: 1, min: 40, max: 40, ...all }])
    assert.deepEqual(figures(fit!.bands), [
      { band: 0, min: null, max: 20, ...none },
      { band: 1, min: 20, max: 40, ...none },
      { band: 2, min: 40, max: null, ...all },
    ])
    assert.deepEqual(figures(engagement!.bands), [
      { band: 0, min: null, max: 50, ...all },
      { band: 1, min: 50, max: null, ...none },
    ])
    // Each band opens exactly its leads: first MQL in March with that score then.
    const mqls = ['anna', 'bernd', 'clara', 'frank', 'george']
    assert.deepEqual(await listed(fit!.deciles[0]!.list), mqls)
    assert.deepEqual(await Promise.all(fit!.bands.map((band) => listed(band.list))), [[], [], mqls])
    assert.deepEqual(await Promise.all(engagement!.bands.map((band) => listed(band.list))), [mqls, []])
    assert.equal(engagement!.bands[0]!.list.query.firstMqlEngagement, '[,50)')
    const decile = fit!.deciles[0]!
    assert.deepEqual(await Promise.all([decile.sqlList, decile.customerList].map(listed)), [
      ['anna', 'george'],
      ['anna'],
    ])
    assert.ok(fit!.bands.every((band) => band.list.exact))
  })

  it('takes an undone answer back from the hand-off it answered', async () => {
    const text = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25).replaceAll(
      '@acme.test',
      '@undo.test',
    )
    const workspace = await seedTestWorkspace(suite.db, 'undo', {
      agreement: { text, format: 'yaml' },
      at: new Date('2025-01-01T00:00:00Z'),
    })
    const at = '2025-03-03T09:00:00Z'
    await ingestBatch(
      suite.db,
      workspace.id,
      { type: 'api_key', id: null },
      [{ ...handRaiser('ida-1', 'ida@ida-werk.de', { occurredAt: at }), source: 'website' }],
      new Date(at),
    )
    const lead = await suite.db
      .selectFrom('leads')
      .select(['id', 'owner_id'])
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow()
    const rep = { type: 'user' as const, id: lead.owner_id! }
    const sla = async () => {
      const result = await runReport(suite.db, workspace.id, { name: 'sla', ...PERIOD }, NOW)
      return result.name === 'sla' ? result.team : assert.fail(result.name)
    }
    const { decisionId } = await decideLead(
      suite.db,
      workspace.id,
      lead.id,
      { kind: 'accept' },
      rep,
      new Date('2025-03-03T10:00:00Z'),
    )
    // The MQL entry's first response, as velocity measures it, goes the same way.
    const response = async () => {
      const result = await runReport(suite.db, workspace.id, { name: 'velocity', ...PERIOD }, NOW)
      if (result.name !== 'velocity') return assert.fail(result.name)
      const { leads: _leads, ...figures } = result.mqlToFirstResponseHours
      return figures
    }
    assert.deepEqual([(await sla()).handOffs, (await sla()).inTime, (await sla()).medianRepHours], [1, 1, 1])
    assert.deepEqual(await response(), { n: 1, median: 1, p90: 1, unanswered: 0 })
    await undoDecision(suite.db, workspace.id, lead.id, decisionId, rep, new Date('2025-03-03T10:00:30Z'))
    assert.deepEqual([(await sla()).handOffs, (await sla()).inTime, (await sla()).missed], [1, 0, 1])
    assert.deepEqual(await response(), { n: 0, median: null, p90: null, unanswered: 1 })
  })

  it('judges each hand-off against the SLA deadline per rep and team', async () => {
    const sla = await report({ name: 'sla' })
    if (sla.name !== 'sla') return assert.fail(sla.name)
    // Deadlines: 8 business hours (08:00–18:00 Berlin) after the hand-off. anna, george and bernd were
    // answered within 1, 1.5 and 3 hours; clara, handed over Wednesday 10:00 Berlin, was due by 18:00 and
    // accepted the next morning (24.5 h): late. frank's two hand-offs (24 and 26 March) were never
    // answered. All waited 0 hours in the queue but frank's reassignment, which is no queue.
    const { leads: teamLeads, ...team } = sla.team
    assert.deepEqual(team, {
      handOffs: 6,
      inTime: 3,
      late: 1,
      missed: 2,
      open: 0,
      inTimeShare: 0.5,
      medianRepHours: 2.25,
      medianQueueHours: 0,
      queued: 5,
    })
    const reps = Object.fromEntries(sla.reps.map(({ userId, leads: _leads, ...rep }) => [userId, rep]))
    assert.deepEqual(reps[userId('sales2')], {
      rep: 'sales2@acme.test',
      handOffs: 3,
      inTime: 2,
      late: 0,
      missed: 1,
      open: 0,
      inTimeShare: 2 / 3,
      medianRepHours: 2,
    })
    assert.deepEqual(reps[userId('sales')], {
      rep: 'sales@acme.test',
      handOffs: 3,
      inTime: 1,
      late: 1,
      missed: 1,
      open: 0,
      inTimeShare: 1 / 3,
      medianRepHours: 13,
    })
    assert.deepEqual(
      sla.teams.map((team) => [team.team, team.handOffs, team.inTimeShare]),
      [['de_north', 6, 0.5]],
    )
    assert.deepEqual(sla.breaches, { notified: 1, reassigned: 1, returnedToMarketing: 0 })
    // Each row opens the leads handed off in March, to that rep: those the stored hand-offs name.
    const handedTo = async (rep?: string) =>
      (
        await suite.db
          .selectFrom('hand_offs')
          .innerJoin('leads', (join) =>
            join
              .onRef('leads.workspace_id', '=', 'hand_offs.workspace_id')
              .onRef('leads.id', '=', 'hand_offs.lead_id'),
          )
          .select('leads.email')
          .distinct()
          .where('hand_offs.workspace_id', '=', story.workspace.id)
          .where('hand_offs.assigned_at', '>=', new Date('2025-02-28T23:00:00Z'))
          .where('hand_offs.assigned_at', '<', new Date('2025-03-31T22:00:00Z'))
          .$if(rep !== undefined, (query) => query.where('hand_offs.rep', '=', rep!))
          .execute()
      )
        .map((row) => row.email.split('@')[0]!)
        .sort()
    assert.deepEqual(await listed(teamLeads), ['anna', 'bernd', 'clara', 'frank', 'george'])
    assert.deepEqual(await handedTo(), ['anna', 'bernd', 'clara', 'frank', 'george'])
    for (const rep of sla.reps) {
      const names = await listed(rep.leads)
      assert.ok(names.length > 0 && names.length <= rep.handOffs, rep.rep)
      assert.deepEqual(names, await handedTo(rep.rep), rep.rep)
    }
    assert.deepEqual(await listed(sla.teams[0]!.leads), await listed(teamLeads))
    // Only one rep's hand-offs; the breaches stay the period's.
    const own = await report({ name: 'sla', owner: userId('sales') })
    if (own.name !== 'sla') return assert.fail(own.name)
    assert.deepEqual([own.team.handOffs, own.reps.length], [3, 1])
    // By the lead's first source: clara's one hand-off, answered late; by the version that made the
    // leads MQL: all of them (the story runs under version 1 alone).
    const webinar = await report({ name: 'sla', source: 'webinar' })
    if (webinar.name !== 'sla') return assert.fail(webinar.name)
    assert.deepEqual([webinar.team.handOffs, webinar.team.late], [1, 1])
    const underOne = await report({ name: 'sla', version: 1 })
    if (underOne.name !== 'sla') return assert.fail(underOne.name)
    assert.deepEqual(underOne.team, {
      ...sla.team,
      leads: { ...teamLeads, query: { ...teamLeads.query, handOffVersion: 1 } },
    })
  })

  it('tells an open hand-off apart: before its deadline it is neither in time nor missed', async () => {
    // At Monday 24 March 12:00 frank's first deadline (18:00 Berlin) is still ahead.
    const early = await runReport(
      suite.db,
      story.workspace.id,
      { name: 'sla', from: '2025-03-24', to: '2025-03-24' },
      new Date('2025-03-24T11:00:00Z'),
    )
    if (early.name !== 'sla') return assert.fail(early.name)
    assert.deepEqual([early.team.handOffs, early.team.open, early.team.inTimeShare], [1, 1, null])
  })

  it('cuts deciles at the percentiles of the scores, equal scores in one, rates rising with the score', async () => {
    const text = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25).replaceAll(
      '@acme.test',
      '@calib.test',
    )
    const workspace = await seedTestWorkspace(suite.db, 'calib', {
      agreement: { text, format: 'yaml' },
      at: new Date('2025-01-01T00:00:00Z'),
    })
    // Fit under the demo agreement: manufacturing 20, DACH 10, 200–5,000 staff 20 (50–199: 10, under
    // 50: −10), a senior title 15. Ten hand-raisers on Monday 7 April: fit 20, 35, 40, 50, 55 and 5 × 65.
    const people: Array<[number, string | undefined]> = [
      [30, undefined],
      [30, 'Werkleiter'],
      [100, undefined],
      [400, undefined],
      [100, 'Werkleiter'],
      ...Array.from({ length: 5 }, (): [number, string] => [400, 'Werkleiter']),
    ]
    for (const [index, [employees, title]] of people.entries()) {
      const at = `2025-04-07T09:${String(index).padStart(2, '0')}:00Z`
      const event = handRaiser(`c${index}`, `p${index}@calib-${index}.de`, { occurredAt: at })
      const lead = { ...event.lead, title, company: { ...event.lead.company, employees } }
      await ingestBatch(
        suite.db,
        workspace.id,
        { type: 'api_key', id: null },
        [{ ...event, lead }],
        new Date(at),
      )
    }
    // The 55 and one of the 65s are accepted and qualified.
    for (const index of [4, 5]) {
      const lead = await suite.db
        .selectFrom('leads')
        .select(['id', 'owner_id'])
        .where('workspace_id', '=', workspace.id)
        .where('email', '=', `p${index}@calib-${index}.de`)
        .executeTakeFirstOrThrow()
      const actor = { type: 'user' as const, id: lead.owner_id! }
      await decideLead(
        suite.db,
        workspace.id,
        lead.id,
        { kind: 'accept' },
        actor,
        new Date('2025-04-08T09:00:00Z'),
      )
      const checklist = { confirmed: { bant: ['need', 'budget', 'timeline'] } }
      await decideLead(
        suite.db,
        workspace.id,
        lead.id,
        { kind: 'qualify', checklist },
        actor,
        new Date('2025-04-09T09:00:00Z'),
      )
    }
    const calibration = await runReport(
      suite.db,
      workspace.id,
      { name: 'calibration', from: '2025-04-01', to: '2025-04-30' },
      new Date('2025-05-01T00:00:00Z'),
    )
    if (calibration.name !== 'calibration') return assert.fail(calibration.name)
    const fit = calibration.scores[0]!
    // The 10th … 90th percentiles are 20, 35, 40, 50, 55, 65, 65, 65, 65: a score's decile is 1 + how
    // many of them lie below it, so the five 65s share decile 6.
    assert.deepEqual(
      fit.deciles.map((band) => [band.band, band.min, band.max, band.leads, band.sqls, band.sqlRate]),
      [
        [1, 20, 20, 1, 0, 0],
        [2, 35, 35, 1, 0, 0],
        [3, 40, 40, 1, 0, 0],
        [4, 50, 50, 1, 0, 0],
        [5, 55, 55, 1, 1, 1],
        [6, 65, 65, 5, 1, 0.2],
      ],
    )
    // The MQL thresholds on fit are 20 and 40: [20, 40) holds 20 and 35, from 40 on the other eight.
    assert.deepEqual(
      fit.bands.map((band) => [
        band.band,
        band.min,
        band.max,
        band.leads,
        band.sqls,
        band.sqlRate,
        band.customerRate,
      ]),
      [
        [0, null, 20, 0, 0, null, null],
        [1, 20, 40, 2, 0, 0, 0],
        [2, 40, null, 8, 2, 0.25, 0],
      ],
    )
  })
})
