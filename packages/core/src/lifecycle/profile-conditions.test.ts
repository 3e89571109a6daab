import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DAY, T0, compileSmall, touchpoint, versionsOf } from '../testing/core-fixtures.ts'
import { isNewToProfile, mergeLeadFields, type LeadFields, type LeadProfile } from '../lead/lead-profile.ts'
import { scoreLead } from '../scoring/score-lead.ts'
import { compareTouchpoints, type Touchpoint } from '../touchpoint/touchpoint.ts'
import { isSameProfile, profileRulesOf } from './profile-conditions.ts'
import { replayLead } from './replay-lead.ts'

const EMAIL = 'jonas.weber@werk.de'

describe('profileRulesOf', () => {
  test('marks the fit rules and disqualifiers that read only fields', () => {
    assert.deepEqual(profileRulesOf(compileSmall()), { fit: true, disqualifiers: [false, true] })
  })

  test('a fit rule that counts touchpoints makes fit depend on more than the fields', () => {
    const agreement = compileSmall({
      fit: {
        rules: [
          { id: 'senior', when: { field: 'title', contains: 'leiter' }, points: 20 },
          {
            id: 'visits',
            when: {
              all: [{ field: 'company.country', equals: 'DE' }, { touchpoints: { type: 'page_view' } }],
            },
            points: 5,
          },
        ],
      },
      disqualifiers: [{ id: 'student', reason: 'student', when: { not: { field: 'title', exists: true } } }],
    })
    assert.deepEqual(profileRulesOf(agreement), { fit: false, disqualifiers: [true] })
  })
})

describe('isSameProfile', () => {
  const base: LeadProfile = {
    email: EMAIL,
    title: 'Werkleiter',
    company: { name: 'Werk GmbH', country: 'DE' },
    custom: { plan: 'pro' },
  }
  const cases: Array<[string, LeadProfile, boolean]> = [
    ['a copy', { ...base, company: { ...base.company }, custom: { ...base.custom } }, true],
    ['another title', { ...base, title: 'Einkauf' }, false],
    ['one more field', { ...base, phone: '+49 30 1234' }, false],
    ['another company field', { ...base, company: { ...base.company, country: 'AT' } }, false],
    ['one more company field', { ...base, company: { ...base.company, employees: 250 } }, false],
    ['another custom value', { ...base, custom: { plan: 'free' } }, false],
    ['a field set to undefined instead of another', { ...base, title: undefined, phone: undefined }, false],
    ['no company', { email: EMAIL, title: 'Werkleiter', custom: { plan: 'pro' } }, false],
  ]
  for (const [name, other, same] of cases) {
    test(`${name}: ${same ? 'same' : 'different'}`, () => {
      assert.equal(isSameProfile(base, other), same)
      assert.equal(isSameProfile(other, base), same)
    })
  }
})

describe('isNewToProfile', () => {
  const base: LeadProfile = {
    email: EMAIL,
    title: 'Werkleiter',
    company: { name: 'Werk GmbH', country: 'DE' },
    custom: { plan: 'pro' },
  }
  const cases: Array<[string, LeadProfile, Partial<LeadFields>, boolean]> = [
    ['no fields', base, {}, false],
    [
      'the same fields again',
      base,
      { title: 'Werkleiter', company: { country: 'DE' }, custom: { plan: 'pro' } },
      false,
    ],
    ['only the e-mail, which is never merged', base, { email: 'other@werk.de' }, false],
    ['an empty title', base, { title: '' }, false],
    ['another title', base, { title: 'Einkauf' }, true],
    ['a new phone', base, { phone: '+49 30 1234' }, true],
    ['an empty company field', base, { company: { name: '', employees: undefined } }, false],
    ['another company field value', base, { company: { country: 'AT' } }, true],
    ['a new company field', base, { company: { employees: 250 } }, true],
    ['an empty company where there was none', { email: EMAIL }, { company: {} }, true],
    ['another custom value', base, { custom: { plan: 'free' } }, true],
    ['a custom value set to undefined', base, { custom: { seats: undefined as unknown as string } }, true],
    ['an empty custom where there was none', { email: EMAIL }, { custom: {} }, true],
  ]
  for (const [name, profile, fields, isNew] of cases) {
    test(`${name}: ${isNew ? 'new' : 'nothing new'}, as merging and comparing says`, () => {
      assert.equal(isNewToProfile(fields, profile), isNew)
      assert.equal(!isSameProfile(mergeLeadFields(profile, fields), profile), isNew)
    })
  }
})

describe('a fold keeps what the fields decided only while they stay the same', () => {
  const agreement = compileSmall()
  const versions = versionsOf(agreement)
  const replay = (touchpoints: Touchpoint[]) =>
    replayLead({ email: EMAIL, touchpoints, decisions: [], versions, until: T0 + 90 * DAY })
  const path = (touchpoints: Touchpoint[]) =>
    replay(touchpoints).transitions.map((transition) => `${transition.from}>${transition.to}`)
  const fields = (title: string, country?: string) => ({
    leadFields: { email: EMAIL, title, ...(country ? { company: { country } } : {}) },
  })

  test('a later touchpoint with a student title disqualifies at that touchpoint', () => {
    const later = touchpoint('content_click', T0 + 5 * DAY, fields('Werkstudent Fertigung'))
    const log = [
      touchpoint('content_click', T0, fields('Sachbearbeiter')),
      touchpoint('content_click', T0 + DAY, fields('Sachbearbeiter')),
      later,
    ]
    const result = replay(log)
    assert.deepEqual(path(log), ['null>lead', 'lead>disqualified'])
    assert.equal(result.transitions[1]!.at, later.occurredAt)
    assert.equal(result.transitions[1]!.reason, 'student')
  })

  test('fit that rises with new fields lets an earlier hand-raiser make the lead MQL, with the fit of that moment', () => {
    const log = [
      touchpoint('content_click', T0, fields('Sachbearbeiter')),
      touchpoint('demo_request', T0 + DAY, fields('Sachbearbeiter')),
      touchpoint('content_click', T0 + 2 * DAY, fields('Sachbearbeiter')),
      touchpoint('content_click', T0 + 3 * DAY, fields('Sachbearbeiter', 'DE')),
    ]
    const result = replay(log)
    assert.deepEqual(path(log), ['null>lead', 'lead>mql'])
    const mql = result.transitions[1]!
    assert.equal(mql.at, T0 + 3 * DAY)
    // The fit the scoring module gives for the profile at that instant, computed on its own.
    const sorted = [...log].sort(compareTouchpoints)
    const profile = { ...result.profile, lane: 'inbound', source: 'website' }
    assert.equal(mql.fit, scoreLead(agreement, profile, sorted, mql.at).fit)
    assert.equal(mql.fit, 10)
  })

  test('a fit rule reading the lane scores the lead once it has one, not as it stood before', () => {
    const byLane = compileSmall({
      fit: { rules: [{ id: 'inbound', when: { field: 'lane', equals: 'inbound' }, points: 30 }] },
      mql: { score: 'fit', gte: 30 },
    })
    const result = replayLead({
      email: EMAIL,
      touchpoints: [touchpoint('content_click', T0, fields('Sachbearbeiter'))],
      decisions: [],
      versions: versionsOf(byLane),
      until: T0 + DAY,
    })
    // Entering, the lead has no lane yet (fit 0); then the inbound lane's points make it MQL at once.
    assert.deepEqual(
      result.transitions.map((transition) => [transition.to, transition.fit]),
      [
        ['lead', 0],
        ['mql', 30],
      ],
    )
  })
})
