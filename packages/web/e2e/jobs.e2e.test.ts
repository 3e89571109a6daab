// The Jobs view in a real browser: an import that failed shows its error and how often it was tried,
// the admin runs it again and sees it complete; on a phone (360 px) each job is a card and a waiting
// job can be cancelled. The queue works beside the app on the same database, as main.ts runs it.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'
import { createJobQueue, enqueue, type JobQueue } from '../../server/src/jobs/queue/job-queue.ts'

const SILENT = { warn: () => {}, error: () => {} }

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
function sidewaysScroll(page: Page): Promise<number> {
  // A string: the e2e files are type-checked without the DOM library.
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>
}
const ERROR = 'Zeile 3: die E-Mail-Adresse fehlt'

describe('the Jobs view end to end', () => {
  let e2e: E2e
  let queue: JobQueue
  let page: Page
  let workspaceId: string
  let importWorks = false

  before(async () => {
    e2e = await startE2e({ leads: 20 })
    queue = createJobQueue({
      db: e2e.db,
      queues: [{ name: 'csv-import', retryLimit: 1, retryDelay: 0 }],
      log: SILENT,
      pollingIntervalSeconds: 0.5,
    })
    await queue.start()
    await queue.work('csv-import', async (_data, job) => {
      await job.progress(0.4, 'Zeile 400 von 1.000')
      if (!importWorks) throw new Error(ERROR)
    })
    const workspace = await e2e.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', DEMO.workspace)
      .executeTakeFirstOrThrow()
    workspaceId = workspace.id
    page = await e2e.signIn(DEMO.admin, { language: 'de' })
  })
  after(async () => {
    await page?.context().close()
    await queue?.stop()
    await e2e?.close()
  })

  test('a failed job shows its error and attempts, and completes when run again', async () => {
    await enqueue(e2e.db, 'csv-import', { workspaceId })
    await page.getByRole('link', { name: 'Einstellungen' }).click()
    await page.getByRole('link', { name: 'Hintergrundjobs' }).click()
    await page.getByRole('heading', { name: 'Hintergrundjobs' }).waitFor()
    await page.getByLabel('Status').selectOption('failed')
    const row = page.getByTestId('jobs-table').locator('tr', { hasText: 'csv-import' })
    // The list refreshes itself every few seconds while the queue tries twice.
    await row.getByText(ERROR).waitFor({ timeout: 20_000 })
    await row.getByText('Fehlgeschlagen').waitFor()
    await row.getByText('1× wiederholt').waitFor()
    await row.getByText('2 von 2').waitFor()

    importWorks = true
    await row.getByRole('button', { name: 'csv-import erneut ausführen' }).click()
    await page.getByText('Der Job wird erneut ausgeführt.').waitFor()
    await page.getByLabel('Status').selectOption('')
    await row.getByText('Abgeschlossen').waitFor({ timeout: 20_000 })
    await row.getByText('2× wiederholt').waitFor()
    assert.equal(await row.getByText(ERROR).count(), 0, 'a completed job shows no error')
    assert.equal(await row.getByRole('button', { name: /erneut ausführen/ }).count(), 0)
  })

  test('on a phone each job is a card without sideways scrolling, and a waiting job is cancelled', async () => {
    await enqueue(e2e.db, 'csv-import', { workspaceId }, { startAfter: new Date(Date.now() + 3_600_000) })
    await page.setViewportSize({ width: 360, height: 740 })
    await page.getByLabel('Status').selectOption('created')
    // The demo's own lead checks wait too (cool-downs and SLA clocks scheduled ahead): this job's card.
    const card = page
      .getByTestId('jobs-table')
      .locator('tr', { hasText: 'Wartet' })
      .filter({ hasText: 'csv-import' })
    await card.waitFor()
    const overflow = await sidewaysScroll(page)
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`)
    const button = card.getByRole('button', { name: 'csv-import abbrechen' })
    const box = await button.boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, 'the button is on screen')
    await button.click()
    await page.getByText('Der Job ist abgebrochen.', { exact: false }).waitFor()
    await page.getByLabel('Status').selectOption('cancelled')
    await page.getByTestId('jobs-table').locator('tr', { hasText: 'Abgebrochen' }).first().waitFor()

    await page.setViewportSize({ width: 1366, height: 768 })
    const wideOverflow = await sidewaysScroll(page)
    assert.ok(wideOverflow <= 0, `the page scrolls sideways by ${wideOverflow} px at 1366 px`)
  })
})
