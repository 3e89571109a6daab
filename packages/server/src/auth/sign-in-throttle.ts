// Brute-force protection for sign-in, shared by every server instance through the database:
// too many failures for one account or from one address are refused before any password is checked.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

const MINUTE = 60_000
export const SIGN_IN_LIMITS = Object.freeze({
  /** failures per account within a minute before further attempts wait */
  perAccountPerMinute: 5,
  /** failures per account within 15 minutes that lock it for 15 minutes */
  lockAfter: 10,
  lockWindowMs: 15 * MINUTE,
  /** failures from one address within a minute (password spraying across accounts) */
  perAddressPerMinute: 30,
})

export type SignInKey = { workspaceSlug: string; email: string; ip: string }

/** Milliseconds to wait before the next attempt may be checked, or 0 when it may go ahead. */
export async function signInWaitMs(db: Kysely<Database>, key: SignInKey, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.lockWindowMs)
  const accountFailures = await db
    .selectFrom('login_failures')
    .select('at')
    .where('workspace_slug', '=', key.workspaceSlug.toLowerCase())
    .where('email', '=', key.email.toLowerCase())
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .execute()
  const times = accountFailures.map((row) => row.at.getTime())
  const waits: number[] = []
  if (times.length >= SIGN_IN_LIMITS.lockAfter) {
    waits.push(times[SIGN_IN_LIMITS.lockAfter - 1]! + SIGN_IN_LIMITS.lockWindowMs - now.getTime())
  }
  const lastMinute = times.filter((at) => at > now.getTime() - MINUTE)
  if (lastMinute.length >= SIGN_IN_LIMITS.perAccountPerMinute) {
    waits.push(lastMinute[SIGN_IN_LIMITS.perAccountPerMinute - 1]! + MINUTE - now.getTime())
  }
  const fromAddress = await db
    .selectFrom('login_failures')
    .select('at')
    .where('ip', '=', key.ip)
    .where('at', '>', new Date(now.getTime() - MINUTE))
    .orderBy('at', 'desc')
    .limit(SIGN_IN_LIMITS.perAddressPerMinute)
    .execute()
  if (fromAddress.length >= SIGN_IN_LIMITS.perAddressPerMinute) {
    waits.push(fromAddress.at(-1)!.at.getTime() + MINUTE - now.getTime())
  }
  return Math.max(0, ...waits)
}

export async function recordSignInFailure(db: Kysely<Database>, key: SignInKey, now: Date): Promise<void> {
  await db
    .insertInto('login_failures')
    .values({
      workspace_slug: key.workspaceSlug.toLowerCase(),
      email: key.email.toLowerCase(),
      ip: key.ip,
      at: now,
    })
    .execute()
}

export async function clearSignInFailures(db: Kysely<Database>, key: SignInKey, now: Date): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where((where) =>
      where.or([
        where.and([
          where('workspace_slug', '=', key.workspaceSlug.toLowerCase()),
          where('email', '=', key.email.toLowerCase()),
        ]),
        // Old rows of anyone: the table only ever needs the last quarter hour.
        where('at', '<', new Date(now.getTime() - SIGN_IN_LIMITS.lockWindowMs)),
      ]),
    )
    .execute()
}
