// Health for load balancers and orchestrators, outside /api/v1 and without credentials:
// /healthz says the process is alive (never touches the database), /readyz that it can serve now
// (database reachable, schema migrated, not shutting down); a 503 takes the instance out of rotation.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { MIGRATION_NAMES } from '../../db/migrate.ts'
import { RETRY_AFTER_SECONDS } from '../../db/database-availability.ts'
import { sendDatabaseUnavailable, sendProblem } from '../problem.ts'

// A readiness check must answer well within a load balancer's probe timeout (typically 5 s).
const CHECK_TIMEOUT_MS = 2_000

export type Readiness = { draining: boolean }

export async function healthRoutes(app: FastifyInstance, db: Kysely<Database>, readiness: Readiness) {
  const Ok = Type.Object({ status: Type.Literal('ok') })
  let migrated = false

  app.get(
    '/healthz',
    { config: { rateLimit: false }, schema: { hide: true, response: { 200: Ok } } },
    async () => ({ status: 'ok' as const }),
  )

  app.get('/readyz', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    if (readiness.draining) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS))
      return sendProblem(reply, {
        code: 'SHUTTING_DOWN',
        detail: 'This instance is shutting down.',
      })
    }
    try {
      await withTimeout(sql`select 1`.execute(db), CHECK_TIMEOUT_MS)
      // Once current, the schema stays current for the life of this process.
      if (!migrated) migrated = await isSchemaCurrent(db)
    } catch (error) {
      app.databaseAvailability.reportFailure(error)
      return sendDatabaseUnavailable(reply)
    }
    if (!migrated) {
      return sendProblem(reply, {
        code: 'MIGRATIONS_PENDING',
        detail: 'The database schema is not at the version this build needs; run `takt migrate`.',
      })
    }
    return { status: 'ok' as const }
  })
}

async function isSchemaCurrent(db: Kysely<Database>): Promise<boolean> {
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
  const names = new Set(applied.rows.map((row) => row.name))
  return MIGRATION_NAMES.every((name) => names.has(name))
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('database check timed out'), { code: 'ETIMEDOUT' })),
      ms,
    )
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
