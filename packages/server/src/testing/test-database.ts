// Fresh, migrated databases for *.db.test.ts: always PGlite, and also PostgreSQL when DATABASE_URL
// is set (CI). Reading process.env here is test setup, not configuration.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe } from 'node:test'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { createPGlite, openDatabase, wrapPGlite, type DatabaseKind } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Database } from '../db/tables.ts'

export type TestDialect = DatabaseKind

const SERVER_URL = process.env.DATABASE_URL || undefined

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
// that. The first database of a test process is migrated and dumped, later ones load the dump.
let template: Promise<Blob> | undefined

async function createPGliteDatabase(): Promise<TestDatabase> {
  if (template)
    return { ...(await wrapPGlite(await createPGlite({ loadDataDir: await template }))), kind: 'pglite' }
  const pglite = await createPGlite()
  const opened = await wrapPGlite(pglite)
  template = migrateToLatest(opened.db).then(() => pglite.dumpDataDir('none'))
  await template
  return { ...opened, kind: 'pglite' }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyPostgresDatabase()
  const opened = await openDatabase({ databaseUrl: empty.url })
  try {
    await migrateToLatest(opened.db)
  } catch (error) {
    await opened.close()
    await empty.drop()
    throw error
  }
  return {
    ...opened,
    url: empty.url,
    close: async () => {
      await opened.close()
      await empty.drop()
    },
  }
}

/** A throw-away PostgreSQL database without any schema, for tests of what a first start does. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  assert.ok(SERVER_URL, 'DATABASE_URL must be set to test on PostgreSQL')
  const name = `takt_test_${randomBytes(6).toString('hex')}`
  await administer(`create database ${name}`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => administer(`drop database ${name} with (force)`) }
}

// Runs one statement on the server's own database. A set but unreachable DATABASE_URL fails the
// suite: silently skipping would report PostgreSQL as tested when it was not.
async function administer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(`DATABASE_URL is set but its server cannot be reached; unset it to test on PGlite only`, {
      cause: error,
    })
  }
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
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
