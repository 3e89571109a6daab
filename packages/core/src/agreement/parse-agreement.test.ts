import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import {
  parseAgreement,
  validateAgreement,
  type AgreementIssue,
  type AgreementIssueCode,
  type IssueParams,
} from './parse-agreement.ts'

const FIXTURE = readFileSync(new URL('./fixtures/dach-production-planning.yaml', import.meta.url), 'utf8')

// A small valid agreement; cases replace one line of it and mark the line they expect with `#<`.
const DACH_RULE = '    - { id: dach, when: { field: company.country, in: [DE, AT, CH] }, points: 10 }'
const DEMO_RULE = '    - { id: demo, when: { type: demo_request }, points: 40, handRaiser: true }'
const BASE = `name: Test
fit:
  rules:
${DACH_RULE}
engagement:
  halfLifeDays: 30
  rules:
${DEMO_RULE}
mql: { score: fit, gte: 10 }
`

function errorsOf(text: string, format?: 'yaml' | 'json'): AgreementIssue[] {
  const result = parseAgreement(text, format)
  assert.equal(result.ok, false, 'expected the agreement to be rejected')
  return result.ok ? [] : result.errors
}

function markedLine(text: string): number {
  return text.split('\n').findIndex((line) => line.includes('#<')) + 1
}

describe('parseAgreement', () => {
  test('accepts the DACH production-planning agreement', () => {
    const result = parseAgreement(FIXTURE)
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors, null, 2))
    assert.equal(result.document.engagement.halfLifeDays, 30)
    assert.equal(result.document.engagement.rules.length, 11)
    assert.deepEqual(
      result.document.sources?.map((lane) => lane.id),
      ['inbound', 'cold_outreach'],
    )
  })

  test('accepts the same agreement as JSON, and validateAgreement accepts the parsed object', () => {
    const result = parseAgreement(FIXTURE)
    assert.ok(result.ok)
    assert.ok(parseAgreement(JSON.stringify(result.document, null, 2), 'json').ok)
    assert.ok(validateAgreement(structuredClone(result.document)).ok)
  })

  test('reports a YAML syntax error with its line', () => {
    const errors = errorsOf('name: Test\nfit:\n  rules: [\n  oops: 1\n')
    assert.equal(errors.length > 0, true)
    assert.equal(errors[0]?.path, '')
    assert.match(errors[0]?.message ?? '', /^YAML syntax error: /)
    assert.equal(errors[0]?.code, 'yaml_syntax')
    assert.equal(errors[0]?.message, `YAML syntax error: ${errors[0]?.params.detail}`)
    assert.equal(errors[0]?.line, 4)
  })

  test('reports a duplicated key as a syntax error with its line', () => {
    const errors = errorsOf(BASE.replace('halfLifeDays: 30', 'halfLifeDays: 30\n  halfLifeDays: 14'))
    assert.match(errors[0]?.message ?? '', /unique/)
    assert.deepEqual(
      { code: errors[0]?.code, params: errors[0]?.params },
      { code: 'yaml_syntax', params: { detail: 'Map keys must be unique' } },
    )
    assert.equal(errors[0]?.line, 7)
  })

  test('holds JSON to JSON syntax and still reports lines', () => {
    const errors = errorsOf('{\n  "name": "Test",\n}', 'json')
    assert.match(errors[0]?.message ?? '', /^JSON syntax error: /)
    assert.equal(errors[0]?.code, 'json_syntax')
    assert.equal(errors[0]?.line, 3)
  })

  test('locates schema errors in JSON text too', () => {
    const json =
      '{\n  "name": "Test",\n  "fit": { "rules": [] },\n  "engagement": { "halfLifeDays": 30, "rules": [] },\n  "mql": { "score": "fit", "gte": "ten" }\n}'
    assert.deepEqual(errorsOf(json, 'json'), [
      {
        path: '/mql/gte',
        message: 'must be a number',
        code: 'wrong_type',
        params: { expected: ['number'] },
        line: 5,
        column: 28,
      },
    ])
  })

  test('reports an unresolved alias instead of throwing', () => {
    const errors = errorsOf(BASE.replace('name: Test', 'name: *missing'))
    assert.match(errors[0]?.message ?? '', /alias|missing/i)
    assert.equal(errors[0]?.code, 'yaml_error')
  })

  type SchemaCase = {
    name: string
    from: string
    to: string
    path: string
    message: string | RegExp
    code: AgreementIssueCode
    params: IssueParams
  }
  const SCHEMA_CASES: SchemaCase[] = [
    {
      name: 'a misspelt property, with a suggestion',
      from: 'halfLifeDays: 30',
      to: 'halfLifeDay: 30 #<',
      path: '/engagement/halfLifeDay',
      message: "unknown property 'halfLifeDay'; did you mean 'halfLifeDays'?",
      code: 'misspelt_property',
      params: { property: 'halfLifeDay', suggestion: 'halfLifeDays' },
    },
    {
      name: 'an unknown property, with what is allowed',
      from: 'name: Test',
      to: 'name: Test\nowner: marketing #<',
      path: '/owner',
      message: /^unknown property 'owner'; allowed here: name, description, labels, timezone, fit/,
      code: 'unknown_property',
      params: {
        property: 'owner',
        allowed: [
          'name',
          'description',
          'labels',
          'timezone',
          'fit',
          'engagement',
          'signals',
          'disqualifiers',
          'mql',
          'sources',
          'defaultSource',
          'recycling',
          'routing',
          'sla',
          'sql',
          'deals',
        ],
      },
    },
    {
      name: 'a missing required property',
      from: DEMO_RULE,
      to: '    - { id: demo, when: { type: demo_request }, handRaiser: true } #<',
      path: '/engagement/rules/0/points',
      message: "missing required property 'points'",
      code: 'missing_property',
      params: { property: 'points' },
    },
    {
      name: 'a field condition without an operator',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql: { field: title } #<',
      path: '/mql',
      message:
        'a field condition needs exactly one operator (equals, in, containsAny, between, …); found none',
      code: 'field_operator_count',
      params: { found: [] },
    },
    {
      name: 'a field condition with two operators',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql: { field: title, equals: CTO, in: [CEO] } #<',
      path: '/mql',
      message:
        'a field condition needs exactly one operator (equals, in, containsAny, between, …); found equals and in',
      code: 'field_operator_count',
      params: { found: ['equals', 'in'] },
    },
    {
      name: 'an unknown operator, with a suggestion',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql: { field: title, equal: CTO } #<',
      path: '/mql/equal',
      message: "unknown operator 'equal' in a field condition; did you mean 'equals'?",
      code: 'misspelt_operator',
      params: { operator: 'equal', suggestion: 'equals' },
    },
    {
      name: 'a nested condition with a typo in its kind',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql:\n  all:\n    - { score: fit, gte: 10 }\n    - { signl: decision_shift } #<',
      path: '/mql/all/1',
      message: "not a condition: 'signl' is not a condition key; did you mean 'signal'?",
      code: 'misspelt_condition_key',
      params: { key: 'signl', suggestion: 'signal' },
    },
    {
      name: 'two kinds of condition in one',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql: { score: fit, gte: 10, signal: decision_shift } #<',
      path: '/mql',
      message:
        /^a condition has exactly one of all, any, not, field, score, touchpoints, signal or handRaiser, found score and signal/,
      code: 'condition_kinds_several',
      params: {
        kinds: ['all', 'any', 'not', 'field', 'score', 'touchpoints', 'signal', 'handRaiser'],
        found: ['score', 'signal'],
      },
    },
    {
      name: 'an error deep inside the branch the user meant',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql:\n  any:\n    - not: { touchpoints: { journeyStage: decison }, atLeast: 2 } #<',
      path: '/mql/any/0/not/touchpoints/journeyStage',
      message: /must be/,
      code: 'not_one_of',
      params: { allowed: ['orientation', 'consideration', 'decision'] },
    },
    {
      name: 'a score condition without a threshold',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql: { score: fit } #<',
      path: '/mql',
      message: 'a score condition needs a threshold: gte, gt, lte or lt',
      code: 'score_threshold_missing',
      params: { allowed: ['gte', 'gt', 'lte', 'lt'] },
    },
    {
      name: 'an unknown score kind',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql: { score: fitness, gte: 10 } #<',
      path: '/mql/score',
      message: 'must be one of fit, engagement, total or engagementSinceRecycled',
      code: 'not_one_of',
      params: { allowed: ['fit', 'engagement', 'total', 'engagementSinceRecycled'] },
    },
    {
      name: 'a condition written as text',
      from: 'mql: { score: fit, gte: 10 }',
      to: "mql: 'fit >= 10' #<",
      path: '/mql',
      message: /^must be a condition: a mapping with one of all, any/,
      code: 'not_a_condition',
      params: { kinds: ['all', 'any', 'not', 'field', 'score', 'touchpoints', 'signal', 'handRaiser'] },
    },
    {
      name: 'a label with only one language',
      from: DACH_RULE,
      to: '    - { id: dach, label: { de: DACH }, when: { field: company.country, equals: DE }, points: 10 } #<',
      path: '/fit/rules/0/label/en',
      message: "missing required property 'en'",
      code: 'missing_property',
      params: { property: 'en' },
    },
    {
      name: 'a one-or-many value of the wrong type',
      from: DEMO_RULE,
      to: '    - { id: demo, when: { type: 42 }, points: 40, handRaiser: true } #<',
      path: '/engagement/rules/0/when/type',
      message: 'must be text or a list of texts',
      code: 'wrong_type',
      params: { expected: ['string', 'list_of_string'] },
    },
    {
      name: 'an unknown cap period',
      from: DEMO_RULE,
      to: '    - { id: demo, when: { type: demo_request }, points: 4, cap: { points: 5, per: weekly } } #<',
      path: '/engagement/rules/0/cap/per',
      message: 'must be one of day, week, month or ever',
      code: 'not_one_of',
      params: { allowed: ['day', 'week', 'month', 'ever'] },
    },
    {
      name: 'an empty value',
      from: 'name: Test',
      to: 'name: #<',
      path: '/name',
      message: 'is empty; it must be text or a mapping with de and en',
      code: 'empty_value',
      params: { expected: ['string', 'mapping_with'], keys: ['de', 'en'] },
    },
    {
      name: 'an id that is not lower-case',
      from: DACH_RULE,
      to: '    - { id: DACH Region, when: { field: company.country, equals: DE }, points: 10 } #<',
      path: '/fit/rules/0/id',
      message: "must be a lower-case id: letters, digits, '_', '.' or '-', e.g. 'web_leads'",
      code: 'invalid_id',
      params: {},
    },
    {
      name: 'a yes instead of true',
      from: DEMO_RULE,
      to: '    - { id: demo, when: { type: demo_request }, points: 40, handRaiser: yes } #<',
      path: '/engagement/rules/0/handRaiser',
      message: 'must be true or false',
      code: 'wrong_type',
      params: { expected: ['boolean'] },
    },
    {
      name: 'between with one number',
      from: 'mql: { score: fit, gte: 10 }',
      to: 'mql: { field: company.employees, between: [200] } #<',
      path: '/mql/between',
      message: 'must be two numbers, [low, high]',
      code: 'between_needs_two',
      params: {},
    },
    {
      name: 'an invalid signal id',
      from: 'mql:',
      to: 'signals:\n  Decision Shift: { touchpoints: { journeyStage: decision }, atLeast: 2 } #<\nmql:',
      path: '/signals/Decision Shift',
      message: "'Decision Shift' is not a valid id: use lower-case letters, digits, '_', '.' or '-'",
      code: 'invalid_id_key',
      params: { key: 'Decision Shift' },
    },
  ]

  for (const { name, from, to, path, message, code, params } of SCHEMA_CASES) {
    test(`reports ${name}`, () => {
      assert.ok(BASE.includes(from), `case "${name}" does not apply to BASE`)
      const text = BASE.replace(from, to)
      const errors = errorsOf(text)
      assert.equal(errors.length, 1, JSON.stringify(errors, null, 2))
      const [issue] = errors
      assert.equal(issue?.path, path)
      if (typeof message === 'string') assert.equal(issue?.message, message)
      else assert.match(issue?.message ?? '', message)
      assert.deepEqual({ code: issue?.code, params: issue?.params }, { code, params })
      assert.equal(issue?.line, markedLine(text), `line of ${JSON.stringify(issue)}`)
    })
  }

  test('reports every schema error at once, in document order', () => {
    const text = BASE.replace('name: Test', 'name: ""')
      .replace('halfLifeDays: 30', 'halfLifeDays: -1')
      .replace('points: 10 }', 'points: ten }')
      .replace('mql: { score: fit, gte: 10 }', 'mql: { field: title }')
    const errors = errorsOf(text)
    assert.deepEqual(
      errors.map(({ path, line }) => ({ path, line })),
      [
        { path: '/name', line: 1 },
        { path: '/fit/rules/0/points', line: 4 },
        { path: '/engagement/halfLifeDays', line: 6 },
        { path: '/mql', line: 9 },
      ],
    )
  })

  test('reports schema issues of a parsed object without lines', () => {
    const result = validateAgreement({
      name: 'Test',
      fit: { rules: [] },
      engagement: { halfLifeDays: 30, rules: [] },
    })
    assert.deepEqual(result, {
      ok: false,
      errors: [
        {
          path: '/mql',
          message: "missing required property 'mql'",
          code: 'missing_property',
          params: { property: 'mql' },
        },
      ],
    })
  })

  test('reports a document that is not a mapping', () => {
    const errors = errorsOf('- just\n- a list\n')
    assert.equal(errors[0]?.path, '')
    assert.match(errors[0]?.message ?? '', /must be a mapping/)
    assert.equal(errors[0]?.code, 'agreement_not_mapping')
    assert.equal(errors[0]?.line, 1)
  })
})
