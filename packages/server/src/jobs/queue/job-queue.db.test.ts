// The job queue on both drivers: enqueued in the caller's transaction, run once however many instances
// work the queue, retried when it fails with its error kept.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql, type Kysely } from 'kysely'
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../testing/test-database.ts'
import { openDatabase } from '../../db/database.ts'
import type { Database } from '../../db/tables.ts'
import { createJobQueue, enqueue, enqueueMany, type JobQueue } from './job-queue.ts'
import { periodicQueue } from './periodic-round.ts'

const SILENT = { warn: () => {}, error: () => {} }
const QUEUES = [
  { name: 'test-echo', retryLimit: 0 },
  { name: 'test-flaky', retryLimit: 2, retryDelay: 0 },
  { name: 'test-broken', retryLimit: 1, retryDelay: 0 },
  { name: 'test-shared', retryLimit: 0 },
  periodicQueue('test-round'),
]

function startQueue(db: Kysely<Database>, databaseUrl?: string): JobQueue {
  return createJobQueue({ db, databaseUrl, queues: QUEUES, log: SILENT, pollingIntervalSeconds: 0.5 })
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

async function jobRow(db: Kysely<Database>, id: string) {
  const { rows } = await sql<{ state: string; retry_count: number; output: { message?: string } | null }>`
    select state::text, retry_count, output from pgboss.job where id = ${id}`.execute(db)
  return rows[0]
}

for (const kind of TEST_DIALECTS) {
  describe(`the job queue (${kind})`, () => {
    let database: TestDatabase
    let queue: JobQueue
    const echoed: string[] = []
    let flakyRuns = 0

    before(async () => {
      database = await createTestDatabase(kind)
      queue = startQueue(database.db, database.url)
      await queue.start()
      await queue.work<{ label: string }>('test-echo', async ({ label }) => {
        echoed.push(label)
      })
      await queue.work('test-flaky', async (_data, job) => {
        flakyRuns++
        await job.progress(0.5, 'half way')
        if (job.retryCount === 0) throw new Error('receiver timed out')
      })
      await queue.work('test-broken', async () => {
        throw new Error('the agreement has no SLA')
      })
    })
    after(async () => {
      await queue.stop()
      await database.close()
    })

    test('a job enqueued in a transaction that rolls back never runs', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await enqueue(trx, 'test-echo', { label: 'rolled back' })
          throw new Error('the use case failed after enqueueing')
        }),
        /the use case failed/,
      )
      // A job committed after it runs; by then the rolled-back one would have run too.
      await database.db.transaction().execute((trx) => enqueue(trx, 'test-echo', { label: 'committed' }))
      await until(() => echoed.includes('committed'), 'the committed job')
      await sleep(1_500)
      assert.deepEqual(echoed, ['committed'])
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job where data->>'label' = 'rolled back'`.execute(database.db)
      assert.equal(rows[0]?.n, 0)
    })

    test('the same job id enqueued twice is one job', async () => {
      const id = randomUUID()
      const first = await enqueue(
        database.db,
        'test-echo',
        { label: 'once' },
        { id, startAfter: new Date(Date.now() + 60_000) },
      )
      const second = await enqueue(database.db, 'test-echo', { label: 'once' }, { id })
      assert.equal(first, id)
      assert.equal(second, null)
    })

    test('a failed job is retried, and one that keeps failing shows its error', async () => {
      const flaky = await enqueue(database.db, 'test-flaky', {})
      const broken = await enqueue(database.db, 'test-broken', {})
      assert.ok(flaky && broken)
      await until(async () => (await jobRow(database.db, flaky))?.state === 'completed', 'the retried job')
      assert.equal(flakyRuns, 2)
      assert.equal((await jobRow(database.db, flaky))?.retry_count, 1)
      await until(async () => (await jobRow(database.db, broken))?.state === 'failed', 'the failing job')
      const failed = await jobRow(database.db, broken)
      assert.equal(failed?.retry_count, 1)
      assert.equal(failed?.output?.message, 'the agreement has no SLA')
    })

    test('a round whose process was killed stops beating, and the next round runs within seconds', async () => {
      const runs: number[] = []
      await queue.work<{ n: number }>('test-round', async ({ n }) => {
        runs.push(n)
      })
      // The round a killed instance was running: active, with its last beat a minute ago. Sent to start
      // later, so no worker takes it before it is made so.
      const dead = await enqueue(
        database.db,
        'test-round',
        { n: 0 },
        { singletonKey: 'round', startAfter: new Date(Date.now() + 3_600_000) },
      )
      await sql`update pgboss.job set state = 'active', start_after = now() - interval '1 minute',
          started_on = now() - interval '1 minute', heartbeat_on = now() - interval '1 minute'
        where name = 'test-round' and id = ${dead}`.execute(database.db)
      // A stately queue runs one round at a time: this one waits for the dead one to be failed.
      await enqueue(database.db, 'test-round', { n: 1 }, { singletonKey: 'round' })
      await until(() => runs.includes(1), 'the next round', 45_000)
      // The dead round itself is retried rather than lost.
      await until(() => runs.includes(0), 'the dead round, retried', 45_000)
    })

    test('a job runs exactly once across two instances working the same queue', async () => {
      // PostgreSQL: a second instance with its own pools, as a second server process has. PGlite is one
      // process's database: the second instance shares its connection.
      const second = kind === 'postgres' ? await openDatabase({ databaseUrl: database.url }) : undefined
      const other = startQueue(second?.db ?? database.db, database.url)
      await other.start()
      const runs = new Map<string, string[]>()
      const record = (instance: string) => async (data: { n: number }) => {
        const key = String(data.n)
        runs.set(key, [...(runs.get(key) ?? []), instance])
        await sleep(5)
      }
      try {
        await queue.work('test-shared', record('first'), { batchSize: 5 })
        await other.work('test-shared', record('second'), { batchSize: 5 })
        const jobs = Array.from({ length: 60 }, (_, n) => ({ data: { n } }))
        await database.db.transaction().execute((trx) => enqueueMany(trx, 'test-shared', jobs))
        await until(() => runs.size === jobs.length, 'every shared job')
        await sleep(1_500)
        for (const [key, instances] of runs)
          assert.equal(instances.length, 1, `job ${key} ran ${instances.length} times`)
        const instances = new Set([...runs.values()].flat())
        if (kind === 'postgres') assert.equal(instances.size, 2, 'both instances took jobs')
      } finally {
        await other.stop()
        await second?.close()
      }
    })
  })
}
