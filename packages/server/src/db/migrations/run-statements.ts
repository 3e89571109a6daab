// Migrations are plain PostgreSQL, one statement per string: PGlite runs parameterised queries
// through the extended protocol, which takes a single statement at a time.
import { sql, type Kysely } from 'kysely'

export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}
