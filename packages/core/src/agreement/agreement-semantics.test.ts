import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { AgreementDocument } from './agreement-document.ts'
import { checklistItemIds } from './checklist-frameworks.ts'
import { LEAD_FIELDS } from './condition-checks.ts'
import {
  parseAgreement,
  validateAgreement,
  type AgreementIssueCode,
  type IssueParams,
} from './parse-agreement.ts'

const parsed = parseAgreement(
  readFileSync(new URL('./fixtures/dach-production-planning.yaml', import.meta.url), 'utf8'),
)
assert.ok(parsed.ok, 'the fixture must be valid for these cases to mean anything')
// Without its labels: a case that rewrites a condition drops codes the fixture labels, and that
// (tested in agreement-labels.test.ts) would be a second issue here.
const { labels: _labels, ...FIXTURE }: AgreementDocument = parsed.document

type Case = {
  name: string
  change: (document: AgreementDocument) => void
  path: string
  message: string
  code: AgreementIssueCode
  params: IssueParams
}

const CASES: Case[] = [
  {
    name: 'a breach step returning to marketing with an unknown reason',
    change: (d) =>
      void d.sla!.onBreach.push({ afterBusinessHours: 24, action: 'return_to_marketing', reason: 'lazy' }),
    path: '/sla/onBreach/2/reason',
    message:
      "'lazy' is not a recycle reason; reasons: no_budget, bad_timing, no_need, wrong_contact, not_reachable, no_fit",
    code: 'unknown_recycle_reason',
    params: {
      reason: 'lazy',
      reasons: ['no_budget', 'bad_timing', 'no_need', 'wrong_contact', 'not_reachable', 'no_fit'],
    },
  },
  {
    name: 'a recycle reason on a breach step that does not return the lead',
    change: (d) => void (d.sla!.onBreach[1]!.reason = 'bad_timing'),
    path: '/sla/onBreach/1/reason',
    message: 'only a return_to_marketing step names a recycle reason',
    code: 'reason_without_return',
    params: {},
  },
  {
    name: 'a fit rule id used twice',
    change: (d) => void (d.fit.rules[3]!.id = 'size_core'),
    path: '/fit/rules/3/id',
    message: "duplicate id 'size_core': another fit rule already uses it",
    code: 'duplicate_id',
    params: { id: 'size_core', noun: 'fit_rule' },
  },
  {
    name: 'an engagement rule id used twice',
    change: (d) => void (d.engagement.rules[4]!.id = 'content_click'),
    path: '/engagement/rules/4/id',
    message: "duplicate id 'content_click': another engagement rule already uses it",
    code: 'duplicate_id',
    params: { id: 'content_click', noun: 'engagement_rule' },
  },
  {
    name: 'a disqualifier id used twice',
    change: (d) => void (d.disqualifiers![2]!.id = 'student'),
    path: '/disqualifiers/2/id',
    message: "duplicate id 'student': another disqualifier already uses it",
    code: 'duplicate_id',
    params: { id: 'student', noun: 'disqualifier' },
  },
  {
    name: 'a source lane id used twice',
    change: (d) => void (d.sources![1]!.id = 'inbound'),
    path: '/sources/1/id',
    message: "duplicate id 'inbound': another source lane already uses it",
    code: 'duplicate_id',
    params: { id: 'inbound', noun: 'source_lane' },
  },
  {
    name: 'a recycle reason id used twice',
    change: (d) => void (d.recycling!.reasons[5]!.id = 'no_need'),
    path: '/recycling/reasons/5/id',
    message: "duplicate id 'no_need': another recycle reason already uses it",
    code: 'duplicate_id',
    params: { id: 'no_need', noun: 'recycle_reason' },
  },
  {
    name: 'a checklist id used twice',
    change: (d) => void (d.sql!.checklists[1]!.id = 'bant'),
    path: '/sql/checklists/1/id',
    message: "duplicate id 'bant': another checklist already uses it",
    code: 'duplicate_id',
    params: { id: 'bant', noun: 'checklist' },
  },
  {
    name: 'a team id used twice',
    change: (d) => void (d.routing!.teams[2]!.id = 'de_south'),
    path: '/routing/teams/2/id',
    message: "duplicate id 'de_south': another team already uses it",
    code: 'duplicate_id',
    params: { id: 'de_south', noun: 'team' },
  },
  {
    name: 'a reference to an undefined signal',
    change: (d) => (d.mql = { all: [{ score: 'fit', gte: 40 }, { signal: 'decision_stage' }] }),
    path: '/mql/all/1/signal',
    message: "unknown signal 'decision_stage'; defined signals: decision_shift",
    code: 'unknown_signal',
    params: { signal: 'decision_stage', signals: ['decision_shift'] },
  },
  {
    name: 'a defaultSource that is not a lane',
    change: (d) => (d.defaultSource = 'web'),
    path: '/defaultSource',
    message: "defaultSource 'web' is not a source lane; lanes: inbound, cold_outreach",
    code: 'unknown_default_source',
    params: { source: 'web', lanes: ['inbound', 'cold_outreach'] },
  },
  {
    name: 'a source value in two lanes',
    change: (d) => void d.sources![1]!.sources.push('webinar'),
    path: '/sources/1/sources/1',
    message: "source 'webinar' is listed already in lane 'inbound'",
    code: 'source_in_other_lane',
    params: { source: 'webinar', lane: 'inbound' },
  },
  {
    name: 'a regex that does not compile',
    change: (d) => (d.routing!.teams[2]!.territory = { field: 'company.postcode', matches: '^[0-4' }),
    path: '/routing/teams/2/territory/matches',
    message: 'not a valid regular expression: /^[0-4/iu: Unterminated character class',
    code: 'invalid_regex',
    params: { detail: '/^[0-4/iu: Unterminated character class' },
  },
  {
    name: 'an unknown time zone',
    change: (d) => (d.timezone = 'Europe/Berlinn'),
    path: '/timezone',
    message: "unknown time zone 'Europe/Berlinn'; use an IANA time zone like Europe/Berlin",
    code: 'unknown_time_zone',
    params: { zone: 'Europe/Berlinn' },
  },
  {
    name: 'an offset instead of a business-hours time zone',
    change: (d) => (d.sla!.businessHours.timezone = '+01:00'),
    path: '/sla/businessHours/timezone',
    message: "'+01:00' is an offset; use an IANA time zone like Europe/Berlin",
    code: 'time_zone_offset',
    params: { zone: '+01:00' },
  },
  {
    name: 'a cap without points or count',
    change: (d) => (d.engagement.rules[0]!.cap = { per: 'week' }),
    path: '/engagement/rules/0/cap',
    message: 'a cap needs points or count: the most this rule adds per period',
    code: 'cap_without_limit',
    params: {},
  },
  {
    name: 'between with the high end first',
    change: (d) => (d.fit.rules[2]!.when = { field: 'company.employees', between: [5000, 200] }),
    path: '/fit/rules/2/when/between',
    message: 'between [5000, 200]: the first number must not be above the second',
    code: 'between_reversed',
    params: { low: 5000, high: 200 },
  },
  {
    name: 'a sal lane without ownerProperty',
    change: (d) => delete d.sources![1]!.ownerProperty,
    path: '/sources/1/ownerProperty',
    message: 'a lane with entryStage sal needs ownerProperty: the touchpoint property naming the owning rep',
    code: 'sal_lane_without_owner',
    params: {},
  },
  {
    name: 'a mandatory item the framework does not have',
    change: (d) => (d.sql!.checklists[0]!.mandatory = ['needs']),
    path: '/sql/checklists/0/mandatory/0',
    message: "'needs' is not an item of this BANT checklist; use budget, authority, need or timeline",
    code: 'unknown_checklist_item',
    params: { item: 'needs', framework: 'BANT', items: ['budget', 'authority', 'need', 'timeline'] },
  },
  {
    name: 'a custom checklist without items',
    change: (d) => (d.sql!.checklists[0] = { id: 'ours', framework: 'custom' }),
    path: '/sql/checklists/0/items',
    message: 'a custom checklist must list its items (id and label)',
    code: 'custom_checklist_without_items',
    params: {},
  },
  {
    name: 'a built-in checklist with its own items',
    change: (d) => (d.sql!.checklists[0]!.items = [{ id: 'budget', label: 'Budget' }]),
    path: '/sql/checklists/0/items',
    message: 'only custom checklists list items; BANT has budget, authority, need and timeline',
    code: 'items_on_builtin_checklist',
    params: { framework: 'BANT', items: ['budget', 'authority', 'need', 'timeline'] },
  },
  {
    name: 'a custom checklist item used twice',
    change: (d) =>
      (d.sql!.checklists[0] = {
        id: 'ours',
        framework: 'custom',
        items: [
          { id: 'pain', label: 'Pain' },
          { id: 'pain', label: 'Schmerz' },
        ],
      }),
    path: '/sql/checklists/0/items/1/id',
    message: "duplicate id 'pain': another checklist item already uses it",
    code: 'duplicate_id',
    params: { id: 'pain', noun: 'checklist_item' },
  },
  {
    name: 'minConfirmed above the number of items',
    change: (d) => (d.sql!.checklists[0]!.minConfirmed = 5),
    path: '/sql/checklists/0/minConfirmed',
    message: 'minConfirmed 5 is more than the 4 items of this checklist',
    code: 'min_confirmed_too_high',
    params: { minConfirmed: 5, count: 4 },
  },
  {
    name: 'engagementSinceRecycled outside recycling.requalify',
    change: (d) => (d.mql = { score: 'engagementSinceRecycled', gte: 25 }),
    path: '/mql/score',
    message:
      'engagementSinceRecycled only makes sense in recycling.requalify (points earned since the lead was recycled)',
    code: 'recycled_score_outside_requalify',
    params: {},
  },
  {
    name: 'a fallbackTeam that is not a team',
    change: (d) => (d.routing!.fallbackTeam = 'de_west'),
    path: '/routing/fallbackTeam',
    message: "fallbackTeam 'de_west' is not a team; teams: de_north, de_south, at_ch",
    code: 'unknown_fallback_team',
    params: { team: 'de_west', teams: ['de_north', 'de_south', 'at_ch'] },
  },
  {
    name: 'an unknown field',
    change: (d) => (d.fit.rules[0]!.when = { field: 'company.sector', equals: 'maschinenbau' }),
    path: '/fit/rules/0/when/field',
    message:
      "unknown field 'company.sector'; use email, email.domain, firstName, lastName, title, phone, country, source, lane, " +
      'company.name, company.domain, company.industry, company.employees, company.country, company.postcode or ' +
      'company.region, or custom.<name> for a custom field',
    code: 'unknown_field',
    params: { field: 'company.sector', fields: LEAD_FIELDS },
  },
  {
    name: 'a score inside a fit rule',
    change: (d) =>
      (d.fit.rules[0]!.when = {
        all: [
          { field: 'title', exists: true },
          { score: 'engagement', gte: 10 },
        ],
      }),
    path: '/fit/rules/0/when/all/1/score',
    message:
      'fit rules can only use field and touchpoint conditions (combined with all, any, not): a fit score that depends on a score is circular',
    code: 'score_in_fit_rule',
    params: {},
  },
  {
    name: 'a signal inside a fit rule',
    change: (d) => (d.fit.rules[0]!.when = { not: { signal: 'decision_shift' } }),
    path: '/fit/rules/0/when/not/signal',
    message:
      'fit rules can only use field and touchpoint conditions (combined with all, any, not); use signal conditions in mql instead',
    code: 'behaviour_in_fit_rule',
    params: { kind: 'signal' },
  },
  {
    name: 'a hand-raiser inside a disqualifier',
    change: (d) => (d.disqualifiers![0]!.when = { handRaiser: true }),
    path: '/disqualifiers/0/when/handRaiser',
    message:
      'disqualifiers can only use field and touchpoint conditions (combined with all, any, not); handRaiser conditions belong in mql',
    code: 'behaviour_in_disqualifier',
    params: { kind: 'handRaiser' },
  },
  {
    name: 'a hand-raiser condition without a hand-raiser rule',
    change: (d) => delete d.engagement.rules[8]!.handRaiser,
    path: '/mql/any/1/all/0/handRaiser',
    message: 'no engagement rule is marked handRaiser: true, so this condition can never be met',
    code: 'no_hand_raiser_rule',
    params: {},
  },
  {
    name: 'business hours that end before they start',
    change: (d) => (d.sla!.businessHours.end = '07:30'),
    path: '/sla/businessHours/end',
    message: 'business hours must end after they start (08:00)',
    code: 'business_hours_end_before_start',
    params: { start: '08:00' },
  },
]

describe('semantic checks', () => {
  for (const { name, change, path, message, code, params } of CASES) {
    test(`reports ${name}`, () => {
      const document = structuredClone(FIXTURE)
      change(document)
      assert.deepEqual(validateAgreement(document), { ok: false, errors: [{ path, message, code, params }] })
    })
  }

  test('reports all semantic issues at once', () => {
    const document = structuredClone(FIXTURE)
    const chosen = CASES.filter(({ name }) =>
      /id used twice|not a lane|unknown time zone|not a team/.test(name),
    )
    for (const { change } of chosen) change(document)
    const result = validateAgreement(document)
    assert.ok(!result.ok)
    assert.equal(chosen.length, 10)
    assert.deepEqual(result.errors.map((issue) => issue.path).sort(), chosen.map(({ path }) => path).sort())
  })

  test('locates semantic issues in the text by line', () => {
    const text = readFileSync(new URL('./fixtures/dach-production-planning.yaml', import.meta.url), 'utf8')
    const result = parseAgreement(text.replace('defaultSource: inbound', 'defaultSource: outbound'))
    assert.ok(!result.ok)
    const line = text.split('\n').findIndex((row) => row.startsWith('defaultSource:')) + 1
    assert.deepEqual(result.errors, [
      {
        path: '/defaultSource',
        message: "defaultSource 'outbound' is not a source lane; lanes: inbound, cold_outreach",
        code: 'unknown_default_source',
        params: { source: 'outbound', lanes: ['inbound', 'cold_outreach'] },
        line,
        column: 1,
      },
    ])
  })

  test('accepts custom fields and engagementSinceRecycled in recycling.requalify', () => {
    const document = structuredClone(FIXTURE)
    document.fit.rules[0]!.when = { field: 'custom.erp_system', in: ['sap', 'proalpha'] }
    document.recycling!.requalify = {
      all: [{ score: 'engagementSinceRecycled', gte: 25 }, { signal: 'decision_shift' }],
    }
    assert.ok(validateAgreement(document).ok)
  })
})

describe('checklistItemIds', () => {
  test('lists a built-in framework’s items and a custom checklist’s own', () => {
    assert.deepEqual(checklistItemIds({ framework: 'CHAMP' }), [
      'challenges',
      'authority',
      'money',
      'prioritization',
    ])
    assert.deepEqual(checklistItemIds({ framework: 'custom', items: [{ id: 'pain' }] }), ['pain'])
  })
})
