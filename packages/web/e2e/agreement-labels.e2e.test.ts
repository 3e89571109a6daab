// The agreement's own words in both languages: the demo agreement names its industries, sources, content
// and tracks in German and English, and the agreement page and a lead's score explanation use them
// instead of the codes ("automotive_zulieferer") the rules are written in.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'

// Written like an id: what a reader must never see where the agreement gives a label.
const RAW_CODE = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g
const CODES_WITH_LABELS = ['automotive_zulieferer', 'it_dienstleistung', 'unternehmensberatung', 'sdr_list']

/** A manufacturing lead from an automotive supplier that looked at the pricing page from a paid ad. */
async function ingestSupplierLead(e2e: E2e): Promise<string> {
  const stamp = Date.now()
  const email = `einkauf@zulieferer-${stamp}.de`
  const lead = {
    email,
    firstName: 'Vera',
    lastName: 'Zuliefer',
    title: 'Leiterin Produktion',
    company: {
      name: `Zulieferer ${stamp} GmbH`,
      domain: `zulieferer-${stamp}.de`,
      industry: 'automotive_zulieferer',
      employees: 800,
      country: 'DE',
      postcode: '70173',
    },
  }
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
  const events = [
    {
      id: `labels-${stamp}-1`,
      type: 'page_view',
      occurredAt: at(30),
      source: 'website',
      contentId: 'pricing',
      properties: { utm_medium: 'cpc', utm_campaign: 'google-ads-feinplanung' },
      lead,
    },
    {
      id: `labels-${stamp}-2`,
      type: 'consent_given',
      occurredAt: at(20),
      source: 'website',
      properties: { purpose: 'email_marketing', channel: 'email' },
      lead: { email },
    },
  ]
  const ingested = await e2e.api('POST', '/api/v1/events', e2e.keys.ingest, { events })
  assert.equal(ingested.status, 200, JSON.stringify(ingested.body))
  const found = await e2e.api('GET', `/api/v1/leads?q=${email}`, e2e.keys.read)
  return found.body.items[0].id as string
}

async function agreementText(page: Page, e2e: E2e): Promise<{ meta: string; view: string }> {
  await page.goto(`${e2e.baseUrl}/agreement`)
  const view = page.getByTestId('agreement-view')
  await view.waitFor()
  return { meta: await page.getByTestId('agreement-meta').innerText(), view: await view.innerText() }
}

/** The score explanation once it shows `label`: the agreement's labels arrive with the agreement, after the lead. */
async function scoresText(page: Page, e2e: E2e, leadId: string, label: string): Promise<string> {
  await page.goto(`${e2e.baseUrl}/leads/${leadId}`)
  const scores = page.locator('section[aria-labelledby="scores-title"]')
  await scores.getByText(label).first().waitFor()
  return scores.innerText()
}

async function timelineText(page: Page): Promise<string> {
  const timeline = page.locator('section[aria-labelledby="timeline-title"]')
  await timeline.waitFor()
  return timeline.innerText()
}

describe('agreement texts in German and English', () => {
  let e2e: E2e
  let leadId: string
  before(async () => {
    e2e = await startE2e({ leads: 30 })
    leadId = await ingestSupplierLead(e2e)
  })
  after(async () => e2e?.close())

  test('the German agreement page and score explanation show German labels and no raw codes', async () => {
    const page = await e2e.signIn(DEMO.admin, { language: 'de' })
    const { meta, view } = await agreementText(page, e2e)
    assert.match(meta, /Produktionsplanung DACH/)
    assert.doesNotMatch(meta, /DACH production planning/)
    assert.match(view, /^Wen wir wollen/m)
    assert.doesNotMatch(view, /Who we want/)
    for (const word of [
      'Automobilzulieferer',
      'IT-Dienstleistung',
      'Preisseite',
      'ROI und Wirtschaftlichkeit',
      'Messe',
    ]) {
      assert.ok(view.includes(word), `${word} missing from the agreement view`)
    }
    assert.deepEqual(view.match(RAW_CODE) ?? [], [], 'raw codes in the German agreement view')

    const scores = await scoresText(page, e2e, leadId, '(Wert: Automobilzulieferer)')
    assert.match(scores, /Automobilzulieferer/)
    assert.match(scores, /Preisseite/)
    for (const code of CODES_WITH_LABELS) assert.ok(!scores.includes(code), `${code} in the explanation`)
    assert.deepEqual(scores.match(RAW_CODE) ?? [], [], 'raw codes in the German score explanation')

    // Touchpoint properties read as words, not keys.
    const timeline = await timelineText(page)
    assert.match(timeline, /Kanal: Bezahlte Suche \(CPC\)/)
    assert.match(timeline, /Zweck: E-Mail-Marketing/)
    assert.doesNotMatch(timeline, /utm_medium|purpose|email_marketing/)
    await page.context().close()
  })

  test('the English UI shows the English labels', async () => {
    const page = await e2e.signIn(DEMO.admin, { language: 'en' })
    const { meta, view } = await agreementText(page, e2e)
    assert.match(meta, /DACH production planning/)
    assert.match(view, /^Who we want/m)
    for (const word of [
      'Automotive suppliers',
      'IT services',
      'Pricing page',
      'ROI and business case',
      'Trade fair',
    ]) {
      assert.ok(view.includes(word), `${word} missing from the agreement view`)
    }
    assert.doesNotMatch(view, /Automobilzulieferer|Preisseite/)
    assert.deepEqual(view.match(RAW_CODE) ?? [], [], 'raw codes in the English agreement view')

    const scores = await scoresText(page, e2e, leadId, '(value: Automotive suppliers)')
    assert.match(scores, /Automotive suppliers/)
    assert.doesNotMatch(scores, /Automobilzulieferer|automotive_zulieferer/)

    const timeline = await timelineText(page)
    assert.match(timeline, /Medium: Paid search \(CPC\)/)
    assert.match(timeline, /Purpose: E-mail marketing/)
    await page.context().close()
  })
})
