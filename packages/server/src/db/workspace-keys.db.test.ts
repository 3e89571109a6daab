// Citus distributes a table by one column and can only enforce a primary key, a unique index or a
// foreign key that contains it. Distributing by workspace therefore needs every key of every
// workspace-owned table to start with workspace_id, and every foreign key to carry it to the table it
// points at. This reads the catalogue, so a new table or index that breaks the rule fails here.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { forEachDatabase } from '../testing/test-database.ts'

// Tables that are not distributed by workspace, and why (the README's "Beyond one PostgreSQL server").
// Only the schema public is checked: the job queue's own schema belongs to no workspace.
const NOT_DISTRIBUTED: Readonly<Record<string, string>> = Object.freeze({
  // A small table every workspace-owned table references: a Citus reference table, copied to every node.
  workspaces: 'reference table',
  // Read before sign-in, by the slug and address the form names: stays on the coordinator.
  login_failures: 'coordinator table',
})

type KeyRow = { table: string; index: string; kind: 'primary' | 'unique'; first: string | null }
type ForeignKeyRow = { table: string; name: string; target: string; columns: string[]; targets: string[] }

forEachDatabase('workspace-leading keys', (suite) => {
  it('starts every primary key and unique index of a workspace-owned table with workspace_id', async () => {
    const { rows } = await sql<KeyRow>`
      select t.relname as table, i.relname as index,
        case when x.indisprimary then 'primary' else 'unique' end as kind,
        a.attname as first
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where (x.indisprimary or x.indisunique)
        and t.relnamespace = 'public'::regnamespace and t.relkind in ('r', 'p')
        and t.relname not like 'kysely_%'
      order by 1, 2`.execute(suite.db)
    const offending = rows
      .filter((row) => !(row.table in NOT_DISTRIBUTED) && row.first !== 'workspace_id')
      .map((row) => `${row.table}.${row.index} (${row.kind}) starts with ${row.first ?? 'an expression'}`)
    assert.deepEqual(offending, [])
  })

  it('gives every workspace-owned table a workspace_id and a primary key', async () => {
    const { rows } = await sql<{ table: string; workspaceColumn: boolean; primaryKey: boolean }>`
      select t.relname as table,
        exists (select from pg_attribute a where a.attrelid = t.oid and a.attname = 'workspace_id'
          and not a.attisdropped and a.attnotnull) as "workspaceColumn",
        exists (select from pg_index x where x.indrelid = t.oid and x.indisprimary) as "primaryKey"
      from pg_class t
      where t.relnamespace = 'public'::regnamespace and t.relkind in ('r', 'p')
        and t.relname not like 'kysely_%'
      order by 1`.execute(suite.db)
    const offending = rows
      .filter((row) => !(row.table in NOT_DISTRIBUTED) && !(row.workspaceColumn && row.primaryKey))
      .map((row) => row.table)
    assert.deepEqual(offending, [])
  })

  it('carries workspace_id in every foreign key between workspace-owned tables', async () => {
    const { rows } = await sql<ForeignKeyRow>`
      select t.relname as table, c.conname as name, r.relname as target,
        array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as columns,
        array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as targets
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_class r on r.oid = c.confrelid
      where c.contype = 'f' and t.relnamespace = 'public'::regnamespace
      order by 1, 2`.execute(suite.db)
    const offending = rows
      .filter((row) => !(row.table in NOT_DISTRIBUTED) && !(row.target in NOT_DISTRIBUTED))
      .filter((row) => {
        const at = row.columns.indexOf('workspace_id')
        return at === -1 || row.targets[at] !== 'workspace_id'
      })
      .map((row) => `${row.table}.${row.name} → ${row.target}`)
    assert.deepEqual(offending, [])
    // Sanity: the query sees the composite keys it is meant to check.
    assert.ok(rows.some((row) => row.table === 'events' && row.target === 'leads'))
  })
})
