// What a command that works on the database gets from the program (program.ts), so tests can run it on
// a database of their own, and the error that says the user typed something wrong.
import type { Kysely } from 'kysely'
import type { Config } from '../config/load-config.ts'
import type { Database } from '../db/tables.ts'

export type CommandDeps = {
  readConfig: () => Config
  withDatabase: <T>(config: Config, work: (db: Kysely<Database>) => Promise<T>) => Promise<T>
}

/** Bad input: exit code 2, as for a configuration error. */
export class UsageError extends Error {}
