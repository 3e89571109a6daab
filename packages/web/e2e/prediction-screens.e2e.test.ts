// The predictive score and next best content in Chromium, on the demo workspace, which has too few outcomes
// to learn from: before any run the model page says no model is trained (a rep reads it without the
// button) and the lead page says so too; marketing trains with the button and the page shows, as the API
// counts them, how many outcomes are missing. A nurture lead's page lists the API's next best content with
// where each item leads and why; the content gaps report shows the API's topics, decision gaps first, and
// the content before MQL. Every new screen fits a 390 px phone and a 1366 px laptop in German and English.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'
import { assertScreensFit, attributesOf, startTrainingQueue, writing } from './prediction-support.ts'
import type { JobQueue } from '../../server/src/jobs/queue/job-queue.ts'

type Recommendation = {
  contentId: string
  title: string
  url: string | null
  why: { movesTo: string; from: string | null }
  closesGap: Array<{ de: string; en: string }>
}
type Recommendations = {
  nurture: boolean
  reason: string | null
  email: { allowed: boolean }
  items: Recommendation[]
}

const JOURNEY = { orientation: 'Orientierung', consideration: 'Abwägung', decision: 'Entscheidung' } as const
const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim()

describe('predictive score and next best content on the demo workspace', () => {
  let e2e: E2e
  let queue: JobQueue
  /** a lead marketing nurtures with at least two items recommended */
  let nurtured: { id: string; next: Recommendations }

  before(async () => {
    e2e = await startE2e()
    queue = await startTrainingQueue(e2e)
    const leads = await e2e.api('GET', '/api/v1/leads?stage=lead,recycled&limit=60', e2e.keys.read)
    for (const lead of leads.body.items as Array<{ id: string }>) {
      const next = await e2e.api('GET', `/api/v1/leads/${lead.id}/recommendations`, e2e.keys.read)
      if (next.body.items.length >= 2) {
        nurtured = { id: lead.id, next: next.body }
        break
      }
    }
    assert.ok(nurtured, 'the demo has a nurtured lead with recommendations')
  })
  after(async () => {
    await queue?.stop()
    await e2e?.close()
  })

  test('before any run: no model yet, said on the model page (read-only for a rep) and the lead page', async () => {
    const page = await e2e.signIn(DEMO.marketing)
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Berichte' })
      .click()
    await page.getByTestId('report-list').getByRole('link', { name: 'Prognosemodell' }).click()
    await page.getByRole('heading', { name: 'Prognosemodell', level: 1 }).waitFor()
    await page.getByTestId('model-none').getByText('Noch kein Modell trainiert').waitFor()
    assert.ok(await page.getByRole('button', { name: 'Modell trainieren' }).isEnabled())

    await page.goto(`${e2e.baseUrl}/leads/${nurtured.id}`)
    const section = page.getByTestId('lead-prediction')
    await section.getByText('Noch kein Prognosemodell trainiert.').waitFor()
    assert.equal(
      await section.getByRole('link', { name: 'Zum Prognosemodell' }).getAttribute('href'),
      '/reports/model',
    )
    await page.context().close()

    const rep = await e2e.signIn(DEMO.rep, { language: 'en' })
    await rep.goto(`${e2e.baseUrl}/reports/model`)
    await rep.getByTestId('model-none').getByText('No model trained yet').waitFor()
    assert.equal(await rep.getByRole('button', { name: /train/i }).count(), 0, 'a rep cannot train')
    await rep.context().close()
  })

  test('marketing trains with the button and sees the outcomes missing, as the API counts them', async () => {
    const page = await e2e.signIn(DEMO.marketing)
    const write = writing('de')
    await page.goto(`${e2e.baseUrl}/reports/model`)
    await page.getByRole('button', { name: 'Modell trainieren' }).click()
    await page
      .getByTestId('model-train-status')
      .getByText('Version 1: noch nicht genug Ergebnisse')
      .waitFor({ timeout: 60_000 })

    const current = await e2e.api('GET', '/api/v1/models/current', e2e.keys.read)
    const { latest, model, minimumPerKind } = current.body
    assert.equal(model, null)
    assert.equal(latest.status, 'insufficient')
    const { positives, negatives } = latest.outcomes
    assert.ok(positives < minimumPerKind || negatives < minimumPerKind)
    const notice = page.getByTestId('model-insufficient')
    assert.equal(
      await text(notice.locator('li[data-kind="positives"] .model-outcome-text')),
      `${write.count(positives)} von ${write.count(minimumPerKind)} SQL-Abschlüssen`,
    )
    assert.equal(
      await text(notice.locator('li[data-kind="negatives"] .model-outcome-text')),
      `${write.count(negatives)} von ${write.count(minimumPerKind)} Leads ohne SQL (zurückgegeben oder geschlossen)`,
    )
    const row = page.getByTestId('model-versions').locator('tr[data-version="1"]')
    assert.equal(await text(row.locator('.badge')), 'Zu wenige Ergebnisse')
    assert.equal(await text(row.locator('td[data-figure="positives"]')), write.count(positives))
    assert.equal(await text(row.locator('td[data-figure="negatives"]')), write.count(negatives))

    // The lead page counts the same outcomes and still points to the model page.
    await page.goto(`${e2e.baseUrl}/leads/${nurtured.id}`)
    const said = page.getByTestId('prediction-insufficient')
    await said.waitFor()
    assert.equal(
      await text(said),
      `Noch nicht genug Ergebnisse für eine Prognose: ${write.count(positives)} von ${write.count(minimumPerKind)} SQL-Abschlüssen, ` +
        `${write.count(negatives)} von ${write.count(minimumPerKind)} Leads ohne SQL (zurückgegeben oder geschlossen).`,
    )
    await page.context().close()
  })

  test('a nurtured lead’s next best content is the API’s, best first, each with where it leads', async () => {
    const page = await e2e.signIn(DEMO.marketing)
    await page.goto(`${e2e.baseUrl}/leads/${nurtured.id}`)
    const section = page.getByTestId('lead-next-content')
    const items = section.getByTestId('next-content-items').locator('li')
    await items.first().waitFor()
    // Asked again now: the page's answer and this one describe the same moment's lead.
    const { body: next } = await e2e.api('GET', `/api/v1/leads/${nurtured.id}/recommendations`, e2e.keys.read)
    assert.deepEqual(
      await attributesOf(items, 'data-content'),
      next.items.map((item: Recommendation) => item.contentId),
    )
    for (const [index, item] of (next.items as Recommendation[]).entries()) {
      const entry = items.nth(index)
      const title = entry.locator('.next-content-title')
      assert.equal(await text(title), item.url ? `${item.title} (öffnet in neuem Tab)` : item.title)
      if (item.url) assert.equal(await title.getAttribute('href'), item.url)
      const to = JOURNEY[item.why.movesTo as keyof typeof JOURNEY]
      const stage = await text(entry.getByTestId('next-content-stage'))
      assert.equal(
        stage,
        item.why.from ? `${JOURNEY[item.why.from as keyof typeof JOURNEY]} → ${to}` : `führt zu ${to}`,
      )
      assert.match(await text(entry.getByTestId('next-content-why')), /^Passt zu .+\.$/)
    }
    // An item that gives what the lead still needs for MQL says so, in the API's words.
    const gaps = items.getByTestId('next-content-gap')
    const closing = (next.items as Recommendation[]).filter((item) => item.closesGap.length > 0)
    assert.equal(await gaps.count(), closing.length)
    for (const [index, item] of closing.entries())
      assert.equal(
        await text(gaps.nth(index)),
        `Bringt den Lead näher an MQL: ${item.closesGap.map((gap) => gap.de).join('; ')}`,
      )
    // Beside it, what the lead still needs for MQL: the API's routes, in German.
    const { body: detail } = await e2e.api('GET', `/api/v1/leads/${nurtured.id}`, e2e.keys.read)
    const routes = page.getByTestId('mql-distance').locator('li')
    assert.deepEqual(
      await routes.allInnerTexts(),
      detail.mqlDistance.routes.map((route: { text: { de: string } }) => route.text.de),
    )
    const card = page.getByTestId('mql-distance')
    if (detail.mqlDistance.met) assert.equal(await card.getAttribute('data-met'), 'true')
    const email = section.getByTestId('next-content-email')
    assert.equal(await email.getAttribute('data-allowed'), String(next.email.allowed))
    // The jump link leads to the section.
    await page
      .getByRole('navigation', { name: 'Abschnitte' })
      .getByRole('link', { name: 'Nächste Inhalte' })
      .click()
    assert.ok(page.url().endsWith('#next-content-title'), page.url())
    await page.context().close()
  })

  test('the content gaps report shows the API’s topics, decision gaps first, and the content before MQL', async () => {
    const page = await e2e.signIn(DEMO.marketing)
    const write = writing('de')
    await page.goto(`${e2e.baseUrl}/reports/funnel`)
    await page
      .getByRole('navigation', { name: 'Berichte' })
      .getByRole('link', { name: 'Content-Lücken' })
      .click()
    await page.getByRole('heading', { name: 'Content-Lücken', level: 1 }).waitFor()
    const topics = page.getByTestId('gap-topics').locator('tbody tr')
    await topics.first().waitFor()
    // The page's default period is the API's: the last 90 days.
    const { body: report } = await e2e.api('GET', '/api/v1/reports/content-gaps', e2e.keys.read)
    assert.deepEqual(
      await attributesOf(topics, 'data-topic'),
      report.topics.map((topic: { topic: string }) => topic.topic),
    )
    for (const topic of report.topics) {
      const row = page.getByTestId('gap-topics').locator(`tr[data-topic="${topic.topic}"]`)
      assert.equal(await row.getAttribute('data-gap'), String(topic.decisionGap), topic.topic)
      assert.equal(await text(row.locator('td[data-figure="decision"]')), write.count(topic.items.decision))
      assert.equal(await text(row.locator('td[data-figure="leads"]')), write.count(topic.leads))
      if (topic.decisionGap) await row.locator('.gap-badge-decision', { hasText: 'Entscheidung' }).waitFor()
    }
    const gaps = report.topics.filter((topic: { decisionGap: boolean }) => topic.decisionGap).length
    assert.match(
      await text(page.getByTestId('gap-summary')),
      new RegExp(`^${gaps} von ${report.topics.length} Themen`),
    )

    const preceding = page.getByTestId('preceding').locator('tbody tr')
    assert.equal(await preceding.count(), report.precedingMql.length)
    for (const [index, item] of report.precedingMql.entries()) {
      const row = preceding.nth(index)
      assert.equal(await row.getAttribute('data-content'), item.contentId)
      assert.equal(await text(row.locator('td[data-figure="leads"]')), write.count(item.leads))
      assert.equal(await text(row.locator('td[data-figure="mqlAfter"]')), write.count(item.mqlAfter))
      assert.equal(await text(row.locator('td[data-figure="mqlRate"]')), write.share(item.mqlRate))
    }
    // The bar chart draws the items with MQLs after them (two bars each), at most ten.
    const chart = page.getByTestId('preceding-chart')
    await chart.locator('svg .recharts-bar-rectangle').first().waitFor()
    const drawn = report.precedingMql.filter((item: { mqlAfter: number }) => item.mqlAfter > 0).slice(0, 10)
    assert.equal(await chart.locator('svg .recharts-bar-rectangle').count(), drawn.length * 2)

    // What next best content recommended (the nurtured lead's page and the API asked before) and whether
    // it was consumed: the API's items, and all items together last.
    assert.ok(report.recommended.length > 0, 'the lead page recorded its recommendations')
    const recommended = page.getByTestId('recommended').locator('tbody tr')
    assert.deepEqual(await attributesOf(recommended, 'data-content'), [
      ...report.recommended.map((item: { contentId: string }) => item.contentId),
      '',
    ])
    for (const [index, item] of report.recommended.entries()) {
      const row = recommended.nth(index)
      assert.equal(await text(row.locator('td[data-figure="recommended"]')), write.count(item.recommended))
      assert.equal(await text(row.locator('td[data-figure="consumed"]')), write.count(item.consumed))
    }
    assert.equal(
      await text(recommended.last().locator('td[data-figure="recommended"]')),
      write.count(report.recommendedTotals.recommended),
    )

    // Another period is kept in the URL, and the tabs carry it to the other reports.
    await page.locator('select[name="period"]').selectOption('365')
    await page.waitForURL(/days=365/)
    // The tabs render after the URL changed: waited for, then read.
    const funnel = page.getByRole('navigation', { name: 'Berichte' }).getByRole('link', { name: 'Funnel' })
    await page
      .getByRole('navigation', { name: 'Berichte' })
      .locator('a[href*="days=365"]', { hasText: 'Funnel' })
      .waitFor()
    assert.match((await funnel.getAttribute('href'))!, /days=365/)
    await page.context().close()
  })

  test('the new screens fit a 390 px phone and a 1366 px laptop, in German and English', async () => {
    const screens: Array<[string, string]> = [
      ['/reports/model', '[data-testid="model-insufficient"]'],
      ['/reports/content-gaps', '[data-testid="preceding"]'],
      [`/leads/${nurtured.id}`, '[data-testid="next-content-items"]'],
    ]
    await assertScreensFit(e2e, DEMO.marketing, screens)
  })
})
