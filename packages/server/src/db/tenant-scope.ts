// Work on behalf of one workspace: a transaction that runs as takt_tenant with the workspace set,
// so row-level security (migration 0005) decides what exists.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'

export async function withWorkspace<T>(
  db: Kysely<Database>,
  workspaceId: string,
  work: (scoped: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    // One round trip for both: set_config('role', …, true) is SET LOCAL ROLE.
    await sql`select set_config('role', 'takt_tenant', true), set_config('takt.workspace_id', ${workspaceId}, true)`.execute(
      trx,
    )
    return work(trx)
  })
}

/** Joins the caller's transaction when there is one, so use cases compose without nesting. */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
