// The reports section in a real browser, in German, on the demo workspace. Marketing opens the funnel
// report from the overview: the chart draws its bars, the table's numbers are the API's for the same
// query, and the CSV download holds the table's rows. In the cohort view a click on a number opens the
// pipeline, whose total is that number. The report fits a 390 px phone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'
import { assertFits } from './fits.ts'

type FunnelStage = {
  stage: string
  entered: number
  conversionFromPrevious: number | null
  leads: { query: Record<string, unknown>; exact: boolean }
}
type Funnel = { period: { from: string; to: string }; view: string; stages: FunnelStage[] }

/** A whole number as the German table writes it: "1.234" → 1234 (a footnote mark is not a digit). */
const countIn = (text: string) => Number(text.replace(/\D/g, ''))
const germanShare = (value: number) =>
  new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 }).format(value)

/** The API's answer for the query the page shows: the CSV link carries it, period spelled out. */
async function reportBehind(e2e: E2e, page: Page): Promise<{ report: Funnel; csvHref: string }> {
  const csvHref = (await page.getByTestId('report-csv').getAttribute('href'))!
  const query = new URL(csvHref, e2e.baseUrl).searchParams
  assert.equal(query.get('format'), 'csv')
  query.delete('format')
  const answer = await e2e.api('GET', `/api/v1/reports/funnel?${query}`, e2e.keys.read)
  assert.equal(answer.status, 200, JSON.stringify(answer.body))
  return { report: answer.body, csvHref }
}

/** The stage rows of the table, as the page shows them. */
async function tableRows(page: Page) {
  const rows = page.getByTestId('report-table').locator('tbody tr')
  return Promise.all(
    (await rows.all()).map(async (row) => ({
      stage: (await row.getAttribute('data-stage'))!,
      entered: countIn(await row.locator('td').nth(0).innerText()),
      fromPrevious: (await row.locator('td').nth(1).innerText()).trim(),
    })),
  )
}

/** RFC 4180 lines of the CSV download, without the byte order mark. */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
        .slice(0, -1)
        .map((match) => match[1]!.replace(/^"|"$/g, '')),
    )
}

describe('the reports section', () => {
  let e2e: E2e
  before(async () => {
    e2e = await startE2e()
  })
  after(async () => e2e?.close())

  test('marketing opens the funnel: bars drawn, the table is the API’s, the CSV is the table', async () => {
    const page = await e2e.signIn(DEMO.marketing)
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Berichte' })
      .click()
    await page.getByRole('heading', { name: 'Berichte', level: 1 }).waitFor()
    await page.getByTestId('report-list').getByRole('link', { name: 'Funnel' }).click()
    await page.getByRole('heading', { name: 'Funnel', level: 1 }).waitFor()
    await page.getByTestId('report-table').locator('tbody tr').first().waitFor()

    const { report, csvHref } = await reportBehind(e2e, page)
    assert.equal(report.view, 'flow')
    // The chart is an SVG with a bar per stage that has entries (recharts draws no bar for 0).
    const chart = page.getByTestId('report-chart')
    assert.ok(
      await chart.locator('[role="img"][aria-describedby]').count(),
      'the chart is labelled and described',
    )
    await chart.locator('svg .recharts-bar-rectangle path').first().waitFor()
    const bars = await chart.locator('svg .recharts-bar-rectangle path').count()
    assert.equal(bars, report.stages.filter((stage) => stage.entered > 0).length)

    const rows = await tableRows(page)
    assert.deepEqual(
      rows.map((row) => [row.stage, row.entered]),
      report.stages.map((stage) => [stage.stage, stage.entered]),
    )
    // Rates in German percent; a rate without a denominator is "nicht berechenbar", never 0.
    for (const [index, stage] of report.stages.entries()) {
      if (index === 0) continue
      const expected =
        stage.conversionFromPrevious === null
          ? 'nicht berechenbar'
          : germanShare(stage.conversionFromPrevious)
      assert.equal(rows[index]!.fromPrevious, expected, stage.stage)
    }

    const download = page.waitForEvent('download')
    await page.getByTestId('report-csv').click()
    const file = await download
    assert.match(file.suggestedFilename(), /^takt-funnel-.*\.csv$/)
    const [header, ...lines] = csvRows(await readFile((await file.path())!, 'utf8'))
    assert.deepEqual(header!.slice(0, 2), ['stage', 'entered'])
    assert.deepEqual(
      lines.map((line) => [line[0], Number(line[1])]),
      rows.map((row) => [row.stage, row.entered]),
    )
    assert.ok(csvHref.includes(`from=${report.period.from}`) && csvHref.includes(`to=${report.period.to}`))
    await page.context().close()
  })

  test('in the cohort view a number opens the pipeline with as many leads', async () => {
    const page = await e2e.signIn(DEMO.marketing)
    await page.goto(`${e2e.baseUrl}/reports/funnel?view=cohort`)
    await page.getByTestId('report-table').locator('tbody tr').first().waitFor()
    const { report } = await reportBehind(e2e, page)
    assert.equal(report.view, 'cohort')
    // The MQL bar: leads of the cohort that reached MQL or a later stage.
    const mql = report.stages.find((stage) => stage.stage === 'mql')!
    assert.ok(mql.entered > 0, 'the demo cohort has MQLs')
    const link = page.getByTestId('report-table').locator('tr[data-stage="mql"] a')
    assert.equal(countIn(await link.innerText()), mql.entered)
    await link.click()
    await page.waitForURL(/\/board\?/)
    const status = page.locator('.board-toolbar > p[role="status"]')
    await status.filter({ hasText: /angezeigt/ }).waitFor()
    const total = Number(/von ([\d.]+) angezeigt/.exec(await status.innerText())![1]!.replace(/\./g, ''))
    assert.equal(total, mql.entered, `the board at ${page.url()} lists the leads behind the number`)
    // The board says why the list is narrowed, and the chip's × widens it again.
    const chip = page.getByTestId('report-filter-chip')
    assert.match(await chip.innerText(), /^Aus Bericht: in MQL, SAL, SQL, Verkaufschance, Kunde eingetreten/)
    await chip.getByRole('button', { name: 'Berichtsfilter entfernen' }).click()
    await chip.waitFor({ state: 'detached' })
    assert.ok(!page.url().includes('entered'), page.url())
    await page.context().close()
  })

  test('the funnel report fits a 390 px phone', async () => {
    const page = await e2e.signIn(DEMO.marketing, { viewport: { width: 390, height: 844 } })
    await page.goto(`${e2e.baseUrl}/reports/funnel?by=source`)
    await page.getByTestId('report-groups').waitFor()
    await page.getByTestId('report-chart').locator('svg').first().waitFor()
    await assertFits(page, 'the funnel report at 390 px')
    await page.context().close()
  })
})
