// Comparing two backtest runs, and the Back button on an unsaved draft, in a real browser in German.
// Marketing backtests the demo proposal twice over different periods, compares the runs on the version
// page: the table's MQL figures are the two stored reports', the table warns about the different periods,
// the comparison survives a reload through its link, an unknown run id says so, and the page fits a
// 390 px phone. Then a draft edited in the form warns on the browser's Back button: staying keeps the
// edit, leaving leaves.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'
import { assertFits } from './fits.ts'
import { createJobQueue, type JobQueue } from '../../server/src/jobs/queue/job-queue.ts'
import { BACKTEST_QUEUE } from '../../server/src/jobs/queue/backtest-queue.ts'
import { workBacktests } from '../../server/src/jobs/backtest.job.ts'

const SILENT = { warn: () => {}, error: () => {} }
const DAY = 86_400_000

type Run = { id: string; status: string; period: { from: string; to: string } }

/** "TT.MM.JJJJ" of `daysAgo` days before today, as the German date field takes it. */
function germanDay(daysAgo: number): string {
  return new Intl.DateTimeFormat('de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  }).format(new Date(Date.now() - daysAgo * DAY))
}

/** A whole number as the German table writes it: "1.234" → 1234. */
const countIn = (text: string) => Number(text.replace(/\D/g, ''))

async function startRun(e2e: E2e, page: Page, version: number, from?: string): Promise<Run> {
  const before = await runsOf(e2e, version)
  const panel = page.getByTestId('backtest-panel')
  if (from) {
    const field = panel.getByLabel('Von', { exact: true })
    await field.fill(from)
    await field.blur()
  }
  await panel.getByRole('button', { name: 'Backtest starten' }).click()
  // The new run is the one the list did not hold before; it is finished when the API says so.
  let run: Run | undefined
  for (let waited = 0; waited < 90_000; waited += 250) {
    run = (await runsOf(e2e, version)).find((one) => !before.some((old) => old.id === one.id))
    if (run && run.status !== 'queued' && run.status !== 'running') break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  assert.equal(run?.status, 'completed', JSON.stringify(run))
  return run!
}

async function runsOf(e2e: E2e, version: number): Promise<Run[]> {
  const listed = await e2e.api('GET', `/api/v1/backtests?version=${version}`, e2e.keys.read)
  assert.equal(listed.status, 200, JSON.stringify(listed.body))
  return listed.body.items
}

async function reportOf(e2e: E2e, id: string) {
  const run = await e2e.api('GET', `/api/v1/backtests/${id}`, e2e.keys.read)
  assert.equal(run.status, 200, JSON.stringify(run.body))
  return run.body.report as { leads: number; versions: Array<{ mqls: number }> }
}

/** The shown run's and the other run's cell of a comparison row, as the page writes them. */
async function comparedCells(page: Page, row: string): Promise<[string, string]> {
  const cells = page.getByTestId('backtest-comparison').locator(`tr[data-row="${row}"] td`)
  return [await cells.nth(0).innerText(), await cells.nth(1).innerText()]
}

describe('comparing backtest runs, and Back on an unsaved draft', () => {
  let e2e: E2e
  let queue: JobQueue
  before(async () => {
    e2e = await startE2e()
    // The backtest runs as a job, beside the app on the same database, as main.ts runs it.
    queue = createJobQueue({
      db: e2e.db,
      queues: [BACKTEST_QUEUE],
      log: SILENT,
      pollingIntervalSeconds: 0.5,
    })
    await queue.start()
    await workBacktests(queue, e2e.db, () => new Date())
  })
  after(async () => {
    await queue?.stop()
    await e2e?.close()
  })

  test('two runs of the demo proposal over different periods, side by side', async () => {
    const versions = await e2e.api('GET', '/api/v1/agreement/versions', e2e.keys.read)
    const proposal = (versions.body as Array<{ version: number; status: string }>).find(
      (one) => one.status === 'proposed',
    )
    assert.ok(proposal, 'the demo seeds a proposal')
    const version = proposal.version
    const page = await e2e.signIn(DEMO.marketing)
    await page.goto(`${e2e.baseUrl}/agreement/versions/${version}`)
    await page.getByTestId('backtest-panel').scrollIntoViewIfNeeded()

    // The last 365 days, then the last 60: the newer run is the one shown.
    const year = await startRun(e2e, page, version)
    const recent = await startRun(e2e, page, version, germanDay(59))
    assert.notEqual(year.period.from, recent.period.from)
    const compare = page.getByTestId('backtest-compare')
    await compare.waitFor()

    // The other run is offered among the workspace's runs; choosing it shows the table and keeps it in the URL.
    const select = compare.getByLabel('Anderer Lauf')
    await select.locator(`option[value="${year.id}"]`).waitFor({ state: 'attached' })
    assert.match(
      await select.locator(`option[value="${year.id}"]`).innerText(),
      new RegExp(`^Version ${version} · `),
    )
    assert.equal(await select.locator(`option[value="${recent.id}"]`).count(), 0, 'not the shown run itself')
    await select.selectOption(year.id)
    await page.getByTestId('backtest-comparison').waitFor()
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('compare'), year.id)
    assert.equal(url.searchParams.get('run'), recent.id)
    await page.getByTestId('backtest-compare-periods').getByText('verschiedene Zeiträume').waitFor()

    // The MQL figures are the stored reports', shown run first; the difference is the other minus this one.
    const [shownReport, otherReport] = [await reportOf(e2e, recent.id), await reportOf(e2e, year.id)]
    const mqls = await comparedCells(page, 'mqls')
    assert.deepEqual(mqls.map(countIn), [shownReport.versions[0]!.mqls, otherReport.versions[0]!.mqls])
    const leads = await comparedCells(page, 'leads')
    assert.deepEqual(leads.map(countIn), [shownReport.leads, otherReport.leads])
    const difference = await page
      .getByTestId('backtest-comparison')
      .locator('tr[data-row="mqls"]')
      .getByTestId('comparison-difference')
      .innerText()
    const expected = otherReport.versions[0]!.mqls - shownReport.versions[0]!.mqls
    assert.equal(Number(difference.replace(/[.\s]/g, '').replace('−', '-')), expected, difference)

    // The link reproduces the comparison.
    await page.reload()
    await page.getByTestId('backtest-comparison').waitFor()
    assert.deepEqual(await comparedCells(page, 'mqls'), mqls)

    // A run id that names nothing (or is no id at all) says so instead of failing.
    for (const unknown of ['00000000-0000-4000-8000-000000000000', 'kein-lauf']) {
      await page.goto(`${e2e.baseUrl}/agreement/versions/${version}?compare=${unknown}`)
      await page
        .getByTestId('backtest-compare-unknown')
        .getByText('gibt es in diesem Arbeitsbereich nicht')
        .waitFor()
      assert.equal(await page.getByTestId('backtest-comparison').count(), 0)
    }
    await page.context().close()

    // On a 390 px phone the comparison fits: the table scrolls inside its own frame, the page does not.
    const phone = await e2e.signIn(DEMO.marketing, { viewport: { width: 390, height: 844 } })
    await phone.goto(`${e2e.baseUrl}/agreement/versions/${version}?run=${recent.id}&compare=${year.id}`)
    await phone.getByTestId('backtest-comparison').waitFor()
    assert.equal(
      await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
      true,
      'no sideways scrolling',
    )
    await assertFits(phone, 'the version page with a comparison')
    await phone.context().close()
  })

  test("the browser's Back button warns about an unsaved draft", async () => {
    const page = await e2e.signIn(DEMO.marketing)
    await page.getByRole('link', { name: 'Vereinbarung' }).click()
    await page.getByRole('button', { name: 'Neuer Entwurf' }).click()
    await page.waitForURL(/\/agreement\/versions\/\d+$/)
    const draftUrl = page.url()
    const threshold = page.getByTestId('mql-threshold-engagement-gte')
    await threshold.fill('45')
    await page.getByTestId('unsaved-edits').waitFor()

    // Back, and stay: still on the draft, with the edit. (The move never happens, so goBack is not awaited.)
    const stayed = answerNextDialog(page, false)
    void page.goBack({ waitUntil: 'commit', timeout: 10_000 }).catch(() => null)
    assert.match(await stayed, /nicht gespeichert/)
    await page.getByTestId('unsaved-edits').waitFor()
    assert.equal(page.url(), draftUrl)
    assert.equal(await threshold.inputValue(), '45')

    // Editing on, then Back, and leave: the agreement page. (A browser lets a page hold Back once per user
    // interaction, so the edit in between is what a person does too.)
    await threshold.fill('44')
    const left = answerNextDialog(page, true)
    await page.goBack({ waitUntil: 'commit' })
    assert.match(await left, /nicht gespeichert/)
    await page.waitForURL(/\/agreement$/)
    await page.getByRole('button', { name: 'Neuer Entwurf' }).waitFor()
    await page.context().close()
  })
})

/** The message of the next dialog, answered with OK (`accept`) or Cancel; fails when none comes. */
function answerNextDialog(page: Page, accept: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const none = setTimeout(() => reject(new Error('no dialog asked')), 15_000)
    page.once('dialog', (dialog) => {
      clearTimeout(none)
      resolve(dialog.message())
      void (accept ? dialog.accept() : dialog.dismiss())
    })
  })
}
