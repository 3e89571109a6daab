// Agreement governance in a real browser, in German at 1366×768: marketing drafts a lower MQL engagement
// threshold in the form, saves it, reads the change in the diff, backtests it and sees the chart, and
// proposes it; marketing and the sales manager approve; marketing activates after reading what changes
// now. The agreement page then shows the new version active, and a lead that was just under the old
// threshold is an MQL in the lead list. The version page fits a 390 px phone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'
import { assertFits } from './fits.ts'
import { createJobQueue, type JobQueue } from '../../server/src/jobs/queue/job-queue.ts'
import { BACKTEST_QUEUE } from '../../server/src/jobs/queue/backtest-queue.ts'
import { workBacktests } from '../../server/src/jobs/backtest.job.ts'

const SILENT = { warn: () => {}, error: () => {} }

/**
 * A lead the demo agreement keeps just below MQL: fit 50 (Maschinenbau, 450 people, DE), the
 * decision-shift signal (three decision-stage touchpoints), and about 45 engagement points (two ROI
 * calculations 2 × 15, the pricing page 10, a webinar registration 5): MQL once the threshold is 40.
 */
async function ingestWarmLead(e2e: E2e) {
  const stamp = Date.now()
  const email = `einkauf@warm-${stamp}.de`
  const lead = {
    email,
    firstName: 'Wiebke',
    lastName: 'Schwellenwert',
    title: 'Einkauf',
    company: {
      name: `Schwellenwerk ${stamp} GmbH`,
      domain: `warm-${stamp}.de`,
      industry: 'maschinenbau',
      employees: 450,
      country: 'DE',
      postcode: '20095',
    },
  }
  const touchpoints: Array<[string, string]> = [
    ['roi_calculator_used', 'roi-calculator'],
    ['roi_calculator_used', 'roi-calculator'],
    ['page_view', 'pricing'],
    ['webinar_registered', 'webinar-feinplanung-live'],
  ]
  const events = touchpoints.map(([type, contentId], index) => ({
    id: `warm-${stamp}-${index}`,
    type,
    occurredAt: new Date(Date.now() - (60 - index) * 60_000).toISOString(),
    source: 'website',
    contentId,
    lead,
  }))
  const ingested = await e2e.api('POST', '/api/v1/events', e2e.keys.ingest, { events })
  assert.equal(ingested.status, 200, JSON.stringify(ingested.body))
  const found = await e2e.api('GET', `/api/v1/leads?q=${encodeURIComponent(email)}`, e2e.keys.read)
  const item = found.body.items[0] as { id: string; stage: string; engagementScore?: number }
  return { id: item.id, email, stage: item.stage }
}

async function leadStage(e2e: E2e, id: string): Promise<string> {
  const lead = await e2e.api('GET', `/api/v1/leads/${id}`, e2e.keys.read)
  assert.equal(lead.status, 200)
  return lead.body.stage
}

async function mqlCount(e2e: E2e): Promise<number> {
  const pipeline = await e2e.api('GET', '/api/v1/pipeline', e2e.keys.read)
  assert.equal(pipeline.status, 200, JSON.stringify(pipeline.body))
  return (pipeline.body.stages as Array<{ stage: string; count: number }>).find((row) => row.stage === 'mql')!
    .count
}

/** Opens a step's dialog from the page's action bar and confirms it there. */
async function takeStep(page: Page, button: string, confirm = button) {
  await page.locator('.version-actions').getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: confirm, exact: true }).click()
  await dialog.waitFor({ state: 'detached' })
}

describe('agreement governance end to end', () => {
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

  test('a threshold change goes from draft through backtest and both approvals to the lead list', async () => {
    const warm = await ingestWarmLead(e2e)
    assert.equal(warm.stage, 'lead', 'the lead starts just below the MQL threshold')
    const mqlsBefore = await mqlCount(e2e)
    const activeBefore: number = (await e2e.api('GET', '/api/v1/agreement', e2e.keys.read)).body.version

    // Marketing starts a draft as a copy of the active version.
    const marketing = await e2e.signIn(DEMO.marketing)
    await marketing.getByRole('link', { name: 'Vereinbarung' }).click()
    await marketing.getByRole('button', { name: 'Neuer Entwurf' }).click()
    await marketing.waitForURL(/\/agreement\/versions\/\d+$/)
    const version = Number(new URL(marketing.url()).pathname.split('/').pop())
    assert.ok(version > activeBefore)
    await marketing.getByTestId('version-status').getByText('Entwurf').waitFor()

    // The form (the default mode) lowers the engagement threshold; YAML shows the same unsaved edit.
    const threshold = marketing.getByTestId('mql-threshold-engagement-gte')
    assert.equal(await threshold.inputValue(), '50')
    await threshold.fill('40')
    await marketing.getByTestId('unsaved-edits').waitFor()
    // Leaving with unsaved edits asks first; staying keeps them.
    const asked = new Promise<string>((resolve) =>
      marketing.once('dialog', (dialog) => {
        resolve(dialog.message())
        void dialog.dismiss()
      }),
    )
    await marketing.getByRole('link', { name: /Zur Qualifizierungsvereinbarung/ }).click()
    assert.match(await asked, /nicht gespeichert/)
    assert.match(marketing.url(), /\/agreement\/versions\/\d+$/)
    await marketing.getByRole('button', { name: 'YAML (erweitert)' }).click()
    // CodeMirror draws only the lines in view: its search (Ctrl+F) scrolls to the edited one.
    await marketing.getByTestId('agreement-editor').locator('.cm-content').click()
    await marketing.keyboard.press('Control+f')
    await marketing.keyboard.type('engagement, gte: 40')
    await marketing.keyboard.press('Enter')
    await marketing
      .getByTestId('agreement-editor')
      .locator('.cm-line', { hasText: 'engagement, gte: 40' })
      .waitFor()
    await marketing.getByRole('button', { name: 'Formular', exact: true }).click()
    assert.equal(await marketing.getByTestId('mql-threshold-engagement-gte').inputValue(), '40')
    // Proposing waits for the save, and says so.
    await marketing.locator('#blocked-propose').getByText('erst die Änderungen speichern').waitFor()
    await marketing.getByRole('button', { name: 'Speichern', exact: true }).click()
    await marketing.getByTestId('unsaved-edits').waitFor({ state: 'detached' })
    const saved = await e2e.api('GET', `/api/v1/agreement/versions/${version}`, e2e.keys.read)
    assert.match(saved.body.source, /\{ score: engagement, gte: 40 \}/)

    // The diff names the threshold in words, with before → after.
    const change = marketing.getByTestId('version-diff').locator('li', { hasText: 'Engagement' })
    await change.first().waitFor()
    const changeText = await change.first().innerText()
    assert.match(changeText, /50/)
    assert.match(changeText, /40/)
    assert.match(await marketing.getByTestId('version-diff').innerText(), /MQL-Kriterien/)

    // A backtest of the saved draft runs as a job and shows its chart.
    const panel = marketing.getByTestId('backtest-panel')
    await panel.scrollIntoViewIfNeeded()
    await panel.getByRole('button', { name: 'Backtest starten' }).click()
    await panel.locator('[data-testid="backtest-chart"]').waitFor({ timeout: 90_000 })

    // Proposed, then approved for marketing; activation waits for sales and says so.
    await takeStep(marketing, 'Zur Freigabe vorlegen')
    await marketing.getByTestId('version-status').getByText('Zur Freigabe').waitFor()
    await takeStep(marketing, 'Freigeben')
    await marketing
      .getByTestId('version-approvals')
      .getByText(/freigegeben von Lena Hoffmann \(Sie\)/)
      .waitFor()
    await marketing.locator('#blocked-activate').getByText('Freigabe Vertrieb fehlt').waitFor()
    assert.equal(
      await marketing.locator('.version-actions').getByRole('button', { name: 'Aktivieren' }).isDisabled(),
      true,
    )

    // The sales manager approves for sales.
    const manager = await e2e.signIn(DEMO.manager)
    await manager.goto(`${e2e.baseUrl}/agreement/versions/${version}`)
    await manager.getByTestId('version-status').getByText('Zur Freigabe').waitFor()
    await takeStep(manager, 'Freigeben')
    await manager.getByTestId('version-status').getByText('Freigegeben').waitFor()
    await manager.getByTestId('review-timeline').getByText('für Vertrieb').waitFor()
    await manager.context().close()

    // Marketing activates, after reading what changes now: the warm lead becomes MQL at once.
    await marketing.reload()
    await marketing.getByTestId('version-status').getByText('Freigegeben').waitFor()
    await marketing.locator('.version-actions').getByRole('button', { name: 'Aktivieren' }).click()
    const dialog = marketing.getByRole('dialog')
    const becomeMql = dialog.getByTestId('activation-become-mql')
    await becomeMql.waitFor({ timeout: 60_000 })
    const [, leads] = /^(\d+) Leads? (?:wird|werden) sofort MQL$/.exec(await becomeMql.innerText()) ?? []
    assert.ok(Number(leads) >= 1, 'the warm lead becomes MQL at once')
    await dialog.getByRole('button', { name: `Version ${version} jetzt aktivieren` }).click()
    await dialog.waitFor({ state: 'detached', timeout: 60_000 })
    await marketing.getByTestId('version-status').getByText('Aktiv', { exact: true }).waitFor()

    // The agreement page shows the new version in force, the old one retired.
    await marketing.getByRole('link', { name: /Zur Qualifizierungsvereinbarung/ }).click()
    await marketing.getByTestId('agreement-meta').getByText(`Version ${version}`).waitFor()
    const rows = marketing.getByTestId('agreement-versions')
    await rows.locator(`tr[data-version="${version}"]`).getByText('Aktiv', { exact: true }).waitFor()
    await rows.locator(`tr[data-version="${activeBefore}"]`).getByText('Abgelöst', { exact: true }).waitFor()

    // The lead list reflects it: the warm lead is an MQL now, and there is at least one MQL more.
    assert.equal(await leadStage(e2e, warm.id), 'mql')
    assert.ok((await mqlCount(e2e)) > mqlsBefore, 'more MQLs after lowering the threshold')
    await marketing.goto(`${e2e.baseUrl}/board?stage=mql&q=${encodeURIComponent(warm.email)}`)
    await marketing.locator(`[data-lead-email="${warm.email}"]`).first().waitFor()
    await marketing.context().close()
  })

  test('the version page fits a 390 px phone (and 360 px)', async () => {
    const phone = await e2e.signIn(DEMO.marketing, { viewport: { width: 390, height: 844 } })
    await phone.goto(`${e2e.baseUrl}/agreement`)
    await phone.getByRole('button', { name: 'Neuer Entwurf' }).click()
    await phone.waitForURL(/\/agreement\/versions\/\d+$/)
    await phone.getByTestId('version-status').waitFor()
    await phone.getByTestId('agreement-form').waitFor()
    // The string form: the e2e files are type-checked without the DOM library.
    assert.equal(
      await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
      true,
      'no sideways scrolling',
    )
    await assertFits(phone, 'the version page (form)')
    await phone.getByRole('button', { name: 'YAML (erweitert)' }).click()
    await phone.getByTestId('agreement-editor').waitFor()
    await assertFits(phone, 'the version page (YAML)')
    await phone.setViewportSize({ width: 360, height: 740 })
    await assertFits(phone, 'the version page (YAML)')
    await phone.context().close()
  })
})
