import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

/** What route plugins get: the database and the clock (tests pass a fake one). */
export type AppDeps = {
  db: Kysely<Database>
  clock: () => Date
  /** cookies get the Secure flag when the app is served over https */
  secureCookies: boolean
}
