// PostgreSQL drops Takt's connections while a client streams touchpoints: first an administrator's
// pg_terminate_backend, again and again, then a cut at a TCP proxy (what a failover or a restart does).
// The process stays up, answers 503 problem+json with Retry-After meanwhile, serves again within 5 s,
// and every acknowledged event is stored exactly once with `takt verify` clean.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { createFaultFixture, type FaultFixture } from '../testing/fault-fixture.ts'
import { startServerProcess, type ServerProcess } from '../testing/server-process.ts'
import { streamEvents, type StreamReport } from '../testing/event-stream.ts'
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy.ts'

const EVENTS = 6_000
const BATCH = 200
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

if (TEST_DIALECTS.includes('postgres')) {
  describe('connection loss (postgres)', () => {
    let fixture: FaultFixture | undefined
    let server: ServerProcess | undefined
    let proxy: TcpProxy | undefined
    let admin: pg.Client | undefined
    after(async () => {
      await server?.kill('SIGKILL')
      await proxy?.close()
      await admin?.end()
      await fixture?.drop()
    })

    it('survives terminated backends and a cut connection, and loses nothing acknowledged', async () => {
      fixture = await createFaultFixture('postgres', EVENTS)
      const direct = new URL(fixture.env.DATABASE_URL!)
      proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
      const throughProxy = new URL(direct)
      throughProxy.port = String(proxy.port)
      server = await startServerProcess({ DATABASE_URL: throughProxy.toString() })
      const url = server.url
      admin = new pg.Client({ connectionString: direct.toString() })
      await admin.connect()

      const streaming = streamEvents({
        baseUrl: () => url,
        key: fixture.ingestKey,
        events: fixture.events,
        batchSize: BATCH,
      })
      // Phase 1: an administrator terminates every backend of Takt's, repeatedly, while batches are stored.
      let terminated = 0
      for (let round = 0; round < 12; round++) {
        await pause(250)
        const result = await admin.query<{ pid: number }>(
          'select pg_terminate_backend(pid) as pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [fixture.databaseName],
        )
        terminated += result.rowCount ?? 0
      }
      assert.ok(terminated > 0, 'backends were terminated')

      // Phase 2: the network to the database is cut for three seconds.
      proxy.cut()
      const cutAt = Date.now()
      await pause(300)
      const during = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fixture.ingestKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: fixture.events.slice(0, 1) }),
      })
      assert.equal(during.status, 503)
      assert.equal(during.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      assert.ok(Number(during.headers.get('retry-after')) > 0)
      assert.equal(((await during.json()) as { code: string }).code, 'DATABASE_UNAVAILABLE')
      const readyDuring = await fetch(`${url}/readyz`)
      assert.equal(readyDuring.status, 503)
      assert.equal((await fetch(`${url}/healthz`)).status, 200, 'alive, though not ready')
      await pause(Math.max(0, 3_000 - (Date.now() - cutAt)))
      proxy.restore()
      const restoredAt = Date.now()
      while ((await fetch(`${url}/readyz`)).status !== 200) {
        assert.ok(Date.now() - restoredAt < 5_000, 'ready again within 5 s of the database coming back')
        await pause(50)
      }

      const report: StreamReport = await streaming
      assert.equal(server.child.exitCode, null, `the process is alive:\n${server.output()}`)
      assert.doesNotMatch(server.output(), /Emitted 'error' event|uncaught/i)
      assert.equal(report.acknowledged.size, EVENTS)
      assert.ok(report.unavailable.length > 0, 'the stream was told to retry')
      for (const answer of report.unavailable) {
        assert.equal(answer.status, 503)
        assert.equal(answer.code, 'DATABASE_UNAVAILABLE')
        assert.equal(answer.contentType, 'application/problem+json; charset=utf-8')
        assert.ok(Number(answer.retryAfter) > 0)
      }

      assert.equal(await server.kill('SIGTERM'), 0)
      server = undefined
      const stored = await fixture.storedEvents()
      assert.equal(stored.rows, EVENTS)
      for (const id of report.acknowledged) assert.ok(stored.ids.has(id), `acknowledged ${id} is stored`)
      const verified = await fixture.verify()
      assert.equal(verified.code, 0, verified.output)
      assert.match(verified.output, / 0 differences/)
    })
  })
}
