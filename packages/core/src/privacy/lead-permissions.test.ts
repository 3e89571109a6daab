import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseAgreement, validateAgreement } from '../agreement/parse-agreement.ts'
import { compileAgreement } from '../agreement/compile-agreement.ts'
import { replayLead } from '../lifecycle/replay-lead.ts'
import { compareTouchpoints, type Touchpoint } from '../touchpoint/touchpoint.ts'
import { ANNA, DAY, T0 } from '../testing/core-fixtures.ts'
import { derivePermissions, lanePrivacy, type LanePrivacy, type LeadPermissions } from './lead-permissions.ts'

const parsed = parseAgreement(
  readFileSync(new URL('../agreement/fixtures/dach-production-planning.yaml', import.meta.url), 'utf8'),
)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
const agreement = compileAgreement(parsed.document)
const INBOUND = lanePrivacy(agreement, 'inbound')
const COLD = lanePrivacy(agreement, 'cold_outreach')
const OPEN: LanePrivacy = {
  lane: 'open',
  lawfulBasis: 'legitimate_interest',
  channels: { email: 'legitimate_interest', phone: 'legitimate_interest' },
}
const CONSENT_LANE: LanePrivacy = { ...OPEN, lawfulBasis: 'consent' }
const NEVER: LanePrivacy = { ...OPEN, channels: { email: 'never', phone: 'legitimate_interest' } }

let counter = 0
const at = (day: number) => T0 + day * DAY
const tp = (type: string, day: number, properties: Touchpoint['properties'] = {}, source = 'website') => ({
  id: `p${String(counter++).padStart(4, '0')}`,
  type,
  occurredAt: at(day),
  source,
  properties,
})
const visit = (day = 0, source = 'website') => tp('page_view', day, {}, source)
const given = (purpose: string, channel: string, day: number) =>
  tp('consent_given', day, { purpose, channel, text: 'Ja, ich möchte E-Mails erhalten.' }, 'web_form')
const withdrawn = (purpose: string, channel: string, day: number) =>
  tp('consent_withdrawn', day, { purpose, channel })

type Case = {
  name: string
  lane: LanePrivacy
  log: Touchpoint[]
  expect: Partial<{ nurture: LeadPermissions['emailNurture']; email: string; phone: string }>
}

// email/phone: "allowed by <basis>" or "blocked: <reason>"
const CASES: Case[] = [
  {
    name: 'inbound without a form consent: no nurture mails, but a B2B call is fine',
    lane: INBOUND,
    log: [visit()],
    expect: {
      nurture: 'blocked_no_consent',
      email: 'blocked: no_consent',
      phone: 'allowed by legitimate_interest',
    },
  },
  {
    name: 'inbound with the consent ticked on the form',
    lane: INBOUND,
    log: [visit(), given('email_marketing', 'email', 0)],
    expect: { nurture: 'allowed', email: 'allowed by consent' },
  },
  {
    name: 'UWG §7: cold outreach without e-mail consent is never nurtured by e-mail',
    lane: COLD,
    log: [visit(0, 'sdr_list'), tp('call', 3, {}, 'sdr_list')],
    expect: { nurture: 'blocked_no_consent', phone: 'allowed by legitimate_interest' },
  },
  {
    name: 'cold outreach after it agreed to marketing e-mail',
    lane: COLD,
    log: [visit(0, 'sdr_list'), given('email_marketing', 'email', 10)],
    expect: { nurture: 'allowed', email: 'allowed by consent' },
  },
  {
    name: 'a withdrawal ends the consent',
    lane: COLD,
    log: [
      visit(0, 'sdr_list'),
      given('email_marketing', 'email', 1),
      withdrawn('email_marketing', 'email', 2),
    ],
    expect: { nurture: 'blocked_withdrawn', email: 'blocked: consent_withdrawn' },
  },
  {
    name: 'an unsubscribe withdraws e-mail, whatever purposes were granted',
    lane: INBOUND,
    log: [
      visit(),
      given('email_marketing', 'email', 1),
      given('newsletter', 'email', 1),
      tp('unsubscribe', 2),
    ],
    expect: {
      nurture: 'blocked_unsubscribed',
      email: 'blocked: unsubscribed',
      phone: 'allowed by legitimate_interest',
    },
  },
  {
    name: 'a fresh consent after an unsubscribe counts again',
    lane: INBOUND,
    log: [
      visit(),
      given('email_marketing', 'email', 1),
      tp('unsubscribe', 2),
      given('email_marketing', 'email', 5),
    ],
    expect: { nurture: 'allowed' },
  },
  {
    name: 'legitimate interest holds until the person objects',
    lane: OPEN,
    log: [visit()],
    expect: { nurture: 'allowed', email: 'allowed by legitimate_interest' },
  },
  {
    name: 'an unsubscribe is an objection to mail sent on legitimate interest',
    lane: OPEN,
    log: [visit(), tp('unsubscribe', 1)],
    expect: { nurture: 'blocked_unsubscribed', phone: 'allowed by legitimate_interest' },
  },
  {
    name: 'withdrawing phone consent stops calls, not e-mail',
    lane: OPEN,
    log: [visit(), given('phone', 'phone', 1), withdrawn('phone', 'phone', 2)],
    expect: { email: 'allowed by legitimate_interest', phone: 'blocked: consent_withdrawn' },
  },
  {
    name: 'withdrawing profiling alone stops no channel',
    lane: OPEN,
    log: [visit(), tp('consent_withdrawn', 1, { purpose: 'profiling' })],
    expect: { email: 'allowed by legitimate_interest', phone: 'allowed by legitimate_interest' },
  },
  {
    name: 'a lane that never mails blocks e-mail even with consent',
    lane: NEVER,
    log: [visit(), given('email_marketing', 'email', 1)],
    expect: { nurture: 'blocked_by_agreement', email: 'blocked: excluded_by_agreement' },
  },
  {
    name: 'a newsletter consent opens the e-mail channel',
    lane: COLD,
    log: [visit(0, 'sdr_list'), tp('consent_given', 1, { purpose: 'newsletter' })],
    expect: { nurture: 'allowed' },
  },
]

const describeChannel = (permission: LeadPermissions['channels']['email']) =>
  permission.allowed ? `allowed by ${permission.basis}` : `blocked: ${permission.reason}`

describe('derivePermissions', () => {
  for (const entry of CASES) {
    test(entry.name, () => {
      const permissions = derivePermissions([...entry.log].sort(compareTouchpoints), entry.lane, at(100))
      if (entry.expect.nurture) assert.equal(permissions.emailNurture, entry.expect.nurture)
      if (entry.expect.email) assert.equal(describeChannel(permissions.channels.email), entry.expect.email)
      if (entry.expect.phone) assert.equal(describeChannel(permissions.channels.phone), entry.expect.phone)
    })
  }

  test('lists every consent with its source, time, wording and touchpoint', () => {
    const grant = given('email_marketing', 'email', 1)
    const permissions = derivePermissions([visit(), grant], INBOUND, at(2))
    assert.deepEqual(permissions.consents, [
      {
        purpose: 'email_marketing',
        channel: 'email',
        granted: true,
        at: at(1),
        source: 'web_form',
        touchpointId: grant.id,
        kind: 'consent',
        basis: null,
        text: 'Ja, ich möchte E-Mails erhalten.',
      },
    ])
    assert.deepEqual(permissions.channels.email, {
      allowed: true,
      requires: 'consent',
      basis: 'consent',
      source: 'web_form',
      since: at(1),
      reason: 'consent_given',
    })
  })

  test('is rebuilt as of any instant: a later consent does not count before it was given', () => {
    const log = [visit(0, 'sdr_list'), given('email_marketing', 'email', 10)]
    assert.equal(derivePermissions(log, COLD, at(5)).emailNurture, 'blocked_no_consent')
    assert.equal(derivePermissions(log, COLD, at(10)).emailNurture, 'allowed')
  })

  test('names the lawful basis: legitimate interest since the first touch, or the consent it rests on', () => {
    const open = derivePermissions([visit(3, 'trade_fair')], OPEN, at(9))
    assert.deepEqual(open.lawfulBasis, {
      basis: 'legitimate_interest',
      source: 'trade_fair',
      since: at(3),
      established: true,
    })
    const missing = derivePermissions([visit()], CONSENT_LANE, at(9))
    assert.deepEqual(missing.lawfulBasis, { basis: 'consent', source: null, since: null, established: false })
    const held = derivePermissions([visit(), given('profiling', 'email', 2)], CONSENT_LANE, at(9))
    assert.equal(held.lawfulBasis.since, at(2))
  })

  test('UWG: a cold-outreach lead recycled to a nurture track still gets no nurture mail', () => {
    const log = [
      { ...visit(0, 'sdr_list'), leadFields: ANNA, properties: { owner: 'felix@demo.takt.dev' } },
      tp('call', 1, {}, 'sdr_list'),
    ]
    const rep = { type: 'user', id: 'felix' } as const
    const replay = replayLead({
      email: ANNA.email,
      touchpoints: log,
      decisions: [{ id: 'd1', at: at(2), actor: rep, command: { kind: 'recycle', reason: 'no_budget' } }],
      versions: [{ version: 1, activatedAt: 0, agreement }],
      until: at(3),
    })
    assert.equal(replay.state?.stage, 'recycled')
    assert.equal(replay.state?.nurtureTrack, 'roi')
    const lane = lanePrivacy(agreement, replay.state?.lane)
    assert.equal(derivePermissions(replay.touchpoints, lane, at(3)).emailNurture, 'blocked_no_consent')
  })
})

describe('lanePrivacy', () => {
  const lane = (extra: object) =>
    lanePrivacy(
      compileAgreement({ ...parsed.document, sources: [{ id: 'x', sources: ['x'], ...extra }] }),
      'x',
    )
  const CASES: Array<[string, object, LanePrivacy['channels'], LanePrivacy['lawfulBasis']]> = [
    [
      'nothing stated: legitimate interest',
      {},
      { email: 'legitimate_interest', phone: 'legitimate_interest' },
      'legitimate_interest',
    ],
    [
      'emailNurture requiresConsent',
      { emailNurture: 'requiresConsent' },
      { email: 'consent', phone: 'legitimate_interest' },
      'legitimate_interest',
    ],
    [
      'emailNurture never',
      { emailNurture: 'never' },
      { email: 'never', phone: 'legitimate_interest' },
      'legitimate_interest',
    ],
    [
      'a consent lane needs consent everywhere',
      { lawfulBasis: 'consent' },
      { email: 'consent', phone: 'consent' },
      'consent',
    ],
    [
      'channels win over the lane default',
      { lawfulBasis: 'consent', channels: { phone: 'legitimate_interest' } },
      { email: 'consent', phone: 'legitimate_interest' },
      'consent',
    ],
  ]
  for (const [name, extra, channels, basis] of CASES) {
    test(name, () => {
      assert.deepEqual(lane(extra), { lane: 'x', lawfulBasis: basis, channels })
    })
  }

  test('the demo agreement: e-mail needs consent in both lanes, phone rests on legitimate interest', () => {
    for (const entry of [INBOUND, COLD])
      assert.deepEqual(entry.channels, { email: 'consent', phone: 'legitimate_interest' })
  })

  test('an agreement whose emailNurture contradicts channels.email is refused, located', () => {
    const document = structuredClone(parsed.document)
    document.sources![1]!.channels = { email: 'legitimate_interest' }
    const result = validateAgreement(document)
    assert.equal(result.ok, false)
    assert.ok(!result.ok && result.errors.some((issue) => issue.path === '/sources/1/channels/email'))
  })
})
