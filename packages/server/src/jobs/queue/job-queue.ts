// The job queue: pg-boss on the application's own database, on PostgreSQL and on PGlite alike.
// - Jobs are enqueued with the caller's executor, so a job sent in a transaction that rolls back never
//   exists. The insert is pg-boss's own statement (plans.insertJobs), so no started queue is needed to
//   enqueue: the CLI, the test apps and any request can, and a worker somewhere picks the job up.
// - PostgreSQL: pg-boss keeps its own small pool, as a pooled client needs for its locked maintenance
//   blocks (several statements in one query, whose rows Kysely's driver would drop).
// - PGlite: one connection, shared with every request under the dialect's mutex (pglite-dialect.ts).
//   pg-boss's statements queue for it like any query and never hold it across an await of their own,
//   so polling and maintenance cannot deadlock with requests; a handler must not wait for the queue's
//   own statements (progress) inside a transaction it holds, just as it must not use db inside trx.
import assert from 'node:assert/strict'
import { CompiledQuery, sql, type Kysely } from 'kysely'
import { PgBoss, type Db as IDatabase, type Job, type Queue } from 'pg-boss'
import { COMMON_JOB_TABLE, insertJobs } from 'pg-boss/dist/plans.js'
import type { Database } from '../../db/tables.ts'
import { scriptQuery } from '../../db/pglite-dialect.ts'
import { QUEUE_SCHEMA } from '../../db/migrations/0014-job-queue.ts'
import type { DatabaseAvailability } from '../../db/database-availability.ts'

/** Told of each finished round of work and each failed job (metrics). */
export type JobObserver = {
  round(job: string, done: number): void
  failure(job: string): void
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'

export type EnqueueOptions = {
  /** not before this instant */
  startAfter?: Date
  /** a second job with the same id is not added (idempotent enqueue) */
  id?: string
  singletonKey?: string
}

/** What a handler gets besides the job's data. */
export type JobContext = {
  id: string
  /** 0 on the first run, n on the n-th retry */
  retryCount: number
  /** aborted when the job is cancelled (noticed at the next progress report) or the queue stops */
  signal: AbortSignal
  /** Records how far the job is (0…1) for the Jobs view; false once the job was cancelled. */
  progress(fraction: number, note?: string): Promise<boolean>
}

/** May return how many items it worked on (leads, deliveries): that is a round for the metrics. */
export type JobHandler<T> = (data: T, job: JobContext) => Promise<number | void>

export type WorkOptions = {
  /** jobs fetched at once; a batch handler gets them together */
  batchSize?: number
  pollingIntervalSeconds?: number
}

export type JobQueue = {
  start(): Promise<void>
  /** Stops fetching and waits for the handlers in progress. */
  stop(): Promise<void>
  work<T extends object>(name: string, handler: JobHandler<T>, options?: WorkOptions): Promise<void>
  /** For handlers that are cheaper per batch: all fetched jobs at once, completed or failed together. */
  workBatch<T extends object>(
    name: string,
    handler: (jobs: Array<{ data: T; context: JobContext }>) => Promise<number | void>,
    options?: WorkOptions,
  ): Promise<void>
}

/** A queue's policy and retries; see pg-boss's Queue. */
export type QueueDefinition = Queue

export type JobQueueOptions = {
  db: Kysely<Database>
  /** created at start when missing (migration 0014 made the first ones), their options kept current */
  queues: readonly QueueDefinition[]
  /** PostgreSQL: pg-boss's own pool connects here; absent: PGlite through db */
  databaseUrl?: string | undefined
  log: { warn(object: object, message: string): void; error(object: object, message: string): void }
  /** told of each batch whose handler returned a count, and of each failure */
  observer?: JobObserver | undefined
  /** while it reports an outage, the queue's failed polls are not logged one by one */
  database?: Pick<DatabaseAvailability, 'reportFailure'> | undefined
  pollingIntervalSeconds?: number
}

const QUEUE_NAME = /^[a-z][a-z0-9-]{0,62}$/
const POOL_SIZE = 4

/** Adds one job; null when a job with its id exists already. */
export async function enqueue(
  executor: Kysely<Database>,
  name: string,
  data: object,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const [id] = await enqueueMany(executor, name, [{ data, ...options }])
  return id ?? null
}

/** Adds several jobs of one queue in one statement; returns the ids of those that were new. */
export async function enqueueMany(
  executor: Kysely<Database>,
  name: string,
  jobs: ReadonlyArray<{ data: object } & EnqueueOptions>,
): Promise<string[]> {
  // pg-boss writes the queue's name into the statement itself.
  assert.match(name, QUEUE_NAME)
  if (jobs.length === 0) return []
  const payload = jobs.map((job) => ({
    data: job.data,
    ...(job.id ? { id: job.id } : {}),
    ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}),
    ...(job.startAfter ? { startAfter: job.startAfter.toISOString() } : {}),
  }))
  const text = insertJobs(QUEUE_SCHEMA, { table: COMMON_JOB_TABLE, name, returnId: true })
  const result = await executor.executeQuery<{ id: string }>(
    CompiledQuery.raw(text, [JSON.stringify(payload)]),
  )
  return result.rows.map((row) => row.id)
}

export function createJobQueue(options: JobQueueOptions): JobQueue & { boss: PgBoss } {
  const { db, log, observer } = options
  const boss = new PgBoss({
    ...(options.databaseUrl
      ? { connectionString: options.databaseUrl, max: POOL_SIZE, application_name: 'takt-jobs' }
      : // Index rebuilds are CONCURRENTLY, a server's tool; an embedded database is small enough without.
        { db: pgliteAdapter(db), backend: 'pglite' as const, reindex: false }),
    schema: QUEUE_SCHEMA,
    // The schema comes with migration 0014; a newer pg-boss migrates it at start.
    migrate: true,
    createSchema: false,
    // Nothing here uses cron schedules: periodic work schedules its next round itself.
    schedule: false,
    // Jobs that stopped beating (their process was killed) are failed, and expired ones retried, within
    // about 10 s rather than pg-boss's default minute (see periodic-round.ts).
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    registerInstance: false,
    openTelemetry: { enabled: false },
  })
  boss.on('error', (error) => {
    if (!options.database?.reportFailure(error)) log.error({ err: error }, 'job queue error')
  })
  boss.on('warning', (warning) => log.warn({ warning }, 'job queue warning'))
  const stopping = new AbortController()
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1

  const contextOf = (job: Job<object>): JobContext => {
    const cancelled = new AbortController()
    const signal = AbortSignal.any([cancelled.signal, stopping.signal, job.signal])
    return {
      id: job.id,
      retryCount: job.retryCount,
      signal,
      async progress(fraction, note) {
        const value = JSON.stringify({
          progress: Math.max(0, Math.min(1, fraction)),
          ...(note ? { note } : {}),
        })
        const { rows } = await sql<{ id: string }>`
          update ${sql.table(`${QUEUE_SCHEMA}.job`)} set output = ${value}::jsonb
          where name = ${job.name} and id = ${job.id} and state = 'active' returning id`.execute(db)
        if (rows.length === 0) cancelled.abort(new Error('job cancelled'))
        return rows.length > 0
      },
    }
  }

  const workBatch: JobQueue['workBatch'] = async (name, handler, work = {}) => {
    await boss.work<object>(
      name,
      {
        batchSize: work.batchSize ?? 1,
        pollingIntervalSeconds: work.pollingIntervalSeconds ?? pollingIntervalSeconds,
      },
      async (jobs) => {
        try {
          const done = await handler(
            jobs.map((job) => ({ data: job.data as never, context: contextOf(job) })),
          )
          if (typeof done === 'number') observer?.round(name, done)
        } catch (error) {
          observer?.failure(name)
          // The queue retries it; while the database is away, one line says so for every job.
          if (!options.database?.reportFailure(error))
            log.error({ err: error, job: name, ids: jobs.map((job) => job.id) }, `${name} failed`)
          throw error
        }
        // Completed jobs keep their last progress in the Jobs view.
        return { progress: 1 }
      },
    )
  }

  return {
    boss,
    async start() {
      await boss.start()
      for (const { name, ...definition } of options.queues) {
        if (await boss.getQueue(name)) await boss.updateQueue(name, withoutPolicy(definition))
        else await boss.createQueue(name, definition)
      }
    },
    async stop() {
      stopping.abort(new Error('job queue stopping'))
      await boss.stop({ graceful: true, close: true, timeout: 30_000 })
    },
    work: (name, handler, work) =>
      workBatch(
        name,
        async (jobs) => {
          let done: number | undefined
          for (const job of jobs) {
            const count = await handler(job.data as never, job.context)
            if (typeof count === 'number') done = (done ?? 0) + count
          }
          return done
        },
        work,
      ),
    workBatch,
  }
}

// A queue's policy is fixed when it is created.
function withoutPolicy(definition: Omit<QueueDefinition, 'name'>) {
  const { policy, partition, ...rest } = definition
  void policy
  void partition
  return rest
}

// pg-boss on the dialect's single connection. Statements with values are one statement each; those
// without may be a BEGIN … COMMIT block, which goes through exec and, if it fails halfway, is rolled
// back before the connection is handed on: otherwise the next request would find an aborted transaction.
function pgliteAdapter(db: Kysely<Database>): IDatabase {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await db.executeQuery(CompiledQuery.raw(text, values))
        return { rows: [...result.rows] }
      }
      return db.connection().execute(async (connection) => {
        try {
          const result = await connection.executeQuery(scriptQuery(text))
          return { rows: [...result.rows] }
        } catch (error) {
          await sql`rollback`.execute(connection).catch(() => {})
          throw error
        }
      })
    },
  }
}
