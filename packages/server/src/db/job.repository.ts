// The Jobs view's reads and commands. Requests run as takt_tenant, which cannot read the queue's
// tables: the functions of migration 0014 run as the owner and show the caller's workspace's jobs and
// the system's, never another workspace's.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { JobState } from '../jobs/queue/job-queue.ts'

export type JobSummary = {
  id: string
  queue: string
  state: JobState
  retryCount: number
  retryLimit: number
  /** 0…1 as the handler last reported it; 1 once completed; null when it never reported */
  progress: number | null
  note: string | null
  /** the last attempt's error message (failed, or waiting for its retry) */
  error: string | null
  createdAt: Date
  startAfter: Date
  startedAt: Date | null
  completedAt: Date | null
}

type JobRow = {
  id: string
  name: string
  state: JobState
  retry_count: number
  retry_limit: number
  output: Record<string, unknown> | null
  created_on: Date
  start_after: Date
  started_on: Date | null
  completed_on: Date | null
}

export const jobRepository = {
  async list(db: Kysely<Database>, filter: { state?: JobState; limit: number }): Promise<JobSummary[]> {
    const { rows } =
      await sql<JobRow>`select * from takt_jobs(${filter.state ?? null}, null, ${filter.limit})`.execute(db)
    return rows.map(toSummary)
  },

  async find(db: Kysely<Database>, id: string): Promise<JobSummary | undefined> {
    const { rows } = await sql<JobRow>`select * from takt_jobs(null, ${id}::uuid, 1)`.execute(db)
    return rows[0] && toSummary(rows[0])
  },

  /** Puts a failed job back in line for one more attempt; false when it is not failed. */
  async retry(db: Kysely<Database>, id: string): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`select takt_retry_job(${id}::uuid) as n`.execute(db)
    return rows[0]?.n === 1
  },

  /** Cancels a job that has not finished; false when it has. A running handler stops at its next progress report. */
  async cancel(db: Kysely<Database>, id: string): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`select takt_cancel_job(${id}::uuid) as n`.execute(db)
    return rows[0]?.n === 1
  },
}

function toSummary(row: JobRow): JobSummary {
  const output = row.output ?? {}
  const isError = row.state === 'failed' || row.state === 'retry'
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    retryCount: row.retry_count,
    retryLimit: row.retry_limit,
    progress: typeof output.progress === 'number' ? output.progress : null,
    note: typeof output.note === 'string' ? output.note : null,
    error: isError && typeof output.message === 'string' ? output.message : null,
    createdAt: row.created_on,
    startAfter: row.start_after,
    startedAt: row.started_on,
    completedAt: row.completed_on,
  }
}
