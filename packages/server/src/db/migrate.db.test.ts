import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { sql, type Kysely } from 'kysely'
import { createEmptyPostgresDatabase, forEachDatabase, TEST_DIALECTS } from '../testing/test-database.ts'
import { openDatabase } from './database.ts'
import { MIGRATION_NAMES, migrateDown, migrateToLatest } from './migrate.ts'
import type { Database } from './tables.ts'

const TABLES = [
  'accounts',
  'activities',
  'agreement_reviews',
  'agreement_versions',
  'api_keys',
  'audit_log',
  'backtests',
  'content_items',
  'content_recommendations',
  'decisions',
  'events',
  'hand_offs',
  'ingest_queue',
  'lead_milestones',
  'leads',
  'login_failures',
  'notification_settings',
  'notifications',
  'prediction_models',
  'routing_cursors',
  'saved_views',
  'sessions',
  'shadow_leads',
  'shadow_runs',
  'tasks',
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

// Two instances starting at once on a fresh PostgreSQL database: both must come up, and every
// migration must have run exactly once.
if (TEST_DIALECTS.includes('postgres')) {
  describe('concurrent migrations (postgres)', () => {
    it('migrates a fresh database once when two instances start together', async () => {
      const empty = await createEmptyPostgresDatabase()
      const first = await openDatabase({ databaseUrl: empty.url })
      const second = await openDatabase({ databaseUrl: empty.url })
      try {
        const [a, b] = await Promise.all([migrateToLatest(first.db), migrateToLatest(second.db)])
        // One of them ran everything; the other waited and found nothing left to do.
        assert.deepEqual(
          [a.executed, b.executed].sort((x, y) => y.length - x.length),
          [MIGRATION_NAMES, []],
        )
        assert.deepEqual(await listTables(first.db), TABLES)
        const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          first.db,
        )
        assert.deepEqual(
          rows.map((row) => row.name),
          MIGRATION_NAMES,
        )
      } finally {
        await first.close()
        await second.close()
        await empty.drop()
      }
    })
  })
}

// The README's production set-up: Takt's own login role owns its database, has no CREATEROLE, and an
// administrator made takt_tenant beforehand and granted it.
if (TEST_DIALECTS.includes('postgres')) {
  describe('migrations as an unprivileged owner (postgres)', () => {
    it('migrates a database owned by a role that may not create roles', async () => {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await admin.connect()
      const role = `takt_owner_${randomBytes(4).toString('hex')}`
      const empty = await createEmptyPostgresDatabase()
      const name = new URL(empty.url).pathname.slice(1)
      try {
        await admin.query(`create role ${role} login password 'owner-password' nocreaterole nosuperuser`)
        await admin.query(`alter database ${name} owner to ${role}`)
        await admin.query(
          `do $$ begin create role takt_tenant nologin; exception when duplicate_object then null; end $$`,
        )
        await admin.query(`grant takt_tenant to ${role}`)
        const url = new URL(empty.url)
        url.username = role
        url.password = 'owner-password'
        const owned = await openDatabase({ databaseUrl: url.toString() })
        try {
          assert.deepEqual((await migrateToLatest(owned.db)).executed, MIGRATION_NAMES)
          assert.deepEqual(await listTables(owned.db), TABLES)
        } finally {
          await owned.close()
        }
      } finally {
        await empty.drop()
        await admin.query(`drop role if exists ${role}`)
        await admin.end()
      }
    })
  })
}
