// SIGTERM in the middle of a stream: the batch being stored is finished and acknowledged before the
// process exits with 0, nothing acknowledged is lost, and after a restart the stream completes.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { createFaultFixture, type FaultFixture } from '../testing/fault-fixture.ts'
import { startServerProcess, type ServerProcess } from '../testing/server-process.ts'
import { streamEvents } from '../testing/event-stream.ts'

const EVENTS = 4_000
const BATCH = 1_000
const STOP_AT_BATCH = 1

for (const kind of TEST_DIALECTS) {
  describe(`graceful shutdown (${kind})`, () => {
    let fixture: FaultFixture | undefined
    let server: ServerProcess | undefined
    after(async () => {
      await server?.kill('SIGKILL')
      await fixture?.drop()
    })

    it('finishes the batch in progress on SIGTERM, exits 0 and loses nothing', async () => {
      fixture = await createFaultFixture(kind, EVENTS)
      server = await startServerProcess(fixture.env)
      const port = server.port
      let stopping: Promise<void> | undefined
      let exitCode: number | string | undefined
      const attempts = new Map<number, number>()
      const report = await streamEvents({
        baseUrl: () => `http://127.0.0.1:${port}`,
        key: fixture.ingestKey,
        events: fixture.events,
        batchSize: BATCH,
        onSending: (batch) => {
          attempts.set(batch, (attempts.get(batch) ?? 0) + 1)
          if (batch !== STOP_AT_BATCH || stopping) return
          stopping = (async () => {
            // Long enough for the request to have reached the server, well before 1,000 events are stored.
            await new Promise((resolve) => setTimeout(resolve, 150))
            exitCode = await server!.kill('SIGTERM')
            server = await startServerProcess(fixture!.env, port)
          })()
        },
      })
      await stopping
      assert.equal(exitCode, 0, 'a graceful stop exits 0')
      assert.equal(attempts.get(STOP_AT_BATCH), 1, 'the batch in progress was answered, not dropped')
      assert.equal(report.acknowledged.size, EVENTS)
      await server!.stop()
      server = undefined
      const stored = await fixture.storedEvents()
      assert.equal(stored.rows, EVENTS)
      const verified = await fixture.verify()
      assert.equal(verified.code, 0, verified.output)
    })
  })
}
