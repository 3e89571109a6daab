import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { applyAgreementEdit, readAgreementSource, type YamlEdit } from './agreement-form-edits.ts'

const DEMO = readFileSync(
  new URL('../../../../../core/src/agreement/fixtures/dach-production-planning.yaml', import.meta.url),
  'utf8',
)
const STARTER = readFileSync(
  new URL('../../../../../core/src/agreement/fixtures/b2b-starter.yaml', import.meta.url),
  'utf8',
)

/** The lines of `after` that are not in `before` and the other way round, in order. */
function changedLines(before: string, after: string) {
  const a = before.split('\n')
  const b = after.split('\n')
  let head = 0
  while (head < a.length && a[head] === b[head]) head += 1
  let tail = 0
  while (tail < a.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) }
}

describe('editing the agreement from the form', () => {
  test('sets an MQL threshold and changes only that number', () => {
    const after = applyAgreementEdit(DEMO, {
      kind: 'set',
      path: ['mql', 'any', 0, 'all', 1, 'gte'],
      value: 40,
    })
    assert.deepEqual(changedLines(DEMO, after), {
      removed: ['        - { score: engagement, gte: 50 }'],
      added: ['        - { score: engagement, gte: 40 }'],
    })
    assert.equal(parse(after).mql.any[0].all[1].gte, 40)
  })

  test('keeps the comment on the line it changes', () => {
    const after = applyAgreementEdit(DEMO, {
      kind: 'set',
      path: ['routing', 'maxOpenLeadsPerRep'],
      value: 30,
    })
    assert.deepEqual(changedLines(DEMO, after), {
      removed: ['  maxOpenLeadsPerRep: 25 # open MQL + SAL leads per rep'],
      added: ['  maxOpenLeadsPerRep: 30 # open MQL + SAL leads per rep'],
    })
  })

  const unchanged: Array<[string, YamlEdit]> = [
    ['the same threshold', { kind: 'set', path: ['mql', 'any', 0, 'all', 0, 'gte'], value: 40 }],
    [
      'the same team members',
      { kind: 'set', path: ['routing', 'teams', 0, 'members', 1], value: 'anna.schulz@demo.takt.dev' },
    ],
    ['a key that is not there', { kind: 'delete', path: ['routing', 'teams', 0, 'territory', 'not'] }],
    ['a key of a section that is not there', { kind: 'delete', path: ['routing', 'teams', 7, 'lead'] }],
  ]
  for (const [name, edit] of unchanged)
    test(`leaves the text byte for byte when it sets ${name}`, () => {
      assert.equal(applyAgreementEdit(DEMO, edit), DEMO)
    })

  test('leaves the starter agreement byte for byte when a rep is set to who is there', () => {
    const edit: YamlEdit = {
      kind: 'set',
      path: ['routing', 'teams', 0, 'members', 0],
      value: 'first.rep@example.com',
    }
    assert.equal(applyAgreementEdit(STARTER, edit), STARTER)
  })

  test('adds a rep to a team in the list as written', () => {
    const after = applyAgreementEdit(DEMO, {
      kind: 'append',
      path: ['routing', 'teams', 2, 'members'],
      value: 'nina.frank@demo.takt.dev',
    })
    assert.deepEqual(changedLines(DEMO, after), {
      removed: ['      members: [david.gruber@demo.takt.dev, laura.keller@demo.takt.dev]'],
      added: [
        '      members: [david.gruber@demo.takt.dev, laura.keller@demo.takt.dev, nina.frank@demo.takt.dev]',
      ],
    })
  })

  test('removes a rep from a team', () => {
    const after = applyAgreementEdit(DEMO, { kind: 'delete', path: ['routing', 'teams', 0, 'members', 0] })
    assert.deepEqual(changedLines(DEMO, after).added, ['      members: [anna.schulz@demo.takt.dev]'])
  })

  test('removes a reject reason with its lines and its comment, and nothing else', () => {
    const after = applyAgreementEdit(DEMO, { kind: 'delete', path: ['recycling', 'reasons', 3] })
    assert.deepEqual(changedLines(DEMO, after), {
      removed: [
        '    - id: wrong_contact # find the right person at the account',
        '      label: { de: Falscher Ansprechpartner, en: Wrong contact }',
        '      action: data_quality',
      ],
      added: [],
    })
    assert.deepEqual(
      parse(after).recycling.reasons.map((reason: { id: string }) => reason.id),
      ['no_budget', 'bad_timing', 'no_need', 'not_reachable', 'no_fit'],
    )
  })

  test('adds a reject reason after the last one, in the style of the others', () => {
    const after = applyAgreementEdit(DEMO, {
      kind: 'append',
      path: ['recycling', 'reasons'],
      value: {
        id: 'competitor_chosen',
        label: { de: 'Wettbewerber gewählt', en: 'Chose a competitor' },
        action: 'nurture',
        coolDownDays: 365,
      },
    })
    assert.deepEqual(changedLines(DEMO, after), {
      removed: [],
      added: [
        '    - id: competitor_chosen',
        '      label: { de: Wettbewerber gewählt, en: Chose a competitor }',
        '      action: nurture',
        '      coolDownDays: 365',
      ],
    })
    // The blank line and the comment of the next section stay after the list.
    assert.match(
      after,
      /action: disqualify\n {4}- id: competitor_chosen[^]*coolDownDays: 365\n\n# --- Hand-off/,
    )
  })

  test('adds a team with its members and a territory', () => {
    const after = applyAgreementEdit(DEMO, {
      kind: 'append',
      path: ['routing', 'teams'],
      value: {
        id: 'benelux',
        label: 'Benelux',
        members: ['nina.frank@demo.takt.dev'],
        territory: { field: 'company.country', in: ['NL', 'BE', 'LU'] },
      },
    })
    assert.deepEqual(changedLines(DEMO, after).added, [
      '    - id: benelux',
      '      label: Benelux',
      '      members: [nina.frank@demo.takt.dev]',
      '      territory: { field: company.country, in: [NL, BE, LU] }',
    ])
    assert.match(after, /benelux[^]*\n {2}# German leads without a postcode go north/)
  })

  test('adds a key to a rule and removes it again, back to the same text', () => {
    const path = ['recycling', 'reasons', 3, 'coolDownDays']
    const added = applyAgreementEdit(DEMO, { kind: 'set', path, value: 14 })
    assert.deepEqual(changedLines(DEMO, added), { removed: [], added: ['      coolDownDays: 14'] })
    assert.equal(applyAgreementEdit(added, { kind: 'delete', path }), DEMO)
  })

  test('gives an engagement rule a cap and changes one inside a flow map', () => {
    const capped = applyAgreementEdit(DEMO, {
      kind: 'set',
      path: ['engagement', 'rules', 4, 'cap'],
      value: { count: 1, per: 'day' },
    })
    assert.deepEqual(changedLines(DEMO, capped).added.at(-1), '      cap: { count: 1, per: day }')
    const moved = applyAgreementEdit(DEMO, {
      kind: 'set',
      path: ['engagement', 'rules', 0, 'cap', 'per'],
      value: 'month',
    })
    assert.deepEqual(changedLines(DEMO, moved).added, [
      '      cap: { points: 10, per: month } # ten newsletter clicks are not a buying signal',
    ])
    const uncapped = applyAgreementEdit(DEMO, {
      kind: 'delete',
      path: ['engagement', 'rules', 0, 'cap', 'points'],
    })
    assert.deepEqual(changedLines(DEMO, uncapped).added, [
      '      cap: { per: week } # ten newsletter clicks are not a buying signal',
    ])
  })

  test('quotes a text only where plain YAML would read it differently', () => {
    const path = ['routing', 'teams', 0, 'label', 'de']
    for (const text of ['Nord, Ost', 'true', '#1 Team', 'Team: Nord', "O'Brien's"]) {
      const after = applyAgreementEdit(DEMO, { kind: 'set', path, value: text })
      assert.equal(parse(after).routing.teams[0].label.de, text)
    }
    const plain = applyAgreementEdit(DEMO, { kind: 'set', path, value: 'Deutschland Nord-Ost' })
    assert.match(plain, /label: \{ de: Deutschland Nord-Ost, en: Germany north \}/)
  })

  test('falls back to the Document API where the text cannot be spliced, still meaning the edit', () => {
    // `territory` of the first team is a block map; replacing it wholesale is the Document API's job.
    const territory = { field: 'company.country', in: ['DE'] }
    const after = applyAgreementEdit(DEMO, {
      kind: 'set',
      path: ['routing', 'teams', 0, 'territory'],
      value: territory,
    })
    assert.deepEqual(parse(after).routing.teams[0].territory, territory)
    assert.match(after, /# We sell in DACH only/)
  })

  test('refuses text that is not YAML', () => {
    assert.throws(() => applyAgreementEdit('mql: [', { kind: 'set', path: ['mql'], value: 1 }))
  })
})

describe('reading the draft for the form', () => {
  test('reads the demo agreement', () => {
    const read = readAgreementSource(DEMO)
    assert.equal(read.state, 'ready')
    assert.equal(read.state === 'ready' && read.document.routing?.teams.length, 3)
  })

  test('says where the YAML breaks', () => {
    const read = readAgreementSource('name: x\nmql: { score: fit\n')
    assert.equal(read.state, 'notYaml')
    assert.equal(read.state === 'notYaml' && typeof read.line, 'number')
  })

  test('names the parts the form needs and does not find', () => {
    assert.deepEqual(readAgreementSource('- a list\n'), { state: 'incomplete', missing: [''] })
    const read = readAgreementSource(
      'name: x\nfit: { rules: [] }\nengagement: { rules: [1] }\nrouting: { teams: [{ id: a }] }\n',
    )
    assert.deepEqual(read, {
      state: 'incomplete',
      missing: ['mql', 'engagement.rules', 'routing.teams[0].members'],
    })
  })

  test('does without the sections an agreement may leave out', () => {
    const read = readAgreementSource(
      'name: x\nfit: { rules: [] }\nengagement: { halfLifeDays: 30, rules: [] }\nmql: { score: fit, gte: 1 }\n',
    )
    assert.equal(read.state, 'ready')
  })
})
