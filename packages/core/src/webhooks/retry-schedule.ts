// When an outgoing webhook is tried again, and when it is given up. The schedule spreads ten retries over
// about four days, so a receiver that is down over a long weekend still gets its deliveries; jitter keeps
// the deliveries that failed together from all coming back at the same instant.
const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** The delay after the 1st, 2nd, … failed attempt: ten retries, about 100 hours in all. */
export const RETRY_DELAYS_MS: readonly number[] = Object.freeze([
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
  24 * HOUR,
])

/** Each delay is stretched or shrunk by up to this share. */
export const RETRY_JITTER = 0.2
/** A receiver's Retry-After beyond this is cut down to it, so it cannot park deliveries forever. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR

export type NextAttempt = { kind: 'retry'; at: number } | { kind: 'dead' }
export type ResponseClass = 'delivered' | 'retry' | 'disable'

/**
 * What follows a failed attempt: another one at `at`, or none.
 * @example
 * nextAttempt({ failedAttempts: 1, at, random: () => 0.5 }) // { kind: 'retry', at: at + 5_000 }
 * nextAttempt({ failedAttempts: 2, at, random, retryAfterMs: 3_600_000 }).at // at + 1 h, not at + ~5 min
 * nextAttempt({ failedAttempts: 11, at, random }) // { kind: 'dead' }
 */
export function nextAttempt(input: {
  /** Attempts made so far, all failed: 1 after the first failure. */
  failedAttempts: number
  /** When the last attempt failed. */
  at: number
  /** Uniform in [0, 1). */
  random: () => number
  /** The receiver's Retry-After, from `parseRetryAfter`. */
  retryAfterMs?: number
}): NextAttempt {
  if (!Number.isInteger(input.failedAttempts) || input.failedAttempts < 1) {
    throw new Error(`failedAttempts must be a positive integer, got ${input.failedAttempts}`)
  }
  const delay = RETRY_DELAYS_MS[input.failedAttempts - 1]
  if (delay === undefined) return { kind: 'dead' }
  const jittered = Math.round(delay * (1 - RETRY_JITTER + 2 * RETRY_JITTER * input.random()))
  const requested = Math.min(Math.max(input.retryAfterMs ?? 0, 0), MAX_RETRY_AFTER_MS)
  return { kind: 'retry', at: input.at + Math.max(jittered, requested) }
}

/**
 * What a receiver's status means for the delivery. Redirects are not followed, so a 3xx is a failure.
 * @example
 * classifyResponse(204) // 'delivered'
 * classifyResponse(410) // 'disable': the receiver says the endpoint is gone for good
 * classifyResponse(301) // 'retry'
 */
export function classifyResponse(status: number): ResponseClass {
  if (status >= 200 && status <= 299) return 'delivered'
  if (status === 410) return 'disable'
  return 'retry'
}

/**
 * A Retry-After header as a delay in ms from `now`: delay-seconds or an HTTP-date. Anything else, and a
 * date already past, gives undefined.
 * @example
 * parseRetryAfter('120', now) // 120_000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z')) // 60_000
 */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * SECOND
  // HTTP-dates are always in GMT; requiring it keeps Date.parse off the host's local time zone.
  if (!/^[a-z]{3}[a-z]*, .+ GMT$/i.test(value)) return undefined
  const at = Date.parse(value)
  if (!Number.isFinite(at) || at < now) return undefined
  return at - now
}
