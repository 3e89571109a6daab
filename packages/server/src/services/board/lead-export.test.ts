import { test } from 'node:test'
import assert from 'node:assert/strict'
import { csvField, csvLine } from './lead-export.ts'

const CASES: Array<[string | number | null, string]> = [
  ['plain', 'plain'],
  ['Müller GmbH', 'Müller GmbH'],
  ['Schmidt, Anna', '"Schmidt, Anna"'],
  ['Sagt "Hallo"', '"Sagt ""Hallo"""'],
  ['zwei\nZeilen', '"zwei\nZeilen"'],
  ['a;b', '"a;b"'],
  [' führend', '" führend"'],
  ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
  ['-1+1', "'-1+1"],
  ['@cmd, x', `"'@cmd, x"`],
  [42.5, '42.5'],
  [-3, '-3'],
  [null, ''],
]

for (const [value, expected] of CASES) {
  test(`writes ${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => {
    assert.equal(csvField(value), expected)
  })
}

test('a line ends with CRLF, as RFC 4180 asks', () => {
  assert.equal(csvLine(['a', null, 1]), 'a,,1\r\n')
})
