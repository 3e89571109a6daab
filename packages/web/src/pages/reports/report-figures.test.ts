// Chart rows from report answers: the weeks stacked by stage, the Pareto's running share, the bands.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  bandRange,
  bandRowsOf,
  isRising,
  maximumOf,
  paretoRowsOf,
  vitalFew,
  weekRowsOf,
} from './report-figures.ts'
import { boardHref } from './lead-links.ts'
import { createReportFormat } from './report-format.ts'

test('the Pareto sorts reasons by count and runs their share up to 100 %', () => {
  const rows = paretoRowsOf([
    { reason: 'no_budget', count: 3 },
    { reason: 'no_need', count: 9 },
    { reason: 'gone', count: 0 },
    { reason: 'bad_timing', count: 5 },
    { reason: 'not_reachable', count: 3 },
  ])
  assert.deepEqual(
    rows.map((row) => [row.reason, row.count]),
    [
      ['no_need', 9],
      ['bad_timing', 5],
      ['no_budget', 3],
      ['not_reachable', 3],
    ],
  )
  assert.deepEqual(
    rows.map((row) => Math.round(row.cumulativeShare * 1000) / 1000),
    [0.45, 0.7, 0.85, 1],
  )
  assert.equal(rows[1]!.share, 5 / 20)
  assert.deepEqual(
    vitalFew(rows).map((row) => row.reason),
    ['no_need', 'bad_timing', 'no_budget'],
  )
  assert.deepEqual(paretoRowsOf([{ reason: 'no_need', count: 0 }]), [])
})

test('weeks become stacked rows; a stage the week lacks counts 0', () => {
  const rows = weekRowsOf({
    weeks: [
      { week: '2026-11-02', entered: { lead: 5, mql: 4 } as never },
      { week: '2026-11-09', entered: { lead: 1, mql: 0, sal: 2, sql: 1, opportunity: 0, customer: 3 } },
    ],
  })
  assert.deepEqual(rows[0], {
    week: '2026-11-02',
    lead: 5,
    mql: 4,
    sal: 0,
    sql: 0,
    opportunity: 0,
    customer: 0,
  })
  assert.equal(maximumOf(rows, ['lead', 'customer']), 5)
  assert.deepEqual(weekRowsOf({}), [])
})

test('a score is rising when no band with leads falls below the one before', () => {
  const band = (sqlRate: number | null) => ({ sqlRate })
  assert.equal(isRising([band(0.1), band(null), band(0.2), band(0.2)]), true)
  assert.equal(isRising([band(0.3), band(0.2)]), false)
  assert.equal(isRising([band(null), band(0.2)]), null)
  const [row] = bandRowsOf([
    {
      band: 0,
      min: null,
      max: 20,
      leads: 0,
      sqls: 0,
      customers: 0,
      sqlRate: null,
      customerRate: null,
      list: { query: { firstMqlFit: '[,20)' }, exact: true },
      sqlList: { query: { firstMqlFit: '[,20)', entered: ['sql', 'opportunity', 'customer'] }, exact: false },
      customerList: { query: { firstMqlFit: '[,20)', entered: ['customer'] }, exact: false },
    },
  ])
  assert.equal(row!.sqlRate, null)
})

test('a report number links to the board with the list query, lists comma-joined', () => {
  assert.equal(
    boardHref({ query: { source: 'webinar', stage: ['sql', 'opportunity', 'customer'] } }),
    '/board?source=webinar&stage=sql%2Copportunity%2Ccustomer',
  )
  const withEntered = {
    stage: [],
    entered: ['sql'],
    enteredFrom: '2026-09-01T00:00:00+02:00',
    enteredVersion: 7,
  }
  assert.equal(
    boardHref({ query: withEntered as never }),
    '/board?entered=sql&enteredFrom=2026-09-01T00%3A00%3A00%2B02%3A00&enteredVersion=7',
  )
  assert.equal(boardHref({ query: {} }), '/board')
})

test.describe('figures in German and English; null is not a number', () => {
  const de = createReportFormat('de')
  const en = createReportFormat('en')
  const cases: Array<[string, string | null, string | null]> = [
    ['count', de.count(1234), en.count(1234)],
    ['share', de.share(0.3235), en.share(0.3235)],
    ['decimal', de.decimal(26.03), en.decimal(26.03)],
    ['null share', de.share(null), en.share(null)],
    ['day', de.day('2026-12-07'), en.day('2026-12-07')],
    ['period', de.period('2026-09-01', '2026-11-30'), en.period('2026-09-01', '2026-11-30')],
    ['one day', de.period('2026-09-01', '2026-09-01'), en.period('2026-09-01', '2026-09-01')],
  ]
  const expected: Record<string, [string | null, string | null]> = {
    count: ['1.234', '1,234'],
    share: ['32,4 %', '32.4%'],
    decimal: ['26', '26'],
    'null share': [null, null],
    day: ['07.12.2026', '7 Dec 2026'],
    period: ['01.09. – 30.11.2026', '1 Sept – 30 Nov 2026'],
    'one day': ['01.09.2026', '1 Sept 2026'],
  }
  for (const [name, german, english] of cases) {
    // Intl writes narrow and thin spaces; read as plain ones here.
    const plain = (text: string | null) => text?.replace(/\s/g, ' ') ?? null
    test(name, () => assert.deepEqual([plain(german), plain(english)], expected[name]))
  }
})

test('a band’s range reads as numbers, open ends in words', () => {
  const words = { below: (max: string) => `unter ${max}`, atLeast: (min: string) => `ab ${min}` }
  const number = (value: number) => new Intl.NumberFormat('de-DE').format(value)
  assert.equal(bandRange({ min: 20, max: 25 }, number, words), '20–25')
  assert.equal(bandRange({ min: 30.33, max: 30.33 }, number, words), '30,33')
  assert.equal(bandRange({ min: null, max: 20 }, number, words), 'unter 20')
  assert.equal(bandRange({ min: 40, max: null }, number, words), 'ab 40')
})
