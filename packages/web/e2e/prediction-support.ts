// What the predictive-score e2e files share: the prediction-training job working beside the app on the same
// database, as main.ts runs it (a run asked for on the model page is trained within seconds), the figures
// as the page must write them, and a table's rows by their data attribute.
import type { Locator, Page } from 'playwright-core'
import { assertFits } from './fits.ts'
import type { E2e } from './harness.ts'
import { createJobQueue, type JobQueue } from '../../server/src/jobs/queue/job-queue.ts'
import { PREDICTION_TRAINING_QUEUE } from '../../server/src/jobs/queue/prediction-training-queue.ts'
import { workPredictionTraining } from '../../server/src/jobs/prediction-training.job.ts'

const SILENT = { warn: () => {}, error: () => {} }

export async function startTrainingQueue(e2e: E2e): Promise<JobQueue> {
  const queue = createJobQueue({
    db: e2e.db,
    queues: [PREDICTION_TRAINING_QUEUE],
    log: SILENT,
    pollingIntervalSeconds: 0.5,
  })
  await queue.start()
  await workPredictionTraining(queue, e2e.db, () => new Date())
  return queue
}

/** Figures as the page must write them, built independently of the app's code; spaces as read. */
export function writing(language: 'de' | 'en') {
  const locale = language === 'en' ? 'en-GB' : 'de-DE'
  const read = (written: string) => written.replace(/\s+/g, ' ')
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const measure = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 })
  const strength = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return {
    count: (value: number) => read(count.format(value)),
    share: (value: number) => read(percent.format(value)),
    measure: (value: number) => read(measure.format(value)),
    strength: (value: number) => read(strength.format(value)),
  }
}

/** An attribute of every row, in the page's order (say, the API ids the rows stand for). */
export async function attributesOf(rows: Locator, name: string): Promise<Array<string | null>> {
  return Promise.all((await rows.all()).map((row) => row.getAttribute(name)))
}

/**
 * Each screen (path, and a selector that shows it has loaded) fits 390 px and 1366 px wide without
 * horizontal scrolling, in German and in English, for `who`.
 */
export async function assertScreensFit(e2e: E2e, who: string, screens: ReadonlyArray<[string, string]>) {
  for (const language of ['de', 'en'] as const) {
    const page = await e2e.signIn(who, { language, viewport: { width: 390, height: 844 } })
    for (const [path, ready] of screens) {
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${e2e.baseUrl}${path}`)
      await page.locator(ready).waitFor()
      await chartsDrawn(page)
      await assertFits(page, `${path} (${language})`)
      await page.setViewportSize({ width: 1366, height: 768 })
      await chartsDrawn(page)
      await assertFits(page, `${path} (${language})`)
    }
    await page.context().close()
  }
}

/** Every chart on the page has drawn its SVG (recharts measures its frame first). */
export async function chartsDrawn(page: Page) {
  for (const frame of await page.locator('.report-chart-body').all()) {
    await frame.locator('svg.recharts-surface').first().waitFor()
  }
}
