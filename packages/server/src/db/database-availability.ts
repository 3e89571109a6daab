// Whether the database can be reached right now. A connection error anywhere (a request, a job) marks it
// down; while down, a probe runs every half second and requests are answered 503 at once instead of each
// waiting for its own connection attempt. The first successful probe marks it up again, so Takt serves
// within a second of the database coming back, without a restart.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'

/** What a client is told to wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 2
const PROBE_EVERY_MS = 500

export type AvailabilityLog = {
  warn: (object: object, message: string) => void
  info: (object: object, message: string) => void
}

export type DatabaseAvailability = {
  isUp(): boolean
  /**
   * Reports an error from a database call. Returns whether it means the database is unreachable (and
   * marks it down, starting the probe); other errors (constraint violations, bad SQL) change nothing.
   */
  reportFailure(error: unknown): boolean
  /** Resolves once the database answers (at once when it is up). */
  whenUp(): Promise<void>
  stop(): void
}

export function watchDatabase(db: Kysely<Database>, log?: AvailabilityLog): DatabaseAvailability {
  let up = true
  let stopped = false
  let probe: NodeJS.Timeout | undefined
  let waiters: Array<() => void> = []

  const markUp = () => {
    if (up) return
    up = true
    log?.info({}, 'database reachable again')
    for (const resolve of waiters) resolve()
    waiters = []
  }
  const scheduleProbe = () => {
    if (stopped || probe) return
    probe = setTimeout(async () => {
      try {
        await sql`select 1`.execute(db)
        probe = undefined
        markUp()
      } catch {
        probe = undefined
        scheduleProbe()
      }
    }, PROBE_EVERY_MS)
    probe.unref()
  }

  return {
    isUp: () => up,
    reportFailure(error) {
      if (!isDatabaseUnreachable(error)) return false
      if (up)
        log?.warn({ err: error }, 'database unreachable; answering 503 and pausing jobs until it is back')
      up = false
      scheduleProbe()
      return true
    },
    whenUp: () => (up ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    stop() {
      stopped = true
      clearTimeout(probe)
      for (const resolve of waiters) resolve()
      waiters = []
    },
  }
}

// SQLSTATEs that say the server or the connection is gone, not that the statement was wrong: connection
// exceptions (class 08), shutdown or termination of the backend (57P01–57P03, e.g. pg_terminate_backend
// or a restart), too many connections, and the idle-in-transaction timeout that closes the session.
const UNREACHABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '25P03'])
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
])
// Errors the pg client and pool raise without a code, and PGlite's once its instance has been closed.
const UNREACHABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|not queryable|connection error|pglite is closed|terminating connection/i

/** An error that says the database cannot be reached (as opposed to a query it refused). */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false
  const { code, message, cause, errors } = error as {
    code?: unknown
    message?: unknown
    cause?: unknown
    errors?: unknown
  }
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNREACHABLE_SQLSTATES.has(code))) return true
  if (typeof code === 'string' && /^08...$/.test(code)) return true
  if (typeof code !== 'string' && typeof message === 'string' && UNREACHABLE_MESSAGES.test(message))
    return true
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) return true
  return isDatabaseUnreachable(cause, depth + 1)
}
