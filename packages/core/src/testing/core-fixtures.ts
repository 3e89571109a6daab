// Small agreements and touchpoint builders for core tests.
import type { AgreementDocument } from '../agreement/agreement-document.ts'
import { compileAgreement, type CompiledAgreement } from '../agreement/compile-agreement.ts'
import type { AgreementVersion } from '../lifecycle/replay-lead.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'

export const DAY = 86_400_000
export const T0 = Date.parse('2026-10-05T08:00:00Z') // a Monday

export const SMALL_AGREEMENT: AgreementDocument = {
  name: 'test',
  timezone: 'Europe/Berlin',
  fit: {
    rules: [
      { id: 'senior', when: { field: 'title', containsAny: ['Head of', '*leiter'] }, points: 20 },
      { id: 'dach', when: { field: 'company.country', in: ['DE', 'AT', 'CH'] }, points: 10 },
      { id: 'freemail', when: { field: 'email.domain', in: ['gmail.com'] }, points: -10 },
    ],
  },
  engagement: {
    halfLifeDays: 30,
    rules: [
      { id: 'blog', when: { type: 'content_click' }, points: 2, cap: { points: 5, per: 'week' } },
      {
        id: 'pricing',
        when: { type: 'page_view', contentId: 'pricing' },
        points: 10,
        halfLifeDays: 14,
        cap: { count: 2, per: 'week' },
      },
      { id: 'demo', when: { type: 'demo_request' }, points: 40, handRaiser: true },
      { id: 'unsubscribe', when: { type: 'unsubscribe' }, points: -20 },
    ],
  },
  signals: { decision_shift: { touchpoints: { journeyStage: 'decision' }, atLeast: 2, withinDays: 21 } },
  disqualifiers: [
    { id: 'bounced', reason: 'invalid', when: { touchpoints: { type: 'email_bounced' } } },
    { id: 'student', reason: 'student', when: { field: 'title', containsAny: ['Student', 'Werkstudent*'] } },
  ],
  mql: {
    any: [
      { all: [{ score: 'fit', gte: 30 }, { score: 'engagement', gte: 15 }, { signal: 'decision_shift' }] },
      { all: [{ handRaiser: true }, { score: 'fit', gte: 10 }] },
    ],
  },
  sources: [
    { id: 'inbound', sources: ['website', 'webinar'] },
    { id: 'cold_outreach', sources: ['sdr_list'], entryStage: 'sal', ownerProperty: 'owner' },
  ],
  defaultSource: 'inbound',
  recycling: {
    coolDownDays: 30,
    requalify: { score: 'engagementSinceRecycled', gte: 25 },
    reasons: [
      {
        id: 'no_budget',
        label: { de: 'Kein Budget', en: 'No budget' },
        action: 'nurture',
        track: 'roi',
        coolDownDays: 60,
      },
      { id: 'bad_timing', label: { de: 'Falscher Zeitpunkt', en: 'Bad timing' }, action: 'nurture' },
      { id: 'not_reachable', label: { de: 'Nicht erreichbar', en: 'Not reachable' }, action: 'data_quality' },
      { id: 'no_fit', label: { de: 'Kein Fit', en: 'No fit' }, action: 'disqualify' },
    ],
  },
  sql: { checklists: [{ id: 'bant', framework: 'BANT', mandatory: ['need'], minConfirmed: 3 }] },
  deals: {
    stages: [
      { id: 'discovery', label: 'Discovery', probability: 10 },
      { id: 'proposal', label: { de: 'Angebot', en: 'Proposal' }, probability: 60 },
    ],
  },
}

export function compileSmall(overrides: Partial<AgreementDocument> = {}): CompiledAgreement {
  return compileAgreement({ ...SMALL_AGREEMENT, ...overrides })
}

export function versionsOf(agreement: CompiledAgreement): AgreementVersion[] {
  return [{ version: 1, activatedAt: 0, agreement }]
}

let counter = 0
export function touchpoint(type: string, at: number, extra: Partial<Touchpoint> = {}): Touchpoint {
  counter += 1
  return {
    id: `tp-${String(counter).padStart(5, '0')}`,
    type,
    occurredAt: at,
    properties: {},
    source: 'website',
    ...extra,
  }
}

export const ANNA = {
  email: 'anna.schmidt@example.de',
  firstName: 'Anna',
  lastName: 'Schmidt',
  title: 'Head of Operations',
  company: { name: 'Example GmbH', domain: 'example.de', country: 'DE', employees: 250 },
}
