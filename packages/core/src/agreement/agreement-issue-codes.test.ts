import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  AGREEMENT_ISSUE_CODES,
  englishMessage,
  excerpt,
  ISSUE_TERMS,
  quote,
  type AgreementIssueCode,
} from './agreement-issue-codes.ts'
import { issue } from './agreement-issue.ts'
import { ISSUE_EXAMPLES, ISSUE_VARIANTS } from './fixtures/issue-examples.ts'

describe('agreement issue codes', () => {
  test('every code has an example, and the codes are unique snake_case', () => {
    assert.deepEqual([...AGREEMENT_ISSUE_CODES].sort(), Object.keys(ISSUE_EXAMPLES).sort())
    for (const code of AGREEMENT_ISSUE_CODES) assert.match(code, /^[a-z]+(_[a-z]+)*$/, code)
    assert.equal(new Set(AGREEMENT_ISSUE_CODES).size, AGREEMENT_ISSUE_CODES.length)
  })

  const cases = [
    ...Object.entries(ISSUE_EXAMPLES).map(([code, example]) => [code, example] as const),
    ...Object.entries(ISSUE_VARIANTS).flatMap(([code, variants]) =>
      variants.map((variant) => [code, variant] as const),
    ),
  ] as [AgreementIssueCode, [never, string]][]
  for (const [code, [params, message]] of cases) {
    test(`${code}: the English message is derived from the params (${message.slice(0, 40)}…)`, () => {
      assert.equal(englishMessage(code, params), message)
    })
  }

  test('issue() carries the code, the params and the English message built from them', () => {
    assert.deepEqual(issue('/fit/rules/3/id', 'duplicate_id', { id: 'size_core', noun: 'fit_rule' }), {
      path: '/fit/rules/3/id',
      message: "duplicate id 'size_core': another fit rule already uses it",
      code: 'duplicate_id',
      params: { id: 'size_core', noun: 'fit_rule' },
    })
  })

  test('params hold excerpts of long values, so quoting them gives the message today’s shortened quote', () => {
    const pasted = 'x'.repeat(100)
    assert.equal(excerpt(pasted), 'x'.repeat(57) + '…')
    assert.equal(quote(excerpt(pasted)), quote(pasted))
    assert.equal(excerpt({ a: 1 }), '{"a":1}')
    assert.equal(
      englishMessage('unknown_time_zone', { zone: excerpt(pasted) }),
      `unknown time zone '${'x'.repeat(57)}…'; use an IANA time zone like Europe/Berlin`,
    )
  })

  test('terms are closed sets the messages know', () => {
    for (const noun of ISSUE_TERMS.noun) {
      assert.doesNotMatch(englishMessage('duplicate_id', { id: 'a', noun: noun as 'team' }), /undefined/)
    }
    for (const kind of ISSUE_TERMS.expected) {
      const message = englishMessage('wrong_type', { expected: [kind as 'string'], keys: ['a'] })
      assert.doesNotMatch(message, /undefined/, kind)
    }
  })
})
