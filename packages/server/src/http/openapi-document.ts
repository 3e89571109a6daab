// The OpenAPI document of this server, without a database or a port: for generating the web app's
// typed API client and for the test that keeps that client in step with the routes.
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from '../db/tables.ts'
import { buildApp } from './app.ts'

export async function openApiDocument(): Promise<Record<string, unknown>> {
  // Never connected: building the app and its document runs no query.
  const pool = new pg.Pool({ max: 1 })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const app = await buildApp({ db, clock: () => new Date(0), secureCookies: false, logLevel: 'silent' })
  try {
    await app.ready()
    return app.swagger() as unknown as Record<string, unknown>
  } finally {
    await app.close()
    await pool.end()
  }
}
