// The job that works one backtest run (jobs/backtest.job.ts), sent in the transaction that stores the
// run, so a run never exists without its job nor a job without its run. Bad requests are refused before
// that; what fails while running is a broken database or process, worth a retry or two. A run holds a
// worker for as long as the replay takes, hence the generous expiry.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { enqueue, type QueueDefinition } from './job-queue.ts'

export type BacktestJob = { workspaceId: string; backtestId: string }

export const BACKTEST_QUEUE: QueueDefinition = {
  name: 'backtest',
  policy: 'standard',
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 3 * 3_600,
  deleteAfterSeconds: 7 * 86_400,
}

/** Sends the run's job; returns the job's id. */
export async function scheduleBacktest(executor: Kysely<Database>, job: BacktestJob): Promise<string> {
  const id = await enqueue(executor, BACKTEST_QUEUE.name, job satisfies BacktestJob)
  if (id === null) throw new Error(`the backtest job of ${job.backtestId} was not added`)
  return id
}
