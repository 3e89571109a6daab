// Opens the store: embedded PGlite in a folder (zero configuration) or PostgreSQL from DATABASE_URL.
import { mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PGlite, type PGliteInterface, type PGliteOptions } from '@electric-sql/pglite'
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Logger } from 'pino'
import { PGliteDialect } from './pglite-dialect.ts'
import { PG_TYPES, PGLITE_SERIALIZERS, TYPE_PARSERS } from './type-parsers.ts'
import type { Database } from './tables.ts'

export type DatabaseKind = 'pglite' | 'postgres'

export type OpenDatabaseOptions = {
  /** postgres:// URL; wins over dataDir */
  databaseUrl?: string | undefined
  /** Takt's data folder (PGlite lives in <dataDir>/pglite), or 'memory://' for a throwaway database */
  dataDir?: string | undefined
  logger?: Pick<Logger, 'info' | 'warn'> | undefined
}

export type PoolUse = { totalCount: number; idleCount: number; waitingCount: number }

export type OpenedDatabase = {
  db: Kysely<Database>
  kind: DatabaseKind
  /** PostgreSQL only: the connection pool's counts, for metrics */
  pool?: PoolUse
  close(): Promise<void>
}

export const MEMORY = 'memory://'
const POOL_SIZE = 10
// An unreachable server (a black-holed address, a full backlog) fails a request after this long instead
// of holding it until the client gives up.
const CONNECT_TIMEOUT_MS = 3_000
// Sessions run in UTC on both drivers, so now()::date and timestamp text output never depend on the server's zone.
const SESSION_SETUP = "set time zone 'UTC'"

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.logger)
  if (options.dataDir) return openPGlite(options.dataDir, options.logger)
  throw new Error('openDatabase needs a databaseUrl or a dataDir')
}

async function openPostgres(url: string, logger: OpenDatabaseOptions['logger']): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    types: PG_TYPES,
    application_name: 'takt',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Finds connections whose server vanished without closing them (a failover, a cut network).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  })
  // A client whose server goes away emits 'error': while idle the pool's listener catches it, but while
  // checked out (between the statements of a transaction) nobody listens, and an unhandled 'error' event
  // ends the process. The statement in progress fails on its own and the pool drops the dead client.
  pool.on('connect', (client) => {
    client.on('error', (error) => logger?.warn({ err: error }, 'PostgreSQL connection lost'))
  })
  pool.on('error', (error) => logger?.warn({ err: error }, 'idle PostgreSQL connection lost'))
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: { connect: () => connectWhenFree(pool), end: () => pool.end() },
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw(SESSION_SETUP))
      },
    }),
  })
  logger?.info({ database: redactUrl(url) }, 'using PostgreSQL')
  return { db, kind: 'postgres', pool, close: () => db.destroy() }
}

// Every connection busy is load, not an outage: pg-pool fails a wait for a free connection with the
// same timeout error as an unreachable server, which would turn every request into a 503 and pause
// the jobs. While all connections exist (so the server answers) and are checked out, wait on.
const BUSY_WAIT_MS = 30_000

async function connectWhenFree(pool: pg.Pool): Promise<pg.PoolClient> {
  const giveUpAt = Date.now() + BUSY_WAIT_MS
  for (;;) {
    try {
      return await pool.connect()
    } catch (error) {
      const saturated = pool.totalCount >= POOL_SIZE && pool.idleCount === 0
      if (!saturated || Date.now() >= giveUpAt) throw error
    }
  }
}

async function openPGlite(dataDir: string, logger: OpenDatabaseOptions['logger']): Promise<OpenedDatabase> {
  let location: string | undefined
  if (dataDir !== MEMORY) {
    location = resolve(join(dataDir, 'pglite'))
    await mkdir(location, { recursive: true })
  }
  return wrapPGlite(await createPGlite({ dataDir: location }), logger, location ?? MEMORY)
}

/** A PGlite with Takt's settings, in memory unless given a dataDir. */
export async function createPGlite(
  options: Pick<PGliteOptions, 'dataDir' | 'loadDataDir'> = {},
): Promise<PGlite> {
  return PGlite.create({
    ...options,
    // Recovery after a crash (or from a dump) arms a progress timer that PGlite never clears,
    // which keeps Node from exiting after close().
    postgresqlconf: ['log_startup_progress_interval = 0'],
  })
}

/** Puts Kysely on an open PGlite, e.g. one that tests loaded from a dump of a migrated database. */
export async function wrapPGlite(
  pglite: PGliteInterface,
  logger?: OpenDatabaseOptions['logger'],
  location = MEMORY,
): Promise<OpenedDatabase> {
  await pglite.exec(SESSION_SETUP)
  const types = { parsers: TYPE_PARSERS, serializers: PGLITE_SERIALIZERS }
  const reopen = location === MEMORY ? undefined : () => reopenPGlite(location, logger)
  const db = new Kysely<Database>({
    dialect: new PGliteDialect({ pglite, types, ...(reopen ? { reopen } : {}) }),
  })
  logger?.info({ dataDir: location }, 'using embedded PGlite')
  return { db, kind: 'pglite', close: () => db.destroy() }
}

// Only a folder that still holds a database: PGlite would quietly create an empty one in a missing folder.
async function reopenPGlite(
  location: string,
  logger: OpenDatabaseOptions['logger'],
): Promise<PGliteInterface> {
  if (!existsSync(join(location, 'PG_VERSION'))) throw new Error(`no database in ${location}`)
  logger?.warn({ dataDir: location }, 'embedded PGlite stopped; opening it again')
  const pglite = await createPGlite({ dataDir: location })
  await pglite.exec(SESSION_SETUP)
  return pglite
}

function redactUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}
