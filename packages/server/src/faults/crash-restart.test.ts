// SIGKILL during a retrying stream of touchpoints, three times, on PostgreSQL and on PGlite: every
// event the server acknowledged is stored exactly once, and `takt verify` rebuilds every lead identically.
// The same for touchpoints sent with respond-async, killed while they are queued and while applied.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { createFaultFixture, type FaultFixture } from '../testing/fault-fixture.ts'
import { startServerProcess, type ServerProcess } from '../testing/server-process.ts'
import { streamEvents } from '../testing/event-stream.ts'

const EVENTS = 20_000
const BATCH = 500
const KILL_AT_BATCHES = [8, 18, 29]

for (const kind of TEST_DIALECTS) {
  describe(`crash and restart (${kind})`, () => {
    let fixture: FaultFixture | undefined
    let server: ServerProcess | undefined
    after(async () => {
      server?.child.kill('SIGKILL')
      await fixture?.drop()
    })

    it('stores every acknowledged event exactly once across three SIGKILLs and verifies clean', async () => {
      fixture = await createFaultFixture(kind, EVENTS)
      server = await startServerProcess(fixture.env)
      const port = server.port
      const kills: Array<Promise<void>> = []
      const killed = new Set<number>()
      const report = await streamEvents({
        baseUrl: () => `http://127.0.0.1:${port}`,
        key: fixture.ingestKey,
        events: fixture.events,
        batchSize: BATCH,
        onSending: (batch) => {
          if (!KILL_AT_BATCHES.includes(batch) || killed.has(batch)) return
          killed.add(batch)
          // While the batch is on its way or being stored: the worst moment for half-written state.
          kills.push(
            (async () => {
              await new Promise((resolve) => setTimeout(resolve, 30 + 60 * killed.size))
              const code = await server!.kill('SIGKILL')
              assert.equal(code, 'SIGKILL')
              server = await startServerProcess(fixture!.env, port)
            })(),
          )
        },
      })
      await Promise.all(kills)
      assert.equal(killed.size, KILL_AT_BATCHES.length)
      assert.ok(report.networkErrors > 0, 'the stream saw the server go away')
      assert.equal(report.acknowledged.size, EVENTS)

      assert.equal(await server.kill('SIGTERM'), 0)
      server = undefined
      const stored = await fixture.storedEvents()
      assert.equal(stored.rows, EVENTS, 'no event is stored twice or lost')
      assert.equal(stored.distinctIds, EVENTS)
      for (const id of report.acknowledged) assert.ok(stored.ids.has(id), `acknowledged ${id} is stored`)
      const verified = await fixture.verify()
      assert.equal(verified.code, 0, verified.output)
      assert.match(verified.output, / 0 differences/)
    })
  })

  describe(`crash and restart with asynchronous ingestion (${kind})`, () => {
    let fixture: FaultFixture | undefined
    let server: ServerProcess | undefined
    after(async () => {
      server?.child.kill('SIGKILL')
      await fixture?.drop()
    })

    it('applies every acknowledged event exactly once across SIGKILLs while queueing and while applying', async () => {
      fixture = await createFaultFixture(kind, ASYNC_EVENTS)
      server = await startServerProcess(fixture.env)
      const port = server.port
      const restart = async () => {
        assert.equal(await server!.kill('SIGKILL'), 'SIGKILL')
        server = await startServerProcess(fixture!.env, port)
      }
      const kills: Array<Promise<void>> = []
      const ingestKey = fixture.ingestKey
      const stream = (events: FaultFixture['events'], onSending?: (batch: number) => void) =>
        streamEvents({
          baseUrl: () => `http://127.0.0.1:${port}`,
          key: ingestKey,
          events,
          batchSize: BATCH,
          respondAsync: true,
          ...(onSending ? { onSending } : {}),
        })
      const head = fixture.events.slice(0, ASYNC_EVENTS - ASYNC_BURST)
      const report = await stream(head, (batch) => {
        if (batch === ASYNC_KILL_AT_BATCH && kills.length === 0) kills.push(pause(40).then(restart))
      })
      await Promise.all(kills)
      // The last batches at once: acknowledged together, far faster than they can be applied, so the
      // second kill finds them queued however fast or loaded the machine (one by one, the queue can keep
      // pace with the stream and be empty by its end).
      const burst = fixture.events.slice(head.length)
      const tails = await Promise.all(
        Array.from({ length: burst.length / BATCH }, (_, index) =>
          stream(burst.slice(index * BATCH, (index + 1) * BATCH)),
        ),
      )
      for (const tail of tails) for (const id of tail.acknowledged) report.acknowledged.add(id)
      assert.equal(report.acknowledged.size, ASYNC_EVENTS)
      // Acknowledged is not yet applied: killed while the queue drains, the rest is applied after the
      // restart, in transactions that either stored a chunk and took it off the queue or did neither.
      // What was queued at the kill is read from the database while no server holds it (over HTTP, on
      // PGlite the read would wait behind the applying transactions).
      assert.equal(await server.kill('SIGKILL'), 'SIGKILL')
      const left = await fixture.queuedEvents()
      assert.ok(left > 0, 'the kill comes while touchpoints are still queued')
      server = await startServerProcess(fixture.env, port)
      const queue = async () => (await fetchQueue(port, ingestKey)).queued
      await until(async () => (await queue()) === 0, 'the queue drains after the restart', 120_000)

      assert.equal(await server.kill('SIGTERM'), 0)
      server = undefined
      const stored = await fixture.storedEvents()
      assert.equal(
        stored.rows,
        ASYNC_EVENTS,
        `no event is stored twice or lost (${left} were queued at the kill)`,
      )
      assert.equal(stored.distinctIds, ASYNC_EVENTS)
      for (const id of report.acknowledged) assert.ok(stored.ids.has(id), `acknowledged ${id} is stored`)
      const verified = await fixture.verify()
      assert.equal(verified.code, 0, verified.output)
      assert.match(verified.output, / 0 differences/)
    })
  })
}

const ASYNC_EVENTS = 6_000
const ASYNC_KILL_AT_BATCH = 4
/** sent as concurrent batches of BATCH at the end */
const ASYNC_BURST = 2_000

async function fetchQueue(port: number, key: string): Promise<{ queued: number }> {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/events/queue`, {
        headers: { authorization: `Bearer ${key}` },
      })
      if (response.ok) return (await response.json()) as { queued: number }
    } catch {
      // restarting
    }
    await pause(100)
  }
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await pause(50)
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
