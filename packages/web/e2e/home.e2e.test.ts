// The home page per role, in Chromium on the demo workspace: marketing, the sales manager and a rep sign
// in and land on /home, the charts render, and every number shown equals the API's answer, fetched in the
// test through the page's own session. Numbers are compared as the page must write them (German, or
// English for the manager), and the links behind them as the report's lead queries.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DateTime } from 'luxon'
import type { Locator, Page } from 'playwright-core'
import { DEMO, handOffFreshLeads, startE2e, type E2e } from './harness.ts'
import { findOverflow } from './fits.ts'

type Language = 'de' | 'en'
type Query = { stage?: string[]; source?: string; lane?: string; owner?: string }
type Link = { query: Query; exact: boolean }

/** The page's writing of counts, shares and money, built independently of the app's code; spaces as read. */
function writing(language: Language) {
  const read = (written: string) => written.replace(/\s+/g, ' ')
  const locale = language === 'en' ? 'en-GB' : 'de-DE'
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  return {
    count: (value: number) => read(number.format(value)),
    share: (value: number | null) =>
      value === null
        ? language === 'en'
          ? 'not computable'
          : 'nicht berechenbar'
        : read(percent.format(value)),
    money: (amount: number, currency: string) =>
      read(
        new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
          amount,
        ),
      ),
  }
}

/** The pipeline list a report's link names, as the board reads it. */
function boardPath({ stage, ...rest }: Query, extra: Record<string, string> = {}) {
  const params = new URLSearchParams()
  if (stage?.length) params.set('stage', stage.join(','))
  for (const [key, value] of Object.entries(rest)) if (value) params.set(key, value)
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  return params.size === 0 ? '/board' : `/board?${params}`
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function apiGet(page: Page, e2e: E2e, path: string): Promise<any> {
  const response = await page.request.get(`${e2e.baseUrl}${path}`)
  assert.equal(response.status(), 200, `${path}: ${await response.text()}`)
  return response.json()
}

const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim()
const cell = (table: Locator, row: string, figure: string) =>
  table.locator(`tr${row} td[data-figure="${figure}"]`)

async function landsOnHome(page: Page) {
  await page.waitForURL(/\/home$/)
  await page.locator('#home-title').waitFor()
}

async function chartRenders(page: Page, testId: string) {
  // A home runs several reports on PGlite's one connection: on a busy machine that takes a while.
  await page.getByTestId(testId).locator('svg.recharts-surface').first().waitFor({ timeout: 60_000 })
  assert.ok(
    (await page.getByTestId(testId).locator('.recharts-rectangle, .recharts-curve').count()) > 0,
    testId,
  )
}

async function assertLink(cellLocator: Locator, link: Link, extra?: Record<string, string>) {
  const href = await cellLocator.locator('a').first().getAttribute('href')
  assert.equal(decodeURIComponent(href ?? ''), decodeURIComponent(boardPath(link.query, extra)))
}

describe('home page per role', () => {
  let e2e: E2e
  before(async () => {
    e2e = await startE2e()
    // Fresh hand-offs in the north: the demo rep has MQLs waiting with running SLA clocks.
    await handOffFreshLeads(e2e)
  })
  after(async () => e2e?.close())

  test('marketing lands on the funnel, MQLs per week, source quality and waiting hand-raisers', async () => {
    const page = await e2e.signIn(DEMO.marketing)
    const write = writing('de')
    await landsOnHome(page)
    for (const chart of ['funnel-chart', 'weekly-chart', 'sources-chart']) await chartRenders(page, chart)

    const cohort = await apiGet(page, e2e, '/api/v1/reports/funnel?view=cohort')
    const funnel = page.getByTestId('home-funnel').getByTestId('funnel-table')
    for (const stage of cohort.stages) {
      const entered = cell(funnel, `[data-stage="${stage.stage}"]`, 'entered')
      assert.equal(await text(entered), write.count(stage.entered), `funnel ${stage.stage}`)
      await assertLink(entered, stage.leads)
      if (stage.stage !== 'lead') {
        const row = funnel.locator(`tr[data-stage="${stage.stage}"] td`)
        assert.equal(await text(row.nth(1)), write.share(stage.conversionFromPrevious), `${stage.stage} rate`)
      }
    }

    const flow = await apiGet(page, e2e, '/api/v1/reports/funnel?view=flow')
    const weekly = page.getByTestId('weekly-table')
    const byWeek = new Map<string, number>(
      flow.weeks.map((week: { week: string; entered: { mql: number } }) => [week.week, week.entered.mql]),
    )
    const rows = weekly.locator('tbody tr')
    assert.ok((await rows.count()) >= 13, 'about 13 weeks in 90 days')
    let shown = 0
    for (const row of await rows.all()) {
      const week = (await row.getAttribute('data-week'))!
      const mqls = (await text(row.locator('td[data-figure="mqls"] a'))).replace(/\D/g, '')
      assert.equal(mqls, String(byWeek.get(week) ?? 0), `MQLs in the week of ${week}`)
      shown += Number(mqls)
    }
    const mql = flow.stages.find((stage: { stage: string }) => stage.stage === 'mql')
    assert.equal(shown, mql.entered, 'the weeks add up to the period’s MQLs')
    // The capacity line: reps in the routing × their open-lead limit, as the backtests compute it.
    const agreement = await apiGet(page, e2e, '/api/v1/agreement')
    const routing = agreement.document.routing
    const reps = new Set(
      routing.teams.flatMap((team: { members: string[] }) => team.members.map((m) => m.toLowerCase())),
    )
    const capacity = reps.size * routing.maxOpenLeadsPerRep
    assert.equal(await text(weekly.locator('tbody tr').first().locator('td').nth(1)), write.count(capacity))
    // A capacity far above every week is said in words rather than drawn over slivers of columns.
    const farAbove = capacity > 3 * Math.max(...byWeek.values())
    assert.equal(await page.getByTestId('capacity-far-above').count(), farAbove ? 1 : 0)

    const sources = await apiGet(page, e2e, '/api/v1/reports/sources')
    const table = page.getByTestId('sources-table')
    assert.equal(await table.locator('tbody tr').count(), sources.sources.length)
    for (const source of sources.sources) {
      const row = `[data-source="${source.source ?? ''}"]`
      assert.equal(await text(cell(table, row, 'leads')), write.count(source.leads), `${source.source} leads`)
      assert.equal(await text(cell(table, row, 'mqlRate')), write.share(source.mqlRate))
      assert.equal(await text(cell(table, row, 'sqlRate')), write.share(source.sqlRate))
      await assertLink(cell(table, row, 'leads'), source.list)
    }

    const velocity = await apiGet(page, e2e, '/api/v1/reports/velocity')
    const waiting = page.getByTestId('home-waiting')
    const handRaisers = waiting.locator('[data-figure="handRaisers"] dd')
    assert.equal(await text(handRaisers), write.count(velocity.waitingNow.handRaisersCoolingDown))
    await assertLink(handRaisers, velocity.waitingNow.recycledList)
    assert.equal(
      await text(waiting.locator('[data-figure="mqlsPastSla"] dd')),
      write.count(velocity.waitingNow.mqlsPastSla),
    )

    // A funnel bar opens the list behind it.
    const sqlEntered = cell(funnel, '[data-stage="sql"]', 'entered')
    await sqlEntered.locator('a').click()
    await page.waitForURL(/\/board\?.*entered=sql/)
    await page.getByTestId('board-table').waitFor()
    await page.context().close()
  })

  test('the sales manager lands on SLA per rep, the team queue, reasons and pipeline value (English)', async () => {
    const page = await e2e.signIn(DEMO.manager, { language: 'en' })
    const write = writing('en')
    await landsOnHome(page)
    for (const chart of ['sla-chart', 'reasons-chart', 'pipeline-chart']) await chartRenders(page, chart)

    const sla = await apiGet(page, e2e, '/api/v1/reports/sla')
    const slaTable = page.getByTestId('sla-table')
    const reps = sla.reps.filter((rep: { handOffs: number }) => rep.handOffs > 0)
    assert.equal(await slaTable.locator('tbody tr').count(), reps.length)
    for (const rep of reps) {
      const row = `[data-rep="${rep.userId ?? rep.rep}"]`
      for (const figure of ['handOffs', 'inTime', 'late', 'missed', 'open']) {
        assert.equal(
          await text(cell(slaTable, row, figure)),
          write.count(rep[figure]),
          `${rep.rep} ${figure}`,
        )
      }
      assert.equal(await text(cell(slaTable, row, 'inTimeShare')), write.share(rep.inTimeShare))
      // The leads handed to the rep in the period, as the API names them.
      await assertLink(cell(slaTable, row, 'handOffs'), rep.leads)
    }
    assert.equal(await text(cell(slaTable, '[data-rep="team"]', 'handOffs')), write.count(sla.team.handOffs))

    const queues = await apiGet(page, e2e, '/api/v1/team-queues')
    const queued = queues.teams.flatMap((team: { leads: unknown[] }) => team.leads).length
    await page.getByTestId('home-queue').getByRole('heading', { name: 'Team queue' }).waitFor()
    assert.equal(await page.getByTestId('home-queue').locator('tbody tr').count(), queued)

    const reasons = await apiGet(page, e2e, '/api/v1/reports/reasons')
    const flow = await apiGet(page, e2e, '/api/v1/reports/funnel?view=flow')
    const rejected = reasons.paretos.find((pareto: { outcome: string }) => pareto.outcome === 'rejected')
    const reasonsTable = page.getByTestId('reasons-table')
    assert.equal(await reasonsTable.locator('tbody tr').count(), rejected.reasons.length)
    for (const reason of rejected.reasons) {
      assert.equal(
        await text(cell(reasonsTable, `[data-reason="${reason.reason}"]`, 'count')),
        write.count(reason.count),
      )
      await assertLink(cell(reasonsTable, `[data-reason="${reason.reason}"]`, 'count'), reason.leads)
    }
    const accepted = flow.stages.find((stage: { stage: string }) => stage.stage === 'sal').entered
    const acceptance = page.getByTestId('acceptance')
    assert.equal(await text(acceptance.locator('[data-figure="accepted"] dd')), write.count(accepted))
    assert.equal(await text(acceptance.locator('[data-figure="rejected"] dd')), write.count(rejected.total))
    assert.equal(
      await text(acceptance.locator('[data-figure="acceptance"] dd')),
      write.share(accepted / (accepted + rejected.total)),
    )

    const deals = await apiGet(page, e2e, '/api/v1/pipeline/deals')
    const pipeline = page.getByTestId('pipeline-table')
    for (const column of deals.columns) {
      const row = `[data-deal-stage="${column.id}"]`
      assert.equal(await text(cell(pipeline, row, 'count')), write.count(column.count), `${column.id} deals`)
      const amounts = column.totals.map((total: { amount: number; currency: string }) =>
        write.money(total.amount, total.currency),
      )
      assert.equal(await text(cell(pipeline, row, 'amount')), amounts.join(' ') || write.money(0, 'EUR'))
      await assertLink(
        cell(pipeline, row, 'count'),
        { query: { stage: ['opportunity'] }, exact: false },
        { view: 'deals' },
      )
    }
    await page.context().close()
  })

  test('a rep lands on today’s work with SLA clocks and their own conversion', async () => {
    const page = await e2e.signIn(DEMO.rep)
    const write = writing('de')
    await landsOnHome(page)
    await chartRenders(page, 'funnel-chart')

    const inbox = await apiGet(page, e2e, '/api/v1/inbox')
    assert.ok(inbox.items.length > 0, 'fresh MQLs wait for the rep')
    const waiting = page.getByTestId('today-waiting').locator('li')
    assert.equal(await waiting.count(), inbox.items.length)
    for (const [index, item] of inbox.items.entries()) {
      const row = waiting.nth(index)
      assert.equal(await row.locator('a').getAttribute('href'), `/leads/${item.id}`)
      // Each carries its SLA clock.
      await row.locator('.badge').waitFor()
    }
    const work = await apiGet(page, e2e, '/api/v1/my-work')
    const stale = work.sections.qualifying.filter((item: { stale: boolean }) => item.stale)
    assert.equal(await page.getByTestId('today-stale').locator('li').count(), stale.length)

    const session = await apiGet(page, e2e, '/api/v1/session')
    const today = DateTime.now().setZone(session.workspace.timezone)
    const period = `from=${today.minus({ days: 364 }).toISODate()}&to=${today.toISODate()}`
    const own = await apiGet(
      page,
      e2e,
      `/api/v1/reports/funnel?view=cohort&owner=${session.user.id}&${period}`,
    )
    const funnel = page.getByTestId('home-own').getByTestId('funnel-table')
    const shown = own.stages.filter((stage: { stage: string }) => stage.stage !== 'lead')
    assert.equal(await funnel.locator('tbody tr').count(), shown.length)
    for (const stage of shown) {
      const entered = cell(funnel, `[data-stage="${stage.stage}"]`, 'entered')
      assert.equal(await text(entered), write.count(stage.entered), `own ${stage.stage}`)
      await assertLink(entered, stage.leads)
      assert.equal(
        new URLSearchParams((await entered.locator('a').getAttribute('href'))!.split('?')[1]).get('owner'),
        session.user.id,
      )
    }
    await page.context().close()
  })

  test('an admin sees the marketing and the manager sections, and / leads home', async () => {
    const page = await e2e.signIn(DEMO.admin)
    await landsOnHome(page)
    await page.getByRole('heading', { name: 'Marketing', level: 2 }).waitFor()
    await page.getByRole('heading', { name: 'Vertriebsleitung', level: 2 }).waitFor()
    await chartRenders(page, 'sla-chart')
    await chartRenders(page, 'funnel-chart')
    await page.goto(`${e2e.baseUrl}/`)
    await landsOnHome(page)
    // The home is in the navigation, and a phone shows it without sideways scrolling.
    await page.setViewportSize({ width: 360, height: 740 })
    await page.getByTestId('sources-table').waitFor()
    assert.deepEqual(await page.evaluate(findOverflow), [])
    await page.context().close()
  })
})
