import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  defaultPeriod,
  isRunWorking,
  progressPercent,
  runsOfVersion,
  shownRunId,
} from './backtest-run-state.ts'
import type { BacktestRun } from './backtest-types.ts'

function run(
  id: string,
  candidateVersion: number | null,
  status: BacktestRun['status'],
  createdAt: string,
): BacktestRun {
  return {
    id,
    status,
    progress: 0,
    candidateVersion,
    against: 'active',
    baselineVersion: 1,
    period: { from: '2026-01-01', to: '2026-12-31' },
    error: null,
    jobId: null,
    createdBy: null,
    createdAt,
    finishedAt: null,
  }
}

const RUNS = [
  run('old', 4, 'completed', '2026-12-01T10:00:00.000Z'),
  run('other', 5, 'completed', '2026-12-03T10:00:00.000Z'),
  run('new', 4, 'failed', '2026-12-04T10:00:00.000Z'),
  run('mid', 4, 'completed', '2026-12-02T10:00:00.000Z'),
  run('text', null, 'completed', '2026-12-05T10:00:00.000Z'),
]

describe('runsOfVersion', () => {
  test("only the version's runs, newest first", () => {
    assert.deepEqual(
      runsOfVersion(RUNS, 4).map((one) => one.id),
      ['new', 'mid', 'old'],
    )
  })
  test('a version without runs has none', () => assert.deepEqual(runsOfVersion(RUNS, 9), []))
})

describe('shownRunId', () => {
  const runs = runsOfVersion(RUNS, 4)
  test('the chosen run while it is listed', () => assert.equal(shownRunId(runs, 'old'), 'old'))
  test('else the newest completed one, not a newer failed one', () => {
    assert.equal(shownRunId(runs, null), 'mid')
    assert.equal(shownRunId(runs, 'gone'), 'mid')
  })
  test('nothing when no run completed', () => {
    assert.equal(shownRunId([run('q', 4, 'queued', '2026-12-01T10:00:00.000Z')], null), null)
  })
})

describe('isRunWorking', () => {
  const cases = [
    ['queued', true],
    ['running', true],
    ['completed', false],
    ['failed', false],
    ['cancelled', false],
  ] as const
  for (const [status, working] of cases) test(status, () => assert.equal(isRunWorking(status), working))
})

describe('progressPercent', () => {
  test('whole percent, 100 only once completed', () => {
    assert.equal(progressPercent({ status: 'running', progress: 0.426 }), 42)
    assert.equal(progressPercent({ status: 'running', progress: 1 }), 99)
    assert.equal(progressPercent({ status: 'completed', progress: 1 }), 100)
  })
})

describe('defaultPeriod', () => {
  test('the last 365 days, today included, in the time zone', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin.
    assert.deepEqual(defaultPeriod(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin'), {
      from: '2026-01-02',
      to: '2027-01-01',
    })
    assert.deepEqual(defaultPeriod(new Date('2026-12-07T12:00:00Z'), 'UTC'), {
      from: '2025-12-08',
      to: '2026-12-07',
    })
  })
  test('a leap year has 365 days too', () => {
    assert.deepEqual(defaultPeriod(new Date('2028-03-01T12:00:00Z'), 'UTC'), {
      from: '2027-03-03',
      to: '2028-03-01',
    })
  })
})
