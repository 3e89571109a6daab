import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { completeRecord, featureTable, leadFeatures } from './lead-features.ts'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 5)

function touchpoint(day: number, fields: Partial<Touchpoint> = {}): Touchpoint {
  return { id: `t${day}`, type: 'page_view', occurredAt: T0 + day * DAY, properties: {}, ...fields }
}

const isHandRaiser = (touchpoint: Touchpoint) => touchpoint.type === 'demo_request'

const log: Touchpoint[] = [
  touchpoint(0, {
    source: 'LinkedIn',
    properties: { utm_campaign: 'APS-Q1' },
    leadFields: {
      title: 'Leiter Fertigung',
      company: { name: 'Acme', industry: 'Maschinenbau', employees: 250 },
    },
  }),
  touchpoint(3, { type: 'whitepaper_download', journeyStage: 'consideration', topics: ['APS', 'MES'] }),
  touchpoint(20, { type: 'demo_request', journeyStage: 'decision', topics: ['aps'] }),
  // After the hand-off: what sales learned, never a feature of the lead as it was handed off.
  touchpoint(40, { type: 'meeting', leadFields: { custom: { budget: 'approved' }, title: 'Werkleiter' } }),
]

test('features hold what was known before the cut-off, and nothing after it', () => {
  const features = leadFeatures({
    email: 'a.b@acme.de',
    touchpoints: log,
    cutOff: T0 + 25 * DAY,
    isHandRaiser,
  })
  assert.deepEqual(features, {
    title: 'Leiter Fertigung',
    'company.industry': 'Maschinenbau',
    'company.employees': '250',
    'email.freeMail': 'no',
    source: 'linkedin',
    campaign: 'aps-q1',
    'count.touchpoints': '3',
    'count.type.page_view': '1',
    'count.type.whitepaper_download': '1',
    'count.type.demo_request': '1',
    'count.stage.orientation': '0',
    'count.stage.consideration': '1',
    'count.stage.decision': '1',
    'count.handRaisers': '1',
    'count.last30Days': '3',
    'count.topics': '2',
    daysActive: '20',
    daysSinceLastTouch: '5',
  })
  // The touchpoint at the cut-off is known then (a hand-raiser made MQL by it); a millisecond before, not.
  const atCutOff = leadFeatures({
    email: 'a.b@acme.de',
    touchpoints: log,
    cutOff: T0 + 20 * DAY,
    isHandRaiser,
  })
  assert.equal(atCutOff['count.handRaisers'], '1')
  const before = leadFeatures({
    email: 'a.b@acme.de',
    touchpoints: log,
    cutOff: T0 + 20 * DAY - 1,
    isHandRaiser,
  })
  assert.equal(before['count.touchpoints'], '2')
  assert.equal(before['count.handRaisers'], '0')
})

test('the whole log: later fields win, as in the lead profile', () => {
  const features = leadFeatures({
    email: 'x@gmail.com',
    touchpoints: log,
    cutOff: T0 + 50 * DAY,
    isHandRaiser,
  })
  assert.equal(features['title'], 'Werkleiter')
  assert.equal(features['custom.budget'], 'approved')
  assert.equal(features['email.freeMail'], 'yes')
})

test('fields marked as post-hand-off and identifying fields are never features', () => {
  const features = leadFeatures({
    email: 'x@acme.de',
    touchpoints: log,
    cutOff: T0 + 50 * DAY,
    isHandRaiser,
    postHandOff: new Set(['custom.budget', 'title']),
  })
  assert.equal('custom.budget' in features, false)
  assert.equal('title' in features, false)
  assert.equal('company.name' in features, false)
  assert.equal('email' in features, false)
  assert.equal(features['company.industry'], 'Maschinenbau')
})

test('a lead without touchpoints by the cut-off has counted nothing', () => {
  const features = leadFeatures({ email: 'x@acme.de', touchpoints: log, cutOff: T0 - 1, isHandRaiser })
  assert.deepEqual(features, { 'email.freeMail': 'no', 'count.touchpoints': '0' })
})

test('a table of records: every column, 0 for a count a lead lacks, missing for a field', () => {
  const table = featureTable(
    [
      { features: { title: 'CEO', 'count.type.webinar': '2' }, label: '1' },
      { features: { country: 'AT' }, label: '0' },
    ],
    'converted',
  )
  assert.deepEqual(table.header, ['count.type.webinar', 'country', 'title', 'converted'])
  assert.deepEqual(table.rows, [
    ['2', '', 'CEO', '1'],
    ['0', 'AT', '', '0'],
  ])
  assert.deepEqual(completeRecord({ title: 'CEO', extra: 'x' }, ['count.type.webinar', 'title', 'country']), {
    'count.type.webinar': '0',
    title: 'CEO',
    country: '',
  })
})
