// A fingerprint of what a workspace has stored (row count and an order-independent hash per table),
// read as the database owner, so a test can prove that a refused request changed nothing.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'

export type Fingerprint = Record<string, string>

// Authentication bookkeeping a refused request may legitimately write (API key use, at most once a
// minute); everything else must stay as it was.
const IGNORED_COLUMNS = ['last_used_at']

const tablesByDatabase = new WeakMap<object, Promise<string[]>>()

/** Tenant tables are found in the catalog, so tables added by later migrations are covered too. */
function tenantTables(db: Kysely<Database>): Promise<string[]> {
  let tables = tablesByDatabase.get(db)
  if (!tables) {
    tables = sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'workspace_id'
      order by table_name`
      .execute(db)
      .then((result) => result.rows.map((row) => row.table_name))
    tablesByDatabase.set(db, tables)
  }
  return tables
}

/** Every workspace's rows, or one workspace's when an id is given; one round trip. */
export async function fingerprintData(db: Kysely<Database>, workspaceId?: string): Promise<Fingerprint> {
  const tables = await tenantTables(db)
  const ignored = sql`array[${sql.join(IGNORED_COLUMNS)}]::text[]`
  const part = (table: string, column: string) =>
    sql`select ${table} as name, count(*)::int as rows,
          coalesce(sum(hashtextextended((to_jsonb(t) - ${ignored})::text, 0)), 0)::text as hash
        from ${sql.table(table)} t
        ${workspaceId === undefined ? sql`` : sql`where ${sql.ref(column)}::text = ${workspaceId}`}`
  const query = sql<{ name: string; rows: number; hash: string }>`${sql.join(
    [part('workspaces', 'id'), ...tables.map((table) => part(table, 'workspace_id'))],
    sql` union all `,
  )}`
  const { rows } = await query.execute(db)
  return Object.fromEntries(rows.map((row) => [row.name, `${row.rows} rows, hash ${row.hash}`]))
}

/** Every row version (ctid, xmin) of the tenant tables: cheap, and it changes whenever a row is written. */
async function rowVersions(db: Kysely<Database>): Promise<string> {
  const tables = ['workspaces', ...(await tenantTables(db))]
  const parts = tables.map(
    (
      table,
    ) => sql`select count(*)::text || ':' || coalesce(sum(hashtext(ctid::text || xmin::text)), 0)::text as v
      from ${sql.table(table)}`,
  )
  const { rows } = await sql<{ v: string }>`${sql.join(parts, sql` union all `)}`.execute(db)
  return rows.map((row) => row.v).join(',')
}

/**
 * Waits until the server has committed what it answered: some routes answer before their
 * transaction commits, and a test that reads right after the answer must not race that commit.
 */
export async function waitForSettledWrites(db: Kysely<Database>): Promise<void> {
  await settledWriteMark(db)
}

/**
 * Waits until no other session of this database is inside a transaction, then returns the next
 * transaction id to be assigned: it moves whenever anything was written (or is being written).
 */
async function settledWriteMark(db: Kysely<Database>): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const { rows } = await sql<{ mark: string; busy: number }>`
      select pg_snapshot_xmax(pg_current_snapshot())::text as mark,
        (select count(*)::int from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state is distinct from 'idle') as busy`.execute(
      db,
    )
    const row = rows[0]!
    if (row.busy === 0 || attempt >= 200) return row.mark
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

/**
 * Watches all stored data for changes of content. Cheap when nothing was written: the content is
 * only hashed again after a transaction id was used and some row version changed.
 */
export async function watchData(db: Kysely<Database>) {
  let mark = await settledWriteMark(db)
  let versions = await rowVersions(db)
  let content = await fingerprintData(db)
  return {
    /** The tables whose content changed since the last call (or since the watch began). */
    async changes(): Promise<string[]> {
      const nextMark = await settledWriteMark(db)
      if (nextMark === mark) return []
      mark = nextMark
      const nextVersions = await rowVersions(db)
      if (nextVersions === versions) return []
      versions = nextVersions
      const after = await fingerprintData(db)
      const changed = changedTables(content, after)
      content = after
      return changed
    },
  }
}

/** The tables whose fingerprint differs, with before → after. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...names]
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name] ?? 'absent'} → ${after[name] ?? 'absent'}`)
}
