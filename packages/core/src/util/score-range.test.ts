import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseScoreRange, scoreRangeText } from './score-range.ts'

test('a range reads back as it was written, open ends and tiny decayed scores included', () => {
  for (const text of ['[40,65]', '[20,40)', '(,20)', '[50,)', '[3.2e-8,1e+21]', '(-5.5,0]']) {
    assert.equal(scoreRangeText(parseScoreRange(text)!), text)
  }
  assert.deepEqual(parseScoreRange('[20,40)'), { min: 20, minInclusive: true, max: 40, maxInclusive: false })
})

test('a malformed or reversed range is none', () => {
  for (const text of ['[40,20]', '20,40', '[a,1]', '[1,2}', '[1;2]', '', `[1,${'9'.repeat(70)}]`]) {
    assert.equal(parseScoreRange(text), undefined, text)
  }
})
