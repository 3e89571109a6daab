import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  MAX_RETRY_AFTER_MS,
  RETRY_DELAYS_MS,
  classifyResponse,
  nextAttempt,
  parseRetryAfter,
  type ResponseClass,
} from './retry-schedule.ts'

const AT = Date.parse('2026-09-14T08:00:00Z')
const HOUR = 3_600_000
const LOWEST = () => 0
const HIGHEST = () => 1 - Number.EPSILON

/** Fails every attempt from `AT` on and returns the instants of the retries until the delivery is dead. */
function retriesUntilDead(random: () => number): number[] {
  const retries: number[] = []
  let at = AT
  for (let failedAttempts = 1; ; failedAttempts++) {
    const next = nextAttempt({ failedAttempts, at, random })
    if (next.kind === 'dead') return retries
    retries.push(next.at)
    at = next.at
  }
}

describe('nextAttempt', () => {
  for (const [name, random] of [
    ['shortest', LOWEST],
    ['longest', HIGHEST],
  ] as const) {
    test(`makes 10 retries over at least 72 hours, even with the ${name} jitter`, () => {
      const retries = retriesUntilDead(random)
      assert.equal(retries.length, 10)
      assert.ok(retries.at(-1)! - AT >= 72 * HOUR, `last retry after ${(retries.at(-1)! - AT) / HOUR} h`)
      assert.ok(retries.at(-1)! - AT <= 125 * HOUR)
    })
  }

  test('keeps each delay within 20 % of the schedule', () => {
    RETRY_DELAYS_MS.forEach((delay, index) => {
      for (const random of [LOWEST, () => 0.25, () => 0.5, () => 0.75, HIGHEST]) {
        const next = nextAttempt({ failedAttempts: index + 1, at: AT, random })
        assert.equal(next.kind, 'retry')
        if (next.kind !== 'retry') return
        assert.ok(next.at - AT >= delay * 0.8 && next.at - AT <= delay * 1.2, `retry ${index + 1}`)
      }
    })
  })

  test('follows the schedule exactly with no jitter', () => {
    const next = nextAttempt({ failedAttempts: 2, at: AT, random: () => 0.5 })
    assert.deepEqual(next, { kind: 'retry', at: AT + 5 * 60_000 })
  })

  test('waits at least as long as the receiver asks with Retry-After', () => {
    assert.deepEqual(nextAttempt({ failedAttempts: 1, at: AT, random: HIGHEST, retryAfterMs: 120_000 }), {
      kind: 'retry',
      at: AT + 120_000,
    })
  })

  test('keeps the schedule when Retry-After asks for less', () => {
    assert.deepEqual(nextAttempt({ failedAttempts: 4, at: AT, random: () => 0.5, retryAfterMs: 1_000 }), {
      kind: 'retry',
      at: AT + 2 * HOUR,
    })
  })

  test('caps Retry-After at 24 hours', () => {
    const next = nextAttempt({ failedAttempts: 1, at: AT, random: LOWEST, retryAfterMs: 365 * 24 * HOUR })
    assert.deepEqual(next, { kind: 'retry', at: AT + MAX_RETRY_AFTER_MS })
    assert.equal(MAX_RETRY_AFTER_MS, 24 * HOUR)
  })

  test('gives up after the 11th failed attempt', () => {
    assert.equal(nextAttempt({ failedAttempts: 10, at: AT, random: LOWEST }).kind, 'retry')
    assert.deepEqual(nextAttempt({ failedAttempts: 11, at: AT, random: LOWEST }), { kind: 'dead' })
    assert.deepEqual(nextAttempt({ failedAttempts: 12, at: AT, random: LOWEST, retryAfterMs: 1_000 }), {
      kind: 'dead',
    })
  })

  test('rejects a count of attempts that is not a positive integer', () => {
    for (const failedAttempts of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => nextAttempt({ failedAttempts, at: AT, random: LOWEST }), /positive integer/)
    }
  })
})

describe('classifyResponse', () => {
  const cases: [number, ResponseClass][] = [
    [200, 'delivered'],
    [202, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [410, 'disable'],
    [301, 'retry'],
    [302, 'retry'],
    [304, 'retry'],
    [400, 'retry'],
    [401, 'retry'],
    [404, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ]
  for (const [status, expected] of cases) {
    test(`treats ${status} as ${expected}`, () => assert.equal(classifyResponse(status), expected))
  }
})

describe('parseRetryAfter', () => {
  const NOW = Date.parse('2026-10-21T07:27:00Z')
  const cases: [string | undefined, number | undefined][] = [
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 21 Oct 2026 07:28:00 GMT', 60_000],
    ['Wednesday, 21-Oct-26 07:29:00 GMT', 120_000],
    ['Wed, 21 Oct 2026 07:26:00 GMT', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2026-10-21T07:28:00', undefined],
    ['', undefined],
    [undefined, undefined],
  ]
  for (const [header, expected] of cases) {
    test(`reads ${JSON.stringify(header)} as ${expected}`, () => {
      assert.equal(parseRetryAfter(header, NOW), expected)
    })
  }
})
