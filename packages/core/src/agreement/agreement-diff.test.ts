// The demo agreement changed one thing at a time, as marketing and sales would in YAML: each edit must
// come back as exactly one change, as data and in both languages; reformatting must come back as none.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseAgreement, validateAgreement } from './parse-agreement.ts'
import { diffAgreements, type AgreementChange } from './agreement-diff.ts'
import type { AgreementDocument } from './agreement-document.ts'

const DEMO = readFileSync(new URL('./fixtures/dach-production-planning.yaml', import.meta.url), 'utf8')

// The inbound lane with MQL criteria of its own, so lane thresholds have something to move.
const INBOUND_BASIS = '    lawfulBasis: legitimate_interest # they asked us (download, webinar, demo)'
const INBOUND_MQL = [
  INBOUND_BASIS,
  '    mql:',
  '      all:',
  '        - { score: fit, gte: 40 }',
  '        - { score: engagement, gte: 50 }',
].join('\n')
const WITH_LANE_MQL = DEMO.replace(INBOUND_BASIS, INBOUND_MQL)

function parse(text: string): AgreementDocument {
  const parsed = parseAgreement(text)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.document
}

/** The text with each `[from, to]` replaced once; a `from` that is not there is a mistake in the test. */
function edit(text: string, ...replacements: Array<[string, string]>): string {
  return replacements.reduce((result, [from, to]) => {
    assert.ok(result.includes(from), `not in the agreement: ${from}`)
    return result.replace(from, to)
  }, text)
}

const change = (fields: Omit<AgreementChange, 'text'>, de: string, en: string): AgreementChange => ({
  ...fields,
  text: { de, en },
})

describe('diffAgreements', () => {
  test('identical documents have no changes', () => {
    assert.deepEqual(diffAgreements(parse(DEMO), parse(DEMO)), [])
  })

  test('reformatting and reordering that keep the meaning are no change', () => {
    const reformatted = edit(
      DEMO,
      ['    - { score: engagement, gte: 50 }', '    - gte: 50\n          score: engagement'],
      ['when: { type: webinar_attended }', 'when: { type: [webinar_attended] }'],
      ['in: [DE, AT, CH] }', 'in: [CH, DE, AT] }'],
      ['days: [mon, tue, wed, thu, fri]', 'days: [fri, thu, wed, tue, mon]'],
    )
    const document = parse(reformatted)
    const reordered = structuredClone(document)
    reordered.fit.rules.reverse()
    reordered.engagement.rules.reverse()
    reordered.recycling!.reasons.reverse()
    reordered.disqualifiers!.reverse()
    reordered.sources!.reverse()
    reordered.routing!.teams[0]!.members.reverse()
    const mql = reordered.mql as { any: unknown[] }
    mql.any.reverse()
    const roundTrip = validateAgreement(JSON.parse(JSON.stringify(reordered)))
    assert.ok(roundTrip.ok)
    assert.deepEqual(diffAgreements(parse(DEMO), roundTrip.document), [])
  })

  const cases: Array<{
    name: string
    before?: string
    edits: Array<[string, string]>
    expected: AgreementChange
  }> = [
    {
      name: 'a lane’s MQL threshold moved',
      before: WITH_LANE_MQL,
      edits: [
        [
          '        - { score: engagement, gte: 50 }\n    channels',
          '        - { score: engagement, gte: 40 }\n    channels',
        ],
      ],
      expected: change(
        {
          kind: 'threshold_moved',
          section: 'mql',
          subject: 'inbound',
          field: 'engagement.gte',
          before: 50,
          after: 40,
        },
        'MQL-Schwelle Engagement (Inbound) von 50 auf 40 gesenkt',
        'MQL engagement threshold (Inbound) lowered from 50 to 40',
      ),
    },
    {
      name: 'the default MQL fit threshold of the hand-raiser path raised',
      edits: [['- { score: fit, gte: 20 }', '- { score: fit, gte: 25 }']],
      expected: change(
        { kind: 'threshold_moved', section: 'mql', subject: null, field: 'fit.gte', before: 20, after: 25 },
        'MQL-Schwelle Fit-Score von 20 auf 25 erhöht',
        'MQL fit threshold raised from 20 to 25',
      ),
    },
    {
      name: 'MQL criteria with a new part',
      edits: [
        [
          '        - { signal: decision_shift }',
          '        - { signal: decision_shift }\n        - { field: company.country, in: [DE] }',
        ],
      ],
      expected: change(
        {
          kind: 'criteria_changed',
          section: 'mql',
          subject: null,
          field: 'mql',
          before: parse(DEMO).mql,
          after: {
            any: [
              {
                all: [
                  { score: 'fit', gte: 40 },
                  { score: 'engagement', gte: 50 },
                  { signal: 'decision_shift' },
                  { field: 'company.country', in: ['DE'] },
                ],
              },
              { all: [{ handRaiser: true }, { score: 'fit', gte: 20 }] },
            ],
          },
        },
        'MQL-Kriterien von (Fit-Score ≥ 40 und Engagement ≥ 50 und Signal „Wechsel in die Entscheidungsphase“) oder (Hand-Raiser und Fit-Score ≥ 20) auf (Fit-Score ≥ 40 und Engagement ≥ 50 und Signal „Wechsel in die Entscheidungsphase“ und Land ist eines von DE) oder (Hand-Raiser und Fit-Score ≥ 20) geändert',
        'MQL criteria changed from (fit ≥ 40 and engagement ≥ 50 and signal "Shift to decision stage") or (a hand-raiser and fit ≥ 20) to (fit ≥ 40 and engagement ≥ 50 and signal "Shift to decision stage" and country is one of DE) or (a hand-raiser and fit ≥ 20)',
      ),
    },
    {
      name: 'fit rule points',
      edits: [['      points: 15\n    - id: free_mail', '      points: 20\n    - id: free_mail']],
      expected: change(
        {
          kind: 'rule_changed',
          section: 'fit',
          subject: 'senior_title',
          field: 'points',
          before: 15,
          after: 20,
        },
        'Punkte der Fit-Regel „Führungskraft“ von 15 auf 20 erhöht',
        'Points of fit rule "Senior role" raised from 15 to 20',
      ),
    },
    {
      name: 'fit rule condition, in words',
      edits: [['between: [200, 5000]', 'between: [250, 5000]']],
      expected: change(
        {
          kind: 'rule_changed',
          section: 'fit',
          subject: 'size_core',
          field: 'when',
          before: { field: 'company.employees', between: [200, 5000] },
          after: { field: 'company.employees', between: [250, 5000] },
        },
        'Bedingung der Fit-Regel „200–5.000 Mitarbeitende“ von Mitarbeitende zwischen 200 und 5000 auf Mitarbeitende zwischen 250 und 5000 geändert',
        'Condition of fit rule "200–5,000 employees" changed from employees between 200 and 5000 to employees between 250 and 5000',
      ),
    },
    {
      name: 'engagement rule half-life',
      edits: [['halfLifeDays: 14 #', 'halfLifeDays: 21 #']],
      expected: change(
        {
          kind: 'rule_changed',
          section: 'engagement',
          subject: 'pricing_page',
          field: 'halfLifeDays',
          before: 14,
          after: 21,
        },
        'Halbwertszeit der Engagement-Regel „Preisseite“ von 14 auf 21 Tage erhöht',
        'Half-life of engagement rule "Pricing page" raised from 14 to 21 days',
      ),
    },
    {
      name: 'engagement rule cap',
      edits: [['cap: { count: 2, per: week }', 'cap: { points: 15, per: month }']],
      expected: change(
        {
          kind: 'rule_changed',
          section: 'engagement',
          subject: 'pricing_page',
          field: 'cap',
          before: { count: 2, per: 'week' },
          after: { points: 15, per: 'month' },
        },
        'Obergrenze der Engagement-Regel „Preisseite“ von höchstens 2 Touchpoints pro Woche auf höchstens 15 Punkte pro Monat geändert',
        'Cap of engagement rule "Pricing page" changed from at most 2 touchpoints per week to at most 15 points per month',
      ),
    },
    {
      name: 'default half-life switched off',
      edits: [['halfLifeDays: 30 # old', 'halfLifeDays: null # old']],
      expected: change(
        {
          kind: 'setting_changed',
          section: 'engagement',
          subject: null,
          field: 'halfLifeDays',
          before: 30,
          after: null,
        },
        'Standard-Halbwertszeit des Engagements von 30 Tagen auf kein Verfall geändert',
        'Default engagement half-life changed from 30 days to no decay',
      ),
    },
    {
      name: 'engagement rule removed',
      edits: [['    - id: unsubscribe\n      when: { type: unsubscribe }\n      points: -20\n', '']],
      expected: change(
        {
          kind: 'rule_removed',
          section: 'engagement',
          subject: 'unsubscribe',
          field: null,
          before: { id: 'unsubscribe', when: { type: 'unsubscribe' }, points: -20 },
        },
        'Engagement-Regel „unsubscribe“ entfernt: -20 Punkte für Typ unsubscribe',
        'Engagement rule "unsubscribe" removed: -20 points for type unsubscribe',
      ),
    },
    {
      name: 'fit rule added',
      edits: [
        [
          '    - id: free_mail\n',
          '    - id: erp_user\n      when: { field: custom.erp, exists: true }\n      points: 5\n    - id: free_mail\n',
        ],
      ],
      expected: change(
        {
          kind: 'rule_added',
          section: 'fit',
          subject: 'erp_user',
          field: null,
          after: { id: 'erp_user', when: { field: 'custom.erp', exists: true }, points: 5 },
        },
        'Fit-Regel „erp_user“ hinzugefügt: +5 Punkte, wenn custom.erp ist angegeben',
        'Fit rule "erp_user" added: +5 points when custom.erp is given',
      ),
    },
    {
      name: 'rejection reason cool-down',
      edits: [['      coolDownDays: 90', '      coolDownDays: 60']],
      expected: change(
        {
          kind: 'reason_changed',
          section: 'recycling',
          subject: 'bad_timing',
          field: 'coolDownDays',
          before: 90,
          after: 60,
        },
        'Sperrfrist des Ablehnungsgrunds „Falscher Zeitpunkt“ von 90 auf 60 Tage gesenkt',
        'Cool-down of rejection reason "Bad timing" lowered from 90 to 60 days',
      ),
    },
    {
      name: 'rejection reason added',
      edits: [
        [
          '    - id: no_fit\n',
          '    - id: competitor_customer\n      label: { de: Kunde beim Wettbewerb, en: Competitor customer }\n      action: nurture\n      coolDownDays: 365\n    - id: no_fit\n',
        ],
      ],
      expected: change(
        {
          kind: 'reason_added',
          section: 'recycling',
          subject: 'competitor_customer',
          field: null,
          after: {
            id: 'competitor_customer',
            label: { de: 'Kunde beim Wettbewerb', en: 'Competitor customer' },
            action: 'nurture',
            coolDownDays: 365,
          },
        },
        'Ablehnungsgrund „Kunde beim Wettbewerb“ hinzugefügt',
        'Rejection reason "Competitor customer" added',
      ),
    },
    {
      name: 're-qualification threshold',
      edits: [
        [
          'requalify: { score: engagementSinceRecycled, gte: 25 }',
          'requalify: { score: engagementSinceRecycled, gte: 30 }',
        ],
      ],
      expected: change(
        {
          kind: 'threshold_moved',
          section: 'recycling',
          subject: null,
          field: 'engagementSinceRecycled.gte',
          before: 25,
          after: 30,
        },
        'Requalifizierungs-Schwelle Engagement seit Rückgabe von 25 auf 30 erhöht',
        'Re-qualification engagement since recycling threshold raised from 25 to 30',
      ),
    },
    {
      name: 'a rep joins a team',
      edits: [
        [
          'members: [david.gruber@demo.takt.dev, laura.keller@demo.takt.dev]',
          'members: [david.gruber@demo.takt.dev, laura.keller@demo.takt.dev, nina.brunner@demo.takt.dev]',
        ],
      ],
      expected: change(
        {
          kind: 'team_changed',
          section: 'routing',
          subject: 'at_ch',
          field: 'members',
          before: ['david.gruber@demo.takt.dev', 'laura.keller@demo.takt.dev'],
          after: ['david.gruber@demo.takt.dev', 'laura.keller@demo.takt.dev', 'nina.brunner@demo.takt.dev'],
        },
        'Mitglieder des Teams „Österreich und Schweiz“ geändert: hinzugefügt nina.brunner@demo.takt.dev',
        'Members of team "Austria and Switzerland" changed: added nina.brunner@demo.takt.dev',
      ),
    },
    {
      name: 'capacity per rep',
      edits: [['maxOpenLeadsPerRep: 25', 'maxOpenLeadsPerRep: 30']],
      expected: change(
        {
          kind: 'setting_changed',
          section: 'routing',
          subject: null,
          field: 'maxOpenLeadsPerRep',
          before: 25,
          after: 30,
        },
        'Kapazität pro Vertriebsmitarbeiter:in von 25 auf 30 erhöht',
        'Capacity per rep raised from 25 to 30',
      ),
    },
    {
      name: 'SLA hours',
      edits: [['acceptWithinBusinessHours: 8', 'acceptWithinBusinessHours: 4']],
      expected: change(
        {
          kind: 'setting_changed',
          section: 'sla',
          subject: null,
          field: 'acceptWithinBusinessHours',
          before: 8,
          after: 4,
        },
        'SLA (Reaktionszeit) von 8 auf 4 Geschäftsstunden gesenkt',
        'SLA (time to accept or reject) lowered from 8 to 4 business hours',
      ),
    },
    {
      name: 'SLA breach step',
      edits: [
        ['{ afterBusinessHours: 16, action: reassign }', '{ afterBusinessHours: 24, action: reassign }'],
      ],
      expected: change(
        {
          kind: 'setting_changed',
          section: 'sla',
          subject: null,
          field: 'onBreach',
          before: [
            { afterBusinessHours: 8, action: 'notify', notify: 'team_lead' },
            { afterBusinessHours: 16, action: 'reassign' },
          ],
          after: [
            { afterBusinessHours: 8, action: 'notify', notify: 'team_lead' },
            { afterBusinessHours: 24, action: 'reassign' },
          ],
        },
        'Eskalation bei SLA-Überschreitung geändert: hinzugefügt nach 24 Geschäftsstunden: neu zuweisen; entfernt nach 16 Geschäftsstunden: neu zuweisen',
        'Escalation on SLA breach changed: added after 24 business hours: reassign; removed after 16 business hours: reassign',
      ),
    },
    {
      name: 'a lane’s lawful basis',
      edits: [['lawfulBasis: legitimate_interest # they asked us', 'lawfulBasis: consent # they asked us']],
      expected: change(
        {
          kind: 'lane_changed',
          section: 'sources',
          subject: 'inbound',
          field: 'lawfulBasis',
          before: 'legitimate_interest',
          after: 'consent',
        },
        'Rechtsgrundlage der Lead-Quelle „Inbound“ von berechtigtes Interesse auf Einwilligung geändert',
        'Lawful basis of source lane "Inbound" changed from legitimate interest to consent',
      ),
    },
    {
      name: 'checklist minimum',
      edits: [['minConfirmed: 3', 'minConfirmed: 2']],
      expected: change(
        {
          kind: 'checklist_changed',
          section: 'sql',
          subject: 'bant',
          field: 'minConfirmed',
          before: 3,
          after: 2,
        },
        'Mindestens bestätigt der Qualifizierungs-Checkliste „BANT“ von 3 auf 2 gesenkt',
        'Minimum confirmed of qualification checklist "BANT" lowered from 3 to 2',
      ),
    },
    {
      name: 'deal stages reordered',
      edits: [
        ['    - { id: proposal, label: { de: Angebot, en: Proposal }, probability: 60 }\n', ''],
        [
          '    - { id: demo,',
          '    - { id: proposal, label: { de: Angebot, en: Proposal }, probability: 60 }\n    - { id: demo,',
        ],
      ],
      expected: change(
        {
          kind: 'deal_stages_reordered',
          section: 'deals',
          subject: null,
          field: null,
          before: ['discovery', 'demo', 'proposal', 'negotiation'],
          after: ['discovery', 'proposal', 'demo', 'negotiation'],
        },
        'Reihenfolge der Deal-Phasen geändert: discovery, proposal, demo, negotiation (bisher discovery, demo, proposal, negotiation)',
        'Deal stage order changed to discovery, proposal, demo, negotiation (was discovery, demo, proposal, negotiation)',
      ),
    },
    {
      name: 'a code’s label',
      edits: [
        [
          'roi: { de: ROI und Wirtschaftlichkeit, en: ROI and business case }',
          'roi: { de: Wirtschaftlichkeit, en: Business case }',
        ],
      ],
      expected: change(
        {
          kind: 'label_changed',
          section: 'labels',
          subject: 'roi',
          field: 'text',
          before: { de: 'ROI und Wirtschaftlichkeit', en: 'ROI and business case' },
          after: { de: 'Wirtschaftlichkeit', en: 'Business case' },
        },
        'Text der Bezeichnung für den Code „roi“ von „ROI und Wirtschaftlichkeit“ auf „Wirtschaftlichkeit“ geändert',
        'Text of label for code "roi" changed from "ROI and business case" to "Business case"',
      ),
    },
    {
      name: 'a signal’s window',
      edits: [['withinDays: 21', 'withinDays: 14']],
      expected: change(
        {
          kind: 'signal_changed',
          section: 'signals',
          subject: 'decision_shift',
          field: 'withinDays',
          before: 21,
          after: 14,
        },
        'Zeitfenster des Signals „Wechsel in die Entscheidungsphase“ von 21 auf 14 Tage gesenkt',
        'Window of signal "Shift to decision stage" lowered from 21 to 14 days',
      ),
    },
    {
      name: 'a lane gets MQL criteria of its own',
      edits: [[INBOUND_BASIS, INBOUND_MQL]],
      expected: change(
        {
          kind: 'criteria_changed',
          section: 'mql',
          subject: 'inbound',
          field: 'mql',
          after: {
            all: [
              { score: 'fit', gte: 40 },
              { score: 'engagement', gte: 50 },
            ],
          },
        },
        'MQL-Kriterien (Inbound) festgelegt: Fit-Score ≥ 40 und Engagement ≥ 50',
        'MQL criteria (Inbound) set to fit ≥ 40 and engagement ≥ 50',
      ),
    },
  ]

  for (const { name, before = DEMO, edits, expected } of cases) {
    test(`reports one change: ${name}`, () => {
      assert.deepEqual(diffAgreements(parse(before), parse(edit(before, ...edits))), [expected])
    })
  }

  test('several changes at once come back in document order, the same every time', () => {
    const after = parse(
      edit(
        DEMO,
        ['acceptWithinBusinessHours: 8', 'acceptWithinBusinessHours: 4'],
        ['- { score: fit, gte: 20 }', '- { score: fit, gte: 25 }'],
        ['      points: 15\n    - id: free_mail', '      points: 20\n    - id: free_mail'],
        ['      coolDownDays: 90', '      coolDownDays: 60'],
      ),
    )
    const changes = diffAgreements(parse(DEMO), after)
    assert.deepEqual(
      changes.map(({ kind, section, subject, field }) => [kind, section, subject, field]),
      [
        ['rule_changed', 'fit', 'senior_title', 'points'],
        ['threshold_moved', 'mql', null, 'fit.gte'],
        ['reason_changed', 'recycling', 'bad_timing', 'coolDownDays'],
        ['setting_changed', 'sla', null, 'acceptWithinBusinessHours'],
      ],
    )
    assert.deepEqual(diffAgreements(parse(DEMO), after), changes)
    // Reversed, every change is undone: same subjects, before and after swapped.
    const back = diffAgreements(after, parse(DEMO))
    assert.deepEqual(
      back.map(({ subject, field, before, after }) => [subject, field, after, before]),
      changes.map(({ subject, field, before, after }) => [subject, field, before, after]),
    )
  })

  test('a condition that changed shape as well as a threshold is one criteria change, not a threshold move', () => {
    const after = parse(
      edit(DEMO, [
        '        - { score: engagement, gte: 50 }\n',
        '        - { score: engagement, gte: 40 }\n        - { score: total, gte: 60 }\n',
      ]),
    )
    assert.deepEqual(
      diffAgreements(parse(DEMO), after).map((found) => found.kind),
      ['criteria_changed'],
    )
  })

  test('moving a team up is a change: the first matching territory wins', () => {
    const after = parse(DEMO)
    after.routing!.teams.reverse()
    assert.deepEqual(diffAgreements(parse(DEMO), after), [
      change(
        {
          kind: 'teams_reordered',
          section: 'routing',
          subject: null,
          field: null,
          before: ['de_north', 'de_south', 'at_ch'],
          after: ['at_ch', 'de_south', 'de_north'],
        },
        'Reihenfolge der Teams (das erste passende Gebiet gewinnt) geändert: at_ch, de_south, de_north (bisher de_north, de_south, at_ch)',
        'Team order (the first matching territory wins) changed to at_ch, de_south, de_north (was de_north, de_south, at_ch)',
      ),
    ])
  })
})
