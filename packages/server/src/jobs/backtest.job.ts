// Works the backtest queue: replays a stored run's period (services/backtest/run-backtest.ts), reports
// progress to the run and the Jobs view, and stores the report with the per-lead results.
import type { Kysely } from 'kysely'
import type { BacktestStatus, Database } from '../db/tables.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { parseAgreement } from '#core/agreement/parse-agreement.ts'
import { buildBacktestReport } from '#core/backtest/backtest-report.ts'
import { DomainError, isDomainError } from '#core/errors.ts'
import { collectBacktestLeads, type BacktestRequest } from '../services/backtest/run-backtest.ts'
import type { JobContext, JobQueue } from './queue/job-queue.ts'
import { BACKTEST_QUEUE, type BacktestJob } from './queue/backtest-queue.ts'

export async function workBacktests(
  queue: JobQueue,
  db: Kysely<Database>,
  clock: () => Date,
  options: { workers?: number } = {},
): Promise<void> {
  await queue.work<BacktestJob>(BACKTEST_QUEUE.name, (data, job) =>
    runBacktestJob(db, data, job, clock, options),
  )
}

/** One run; returns how many leads it replayed. Exported for tests that drive a job's signal. */
export async function runBacktestJob(
  db: Kysely<Database>,
  { workspaceId, backtestId }: BacktestJob,
  job: Pick<JobContext, 'signal' | 'progress' | 'retryCount'>,
  clock: () => Date,
  options: { workers?: number } = {},
): Promise<number | void> {
  const run = await withWorkspace(db, workspaceId, (scoped) =>
    scoped
      .updateTable('backtests')
      .set({ status: 'running' })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', backtestId)
      // 'running' again: a retry after the process running it died
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst(),
  )
  // Cancelled before it began (or gone with its workspace): nothing to do.
  if (!run) return
  const finish = (status: BacktestStatus, values: { report?: string; leads?: string; error?: string }) =>
    withWorkspace(db, workspaceId, (scoped) =>
      scoped
        .updateTable('backtests')
        .set({
          status,
          ...values,
          ...(status === 'completed' ? { progress: 1 } : {}),
          ...(status === 'queued' ? {} : { finished_at: clock() }),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', backtestId)
        // A run cancelled meanwhile stays cancelled, whatever the replay got to.
        .where('status', '=', 'running')
        .execute(),
    )

  // Progress is told synchronously, page by page; the writes go one after the other behind it.
  let reported: Promise<unknown> = Promise.resolve()
  const onProgress = (done: number, total: number) => {
    const fraction = total > 0 ? Math.min(done / total, 1) : 1
    reported = reported.then(() => reportProgress(db, workspaceId, backtestId, job, fraction, done, total))
  }
  try {
    const request: BacktestRequest = {
      candidate:
        run.candidate_version === null
          ? { document: documentOf(run.candidate_source ?? '') }
          : { version: run.candidate_version },
      against: run.baseline_version,
      period: { from: run.period_from, to: run.period_to },
      onProgress,
      signal: job.signal,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    }
    // As of when the run was asked for: the same request gives the same report however long it queued.
    const input = await collectBacktestLeads(db, workspaceId, request, run.created_at)
    await reported
    await finish('completed', {
      report: JSON.stringify(buildBacktestReport(input)),
      leads: JSON.stringify(input.leads),
    })
    return input.leads.length
  } catch (error) {
    await reported.catch(() => {})
    if (isDomainError(error) && error.code === 'BACKTEST_CANCELLED') {
      await finish('cancelled', {})
      return
    }
    const message = error instanceof Error ? error.message : String(error)
    // A domain error would fail the same way again; anything else is retried while retries are left.
    if (isDomainError(error)) {
      await finish('failed', { error: message })
      return
    }
    const retried = job.retryCount < (BACKTEST_QUEUE.retryLimit ?? 0)
    await finish(retried ? 'queued' : 'failed', { error: message })
    throw error
  }
}

async function reportProgress(
  db: Kysely<Database>,
  workspaceId: string,
  backtestId: string,
  job: Pick<JobContext, 'progress'>,
  fraction: number,
  done: number,
  total: number,
): Promise<void> {
  // false once the job was cancelled: the signal is aborted then, and the replay stops at its next page.
  await job.progress(fraction, `${done} of ${total} leads`)
  await withWorkspace(db, workspaceId, (scoped) =>
    scoped
      .updateTable('backtests')
      .set({ progress: fraction })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', backtestId)
      .where('status', '=', 'running')
      .execute(),
  )
}

// The text was checked when the run was asked for; failing here means it was changed in the table.
function documentOf(source: string) {
  const parsed = parseAgreement(source, 'yaml')
  if (parsed.ok) return parsed.document
  throw new DomainError(
    'AGREEMENT_INVALID',
    `The candidate agreement has ${parsed.errors.length} error(s).`,
    {
      field: 'candidate.source',
      errors: parsed.errors,
    },
  )
}
