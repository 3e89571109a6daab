// Fresh, migrated databases for *.db.test.ts: always PGlite, and also PostgreSQL when DATABASE_URL
// is set (CI). Reading process.env here is test setup, not configuration.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { after, before, describe } from 'node:test'
import type { Kysely } from 'kysely'
import { createPGlite, openDatabase, wrapPGlite, type DatabaseKind } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Database } from '../db/tables.ts'
import { PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV, runOnServer } from './database-templates.ts'

export type TestDialect = DatabaseKind

const SERVER_URL = process.env.DATABASE_URL || undefined
// Prepared once for the whole run by scripts/run-tests.ts (see database-templates.ts); absent when a
// file runs on its own, and then each process migrates its first database itself.
const PGLITE_TEMPLATE_PATH = process.env[PGLITE_TEMPLATE_ENV] || undefined
const POSTGRES_TEMPLATE = process.env[POSTGRES_TEMPLATE_ENV] || undefined

export const TEST_DIALECTS: readonly TestDialect[] = Object.freeze(
  SERVER_URL ? ['pglite', 'postgres'] : ['pglite'],
)

export type TestDatabase = {
  db: Kysely<Database>
  kind: TestDialect
  /** PostgreSQL only: where a second connection pool (a second server instance) finds the same database */
  url?: string
  close(): Promise<void>
}

export async function createTestDatabase(kind: TestDialect): Promise<TestDatabase> {
  return kind === 'pglite' ? createPGliteDatabase() : createPostgresDatabase()
}

// Starting and migrating PGlite takes over a second; loading a dump of a migrated one, a third of
// that. The dump comes from the run's shared file or, without one, the first database of the process
// is migrated and dumped and later ones load the dump.
let template: Promise<Blob> | undefined

async function createPGliteDatabase(): Promise<TestDatabase> {
  if (!template && PGLITE_TEMPLATE_PATH)
    template = readFile(PGLITE_TEMPLATE_PATH).then((dump) => new Blob([dump]))
  if (template)
    return { ...(await wrapPGlite(await createPGlite({ loadDataDir: await template }))), kind: 'pglite' }
  const pglite = await createPGlite()
  const opened = await wrapPGlite(pglite)
  template = migrateToLatest(opened.db).then(() => pglite.dumpDataDir('none'))
  await template
  return { ...opened, kind: 'pglite' }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  // Copying the run's migrated template takes a fraction of migrating; migrateToLatest then finds
  // nothing to do.
  const created = await createServerDatabase(POSTGRES_TEMPLATE)
  const opened = await openDatabase({ databaseUrl: created.url })
  try {
    await migrateToLatest(opened.db)
  } catch (error) {
    await opened.close()
    await created.drop()
    throw error
  }
  return {
    ...opened,
    url: created.url,
    close: async () => {
      await opened.close()
      await created.drop()
    },
  }
}

/** A throw-away PostgreSQL database without any schema, for tests of what a first start does. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createServerDatabase()
}

async function createServerDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  assert.ok(SERVER_URL, 'DATABASE_URL must be set to test on PostgreSQL')
  const serverUrl = SERVER_URL
  const name = `takt_test_${randomBytes(6).toString('hex')}`
  await runOnServer(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => runOnServer(serverUrl, `drop database ${name} with (force)`) }
}

export type DatabaseSuite = { readonly kind: TestDialect; readonly db: Kysely<Database> }

/**
 * Runs the suite once per dialect, on one fresh database per suite: tests share it and stay
 * independent by working in their own workspace (see createTestWorkspace).
 */
export function forEachDatabase(title: string, fn: (suite: DatabaseSuite) => void): void {
  for (const kind of TEST_DIALECTS) {
    describe(`${title} (${kind})`, () => {
      let database: TestDatabase | undefined
      before(async () => {
        database = await createTestDatabase(kind)
      })
      after(async () => {
        await database?.close()
      })
      fn({
        kind,
        get db() {
          assert.ok(database, 'the database exists once before() has run: use it inside tests and hooks')
          return database.db
        },
      })
    })
  }
}

/** A new workspace with a unique slug, so tests sharing a database never see each other's rows. */
export async function createTestWorkspace(db: Kysely<Database>, name = 'Test workspace') {
  return db
    .insertInto('workspaces')
    .values({ slug: `test-${randomBytes(5).toString('hex')}`, name })
    .returning(['id', 'slug', 'name', 'timezone'])
    .executeTakeFirstOrThrow()
}
