// Migrated databases prepared once per test run by scripts/run-tests.ts, so each test process copies
// one instead of migrating its own (a cold PGlite start and migration costs seconds per process).
// The run passes them on through the environment; test-database.ts falls back to migrating without.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { createPGlite, openDatabase, wrapPGlite } from '../db/database.ts'
import { MIGRATION_NAMES, migrateToLatest } from '../db/migrate.ts'

/** path of a PGlite dump (dumpDataDir) of a migrated database */
export const PGLITE_TEMPLATE_ENV = 'TAKT_TEST_PGLITE_TEMPLATE'
/** name of a migrated database on DATABASE_URL's server to create test databases from */
export const POSTGRES_TEMPLATE_ENV = 'TAKT_TEST_POSTGRES_TEMPLATE'

const DB_FOLDER = fileURLToPath(new URL('../db/', import.meta.url))
const NODE_MODULES = fileURLToPath(new URL('../../../../node_modules/', import.meta.url))
const CACHE_FOLDER = join(NODE_MODULES, '.cache/takt')
const POSTGRES_PREFIX = 'takt_template_'
// Older templates were left by a run that was killed; no test run lasts this long.
const STALE_AFTER_MS = 6 * 60 * 60 * 1000

// The migration list and every migration's source (an edited migration is never served stale), and for
// a dump also PGlite's version, whose data folder format may change.
async function fingerprintMigrations(extra = ''): Promise<string> {
  const hash = createHash('sha256').update(extra).update(MIGRATION_NAMES.join('\n'))
  const migrations = join(DB_FOLDER, 'migrations')
  for (const file of (await readdir(migrations)).sort()) {
    hash.update(`\n${file}\n`).update(await readFile(join(migrations, file)))
  }
  hash.update(await readFile(join(DB_FOLDER, 'migrate.ts')))
  return hash.digest('hex').slice(0, 16)
}

/** Writes (or finds from an earlier run) a dump of a migrated PGlite and returns its path. */
export async function preparePGliteTemplate(folder = CACHE_FOLDER): Promise<string> {
  // The packages do not export their package.json, so it is read from the folder.
  const versionOf = async (module: string) =>
    (JSON.parse(await readFile(join(NODE_MODULES, module, 'package.json'), 'utf8')) as { version: string })
      .version
  // Migration 0014 installs the job queue's schema as the installed pg-boss writes it.
  const versions = `pglite ${await versionOf('@electric-sql/pglite')}\npg-boss ${await versionOf('pg-boss')}\n`
  const name = `pglite-${await fingerprintMigrations(versions)}.tar`
  const path = join(folder, name)
  if (existsSync(path)) return path
  await mkdir(folder, { recursive: true })
  const pglite = await createPGlite()
  const opened = await wrapPGlite(pglite)
  let dump: Blob
  try {
    await migrateToLatest(opened.db)
    dump = await pglite.dumpDataDir('none')
  } finally {
    await opened.close()
  }
  // Written aside and renamed, so a run starting meanwhile never loads half a file.
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()))
  await rename(partial, path)
  for (const file of await readdir(folder)) {
    if (file.startsWith('pglite-') && file !== name) await rm(join(folder, file), { force: true })
  }
  return path
}

/**
 * Creates a migrated template database for this run alone (the random part keeps concurrent runs on
 * one server apart) and drops templates that killed runs left behind. drop() removes it afterwards.
 */
export async function preparePostgresTemplate(
  serverUrl: string,
  now = new Date(),
): Promise<{ name: string; drop: () => Promise<void> }> {
  await dropStalePostgresTemplates(serverUrl, now)
  const created = Math.floor(now.getTime() / 1000).toString(36)
  const name = `${POSTGRES_PREFIX}${await fingerprintMigrations()}_${created}_${randomBytes(4).toString('hex')}`
  const drop = () => runOnServer(serverUrl, `drop database if exists ${name} with (force)`)
  await runOnServer(serverUrl, `create database ${name}`)
  try {
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const opened = await openDatabase({ databaseUrl: url.toString() })
    try {
      await migrateToLatest(opened.db)
    } finally {
      await opened.close()
    }
    // A copy fails while anyone is connected to its template; no test can connect to this one.
    await runOnServer(serverUrl, `alter database ${name} allow_connections false`)
  } catch (error) {
    await drop()
    throw error
  }
  return { name, drop }
}

async function dropStalePostgresTemplates(serverUrl: string, now: Date): Promise<void> {
  const names = await queryServer<{ datname: string }>(
    serverUrl,
    `select datname from pg_database where datname like '${POSTGRES_PREFIX}%'`,
  )
  for (const { datname } of names) {
    const created = parseInt(datname.split('_')[3] ?? '', 36)
    if (!(now.getTime() - created * 1000 > STALE_AFTER_MS)) continue
    await runOnServer(serverUrl, `drop database if exists ${datname} with (force)`)
  }
}

/** Runs one statement on the server's own database (DATABASE_URL's). */
export async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  await queryServer(serverUrl, statement)
}

// A set but unreachable DATABASE_URL fails the suite: silently skipping would report PostgreSQL as
// tested when it was not.
async function queryServer<Row>(serverUrl: string, statement: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: serverUrl })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(`DATABASE_URL is set but its server cannot be reached; unset it to test on PGlite only`, {
      cause: error,
    })
  }
  try {
    return (await client.query(statement)).rows as Row[]
  } finally {
    await client.end()
  }
}
