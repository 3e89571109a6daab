import { it } from 'node:test'
import assert from 'node:assert/strict'
import { sql, type Kysely } from 'kysely'
import { forEachDatabase } from '../testing/test-database.ts'
import { MIGRATION_NAMES, migrateDown, migrateToLatest } from './migrate.ts'
import type { Database } from './tables.ts'

const TABLES = [
  'accounts',
  'agreement_versions',
  'api_keys',
  'audit_log',
  'content_items',
  'decisions',
  'events',
  'leads',
  'login_failures',
  'notifications',
  'routing_cursors',
  'sessions',
  'transitions',
  'users',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_events',
  'webhook_subscriptions',
  'workspaces',
]

async function listTables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = 'public' and tablename not like 'kysely_%' order by tablename`.execute(db)
  return rows.map((row) => row.name)
}

/** Tables, columns, indexes and row-level policies: what a migration may change. */
async function schemaFingerprint(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ item: string }>`
    select 'column ' || table_name || '.' || column_name || ' ' || data_type as item from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely_%'
    union all
    select 'policy ' || tablename || '.' || policyname from pg_policies where schemaname = 'public'
    union all
    select 'index ' || tablename || '.' || indexname from pg_indexes
    where schemaname = 'public' and tablename not like 'kysely_%'
    union all
    select 'rls ' || relname from pg_class where relrowsecurity and relnamespace = 'public'::regnamespace
    order by 1`.execute(db)
  return rows.map((row) => row.item)
}

// Runs on its own database per dialect: migrating down would pull the schema from under other suites.
forEachDatabase('migrations', (suite) => {
  it('starts fully migrated, and migrating again does nothing', async () => {
    assert.deepEqual(await listTables(suite.db), TABLES)
    assert.deepEqual(await migrateToLatest(suite.db), { direction: 'up', executed: [] })
  })

  it('steps back one migration at a time, and forward again to the same schema', async () => {
    const latest = await schemaFingerprint(suite.db)
    const summary = await migrateDown(suite.db)
    assert.deepEqual(summary, { direction: 'down', executed: [MIGRATION_NAMES.at(-1)] })
    assert.notDeepEqual(await schemaFingerprint(suite.db), latest)
    assert.deepEqual(await migrateToLatest(suite.db), { direction: 'up', executed: [MIGRATION_NAMES.at(-1)] })
    assert.deepEqual(await schemaFingerprint(suite.db), latest)
  })

  it('migrates all the way down and up again to the same schema', async () => {
    const down = await migrateDown(suite.db, 'all')
    assert.deepEqual(down.executed, [...MIGRATION_NAMES].reverse())
    assert.deepEqual(await listTables(suite.db), [])
    const up = await migrateToLatest(suite.db)
    assert.deepEqual(up.executed, MIGRATION_NAMES)
    assert.deepEqual(await listTables(suite.db), TABLES)
  })
})
