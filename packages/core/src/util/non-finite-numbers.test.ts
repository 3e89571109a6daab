import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { nonFiniteNumbers } from './non-finite-numbers.ts'

describe('nonFiniteNumbers', () => {
  const cases: Array<[string, unknown, string[]]> = [
    ['a finite number', { amount: 1e308 }, []],
    ['1e400 as JSON.parse reads it', JSON.parse('{"amount":1e400}'), ['body/amount']],
    ['-1e400', JSON.parse('{"amount":-1e400}'), ['body/amount']],
    ['NaN', { amount: Number.NaN }, ['body/amount']],
    [
      'deep inside arrays and objects',
      { events: [{ properties: { n: 1 } }, { properties: { n: Infinity } }] },
      ['body/events/1/properties/n'],
    ],
    ['a bare number', Infinity, ['body']],
    ['strings that spell infinity are not numbers', { amount: 'Infinity' }, []],
    ['null and booleans', { a: null, b: true }, []],
  ]
  for (const [name, value, paths] of cases) {
    test(name, () =>
      assert.deepEqual(
        nonFiniteNumbers(value, 'body').map((found) => found.path),
        paths,
      ),
    )
  }

  test('stops at ten findings', () => {
    assert.equal(
      nonFiniteNumbers(
        Array.from({ length: 50 }, () => Infinity),
        'body',
      ).length,
      10,
    )
  })
})
