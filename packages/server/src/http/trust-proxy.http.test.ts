// Behind a reverse proxy every caller arrives from the proxy's address; with TAKT_TRUST_PROXY the
// per-address limits count the real client from X-Forwarded-For, and without it nobody can pick their
// own address by sending the header.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts'

describe('trusted proxies', () => {
  let database: TestDatabase
  before(async () => {
    database = await createTestDatabase('pglite')
  })
  after(async () => database.close())

  const appWith = (trustProxy: boolean | readonly string[]) =>
    buildApp({
      db: database.db,
      clock: () => new Date(),
      secureCookies: false,
      logLevel: 'silent',
      rateLimitPerMinute: 2,
      trustProxy,
    })
  const statuses = async (app: FastifyInstance, client: string) => {
    const answers = []
    for (let call = 0; call < 3; call++) {
      const response = await app.inject({ url: '/api/v1/setup', headers: { 'x-forwarded-for': client } })
      answers.push(response.statusCode)
    }
    return answers
  }

  it('gives each forwarded client its own budget when the proxy is trusted', async () => {
    const app = await appWith(['127.0.0.1'])
    assert.deepEqual(await statuses(app, '203.0.113.7'), [200, 200, 429])
    assert.deepEqual(await statuses(app, '203.0.113.8'), [200, 200, 429])
    await app.close()
  })

  it('ignores X-Forwarded-For from callers it does not trust', async () => {
    const app = await appWith(false)
    assert.deepEqual(await statuses(app, '203.0.113.7'), [200, 200, 429])
    assert.deepEqual(await statuses(app, '203.0.113.8'), [429, 429, 429])
    await app.close()
  })
})
