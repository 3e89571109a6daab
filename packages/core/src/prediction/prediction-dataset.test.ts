import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { columnKindOf, isIdColumn, isNumericCell } from './column-kinds.ts'
import { prepareDataset } from './prediction-dataset.ts'
import { positiveTest } from './target-label.ts'

describe('numeric cells', () => {
  const cases: Array<[string, boolean]> = [
    ['12', true],
    ['-2.5', true],
    ['+3.', true],
    ['.5', true],
    ['1e3', true],
    ['6.02E-23', true],
    ['1,5', false],
    [' 1', false],
    ['1.2.3', false],
    ['e5', false],
    ['NaN', false],
    ['Select', false],
  ]
  for (const [cell, expected] of cases) {
    test(`"${cell}" is ${expected ? '' : 'not '}a number`, () => assert.equal(isNumericCell(cell), expected))
  }
})

describe('column kinds', () => {
  test('a column is numeric when every non-missing cell is a number', () => {
    assert.equal(columnKindOf(['1', '', '2.5']), 'numeric')
    assert.equal(columnKindOf(['1', 'unknown', '2']), 'categorical')
    assert.equal(columnKindOf(['', '']), 'categorical')
  })
  test('an ID column has no missing cell and no repeated value', () => {
    assert.equal(isIdColumn(['a1', 'a2', 'a3']), true)
    assert.equal(isIdColumn(['a1', 'a1', 'a3']), false)
    assert.equal(isIdColumn(['a1', '', 'a3']), false)
  })
})

describe('the positive label', () => {
  const cases: Array<{ cells: string[]; positive?: string; expected: boolean[] }> = [
    { cells: ['0', '1', '1'], expected: [false, true, true] },
    {
      cells: ['Yes', 'no', 'WON', 'lost', 'true', 'Converted'],
      expected: [true, false, true, false, true, true],
    },
    { cells: ['closed', 'open'], positive: 'closed', expected: [true, false] },
  ]
  for (const { cells, positive, expected } of cases) {
    test(`${cells.join('/')} → ${expected.join('/')}`, () => {
      const isPositive = positiveTest(cells, positive)
      assert.deepEqual(cells.map(isPositive), expected)
    })
  }
})

describe('preparing a dataset', () => {
  const header = ['id', 'source', 'visits', 'won', 'tags']
  const rows = Array.from({ length: 11 }, (_, i) => [
    `lead-${i}`,
    i % 2 === 0 ? 'web' : '',
    String((i % 4) * 3),
    i === 7 ? '' : i % 3 === 0 ? 'yes' : 'no',
    'leaky',
  ])
  const dataset = prepareDataset({ header, rows }, { target: 'won', drop: ['tags'] })

  test('numbers rows before dropping those without a target, and tests every fifth', () => {
    // Row 7 has no target and is removed after the split: rows 0, 5 and 10 stay the test rows.
    assert.deepEqual([...dataset.testRows], [0, 5, 9])
    assert.deepEqual([...dataset.trainRows], [1, 2, 3, 4, 6, 7, 8])
    assert.deepEqual([...dataset.labels], [1, 0, 0, 1, 0, 0, 1, 0, 1, 0])
  })
  test('drops the target, the dropped columns and ID columns, and types the rest', () => {
    assert.deepEqual(dataset.idColumns, ['id'])
    assert.deepEqual(
      dataset.features.map(({ name, kind }) => ({ name, kind })),
      [
        { name: 'source', kind: 'categorical' },
        { name: 'visits', kind: 'numeric' },
      ],
    )
  })
  test('names a missing target column', () => {
    assert.throws(() => prepareDataset({ header, rows }, { target: 'Converted' }), /Converted/)
  })
})
