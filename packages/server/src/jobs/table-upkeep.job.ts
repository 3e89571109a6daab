// PGlite runs no autovacuum, and a PostgreSQL server may have it turned off. Without it a table's statistics stay those of its first hours (an empty
// leads table), and plans made from them stay: measured, every foreign-key check of an ingested event
// then scanned the whole leads table (1 ms per event at 2,000 leads, growing with the table), and the
// dead row versions every lead update leaves were never reclaimed. This round does what autovacuum
// does on PostgreSQL, for tables that grew by a fifth since they were last analyzed. PGlite keeps no
// activity counters either, so growth is told from the table's size against the size ANALYZE saw.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

export const TABLE_UPKEEP_EVERY_MS = 10_000

export const tableUpkeepJob = {
  name: 'table-upkeep',
  /** Vacuums and analyzes the tables of the public schema that outgrew their statistics; returns them. */
  async handle(db: Kysely<Database>): Promise<string[]> {
    const grown = await sql<{ name: string }>`
      select c.relname as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(c.relpages, 0) * 1.2 + 8`.execute(
      db,
    )
    for (const { name } of grown.rows) await sql`vacuum (analyze) ${sql.table(name)}`.execute(db)
    return grown.rows.map((row) => row.name)
  },
}

/** Whether the server vacuums and analyzes by itself (PostgreSQL's default; needs its activity counters). */
export async function autovacuumRuns(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ on: boolean }>`
    select current_setting('autovacuum') = 'on' and current_setting('track_counts') = 'on' as on`.execute(db)
  return rows[0]?.on === true
}
