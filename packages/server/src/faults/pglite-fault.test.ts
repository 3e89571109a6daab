// The embedded database dies under a running app (its instance stops, and its folder is briefly out
// of reach): requests are answered 503 with Retry-After meanwhile, the process stays up, and once the
// folder is back the app opens it again and serves within 5 s, with every stored event still there.
import { after, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPGlite, wrapPGlite, type OpenedDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { buildApp } from '../http/app.ts'
import { seedStreamWorkspace } from '../testing/event-stream.ts'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
let folder: string | undefined
let database: OpenedDatabase | undefined
after(async () => {
  await database?.close()
  if (folder) await rm(folder, { recursive: true, force: true })
})

it('answers 503 while the embedded database is gone and serves again once it is back', async () => {
  folder = await mkdtemp(join(tmpdir(), 'takt-pglite-fault-'))
  const location = join(folder, 'pglite')
  const pglite = await createPGlite({ dataDir: location })
  database = await wrapPGlite(pglite, undefined, location)
  await migrateToLatest(database.db)
  const stream = await seedStreamWorkspace(database.db, 40)
  const app = await buildApp({
    db: database.db,
    clock: () => new Date(),
    secureCookies: false,
    logLevel: 'silent',
  })
  const headers = { authorization: `Bearer ${stream.ingestKey}`, 'content-type': 'application/json' }
  const ingest = (events: typeof stream.events) =>
    app.inject({ method: 'POST', url: '/api/v1/events', headers, payload: { events } })
  assert.equal((await ingest(stream.events.slice(0, 20))).statusCode, 200)

  await rename(location, `${location}-away`)
  await pglite.close()
  const refused = await ingest(stream.events.slice(20))
  assert.equal(refused.statusCode, 503)
  assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  assert.ok(Number(refused.headers['retry-after']) > 0)
  assert.equal(refused.json().code, 'DATABASE_UNAVAILABLE')
  assert.equal((await app.inject({ url: '/readyz' })).statusCode, 503)
  assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200)

  await rename(`${location}-away`, location)
  const backAt = Date.now()
  while ((await app.inject({ url: '/readyz' })).statusCode !== 200) {
    assert.ok(Date.now() - backAt < 5_000, 'serving again within 5 s')
    await pause(50)
  }
  const retried = await ingest(stream.events.slice(20))
  assert.equal(retried.statusCode, 200, retried.body)
  assert.equal(retried.json().accepted, 20)
  const again = await ingest(stream.events.slice(0, 20))
  assert.equal(again.json().duplicate, 20, 'the events stored before the fault are all still there')
  await app.close()
})
