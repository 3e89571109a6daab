// Backtests as stored runs: asked for over HTTP, worked by a job (jobs/backtest.job.ts), listed and read
// back later. A request is checked as runBacktest checks it (period, versions, document) before anything
// is stored, so bad input is refused at once instead of as a failed run minutes later.
import { decodeNewestFirstCursor, encodeNewestFirstCursor } from '../newest-first-cursor.ts'
import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { BacktestStatus, BacktestTable, Database } from '../../db/tables.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { jobRepository } from '../../db/job.repository.ts'
import { scheduleBacktest } from '../../jobs/queue/backtest-queue.ts'
import { parseAgreement } from '#core/agreement/parse-agreement.ts'
import { listChangedLeads, type ChangedLeadsPage, type LeadChange } from '#core/backtest/backtest-changes.ts'
import type { BacktestReport } from '#core/backtest/backtest-report.ts'
import { DomainError, isDomainError } from '#core/errors.ts'
import { resolveBacktestPeriod } from './backtest-period.ts'
import { loadBaseline, loadCandidate } from './backtest-versions.ts'

/** What people ask for; field names are those of the HTTP body, which errors name. */
export type BacktestAsked = {
  /** a stored version, or an agreement document as YAML (or JSON) text */
  candidate: { version: number } | { source: string }
  against?: 'active' | number
  from?: string
  to?: string
}

export type BacktestRun = {
  id: string
  status: BacktestStatus
  /** 0…1 */
  progress: number
  /** null when the candidate was a document given as text */
  candidateVersion: number | null
  against: 'active' | number
  baselineVersion: number
  period: { from: string; to: string }
  error: string | null
  jobId: string | null
  createdBy: string | null
  createdAt: Date
  finishedAt: Date | null
}

export type BacktestRunDetail = BacktestRun & { report: BacktestReport | null }
export type BacktestRunsPage = { items: BacktestRun[]; next: string | null }

export const MAX_RUNS_PAGE = 100

// Everything but the large result columns.
const SUMMARY_COLUMNS = [
  'id',
  'status',
  'progress',
  'candidate_version',
  'against',
  'baseline_version',
  'period_from',
  'period_to',
  'error',
  'job_id',
  'created_by',
  'created_at',
  'finished_at',
] as const

type SummaryRow = Pick<Selectable<BacktestTable>, (typeof SUMMARY_COLUMNS)[number]>

/** Checks the request, stores the run and sends its job, all in one transaction. */
export async function startBacktest(
  db: Kysely<Database>,
  workspaceId: string,
  asked: BacktestAsked,
  createdBy: string | null,
  now: Date,
): Promise<BacktestRun> {
  return withWorkspace(db, workspaceId, async (scoped) => {
    const workspace = await scoped
      .selectFrom('workspaces')
      .select('timezone')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    const period = withBodyField(() =>
      resolveBacktestPeriod(
        { ...(asked.from ? { from: asked.from } : {}), ...(asked.to ? { to: asked.to } : {}) },
        workspace.timezone,
        now,
      ),
    )
    const candidate = await loadCandidate(scoped, workspaceId, candidateOf(asked.candidate))
    const against = asked.against ?? 'active'
    const baseline = await loadBaseline(scoped, workspaceId, against)
    const id = randomUUID()
    const jobId = await scheduleBacktest(scoped, { workspaceId, backtestId: id })
    const row = await scoped
      .insertInto('backtests')
      .values({
        workspace_id: workspaceId,
        id,
        candidate_version: candidate.version,
        candidate_source: 'source' in asked.candidate ? asked.candidate.source : null,
        against: String(against),
        baseline_version: baseline.version!,
        period_from: period.from,
        period_to: period.to,
        job_id: jobId,
        created_by: createdBy,
        created_at: now,
      })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow()
    return toRun(row)
  })
}

/** Newest first; `before` is the `next` of the previous page. */
export async function listBacktests(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; before?: string; candidateVersion?: number },
): Promise<BacktestRunsPage> {
  const cursor = page.before === undefined ? undefined : decodeNewestFirstCursor(page.before)
  const rows = await withWorkspace(db, workspaceId, async (scoped) => {
    let query = scoped
      .selectFrom('backtests')
      .select(SUMMARY_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
    if (page.candidateVersion !== undefined) {
      query = query.where('candidate_version', '=', page.candidateVersion)
    }
    if (cursor) {
      query = query.where(sql<boolean>`(created_at, id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`)
    }
    return settleEndedJobs(scoped, workspaceId, await query.execute())
  })
  const items = rows.slice(0, page.limit).map(toRun)
  const last = items.at(-1)
  return {
    items,
    next: rows.length > page.limit && last ? encodeNewestFirstCursor(last.createdAt, last.id) : null,
  }
}

export async function getBacktest(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<BacktestRunDetail> {
  const row = await withWorkspace(db, workspaceId, async (scoped) => {
    const found = await scoped
      .selectFrom('backtests')
      .select([...SUMMARY_COLUMNS, 'report'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst()
    return found && { ...(await settleEndedJobs(scoped, workspaceId, [found]))[0]!, report: found.report }
  })
  if (!row) throw notFound(id)
  return { ...toRun(row), report: row.report }
}

/** A page of the leads whose outcome the candidate changes, from the run's stored per-lead results. */
export async function listBacktestChangedLeads(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  page: { limit: number; after?: string; change?: LeadChange },
): Promise<ChangedLeadsPage> {
  const row = await withWorkspace(db, workspaceId, (scoped) =>
    scoped
      .selectFrom('backtests')
      .select(['status', 'report', 'leads'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst(),
  )
  if (!row) throw notFound(id)
  if (row.status !== 'completed' || !row.report || !row.leads) {
    throw new DomainError('BACKTEST_NOT_COMPLETED', `The backtest is ${row.status}: it has no results yet.`, {
      runStatus: row.status,
    })
  }
  return listChangedLeads(row.leads, row.report.period.timezone, page)
}

/** Stops a queued or running backtest; a running one stops at its next page of leads. */
export async function cancelBacktest(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<BacktestRun> {
  return withWorkspace(db, workspaceId, async (scoped) => {
    const row = await scoped
      .updateTable('backtests')
      .set({ status: 'cancelled', finished_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirst()
    if (!row) {
      const found = await scoped
        .selectFrom('backtests')
        .select('status')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst()
      if (!found) throw notFound(id)
      throw new DomainError('BACKTEST_FINISHED', `The backtest is ${found.status} and cannot be cancelled.`, {
        runStatus: found.status,
      })
    }
    // The job may have finished meanwhile; the run's row is what counts, and it says cancelled.
    if (row.job_id) await jobRepository.cancel(scoped, row.job_id)
    return toRun(row)
  })
}

function candidateOf(candidate: BacktestAsked['candidate']) {
  if ('version' in candidate) return candidate
  const parsed = parseAgreement(candidate.source, 'yaml')
  if (!parsed.ok) {
    throw new DomainError(
      'AGREEMENT_INVALID',
      `The candidate agreement has ${parsed.errors.length} error(s).`,
      {
        field: 'candidate.source',
        errors: parsed.errors,
      },
    )
  }
  return { document: parsed.document }
}

// The period's checks name `period.from`; the body calls it `from`.
function withBodyField<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (isDomainError(error) && typeof error.details.field === 'string') {
      throw new DomainError(error.code, error.message.replaceAll('period.', ''), {
        ...error.details,
        field: error.details.field.replace(/^period\./, ''),
      })
    }
    throw error
  }
}

/**
 * A run whose job ended without it (the process working its last attempt died, and the queue failed the
 * job once it expired) would show as running for ever: it is failed when read, with the job's error.
 */
async function settleEndedJobs<Row extends SummaryRow>(
  scoped: Kysely<Database>,
  workspaceId: string,
  rows: Row[],
): Promise<Row[]> {
  const open = rows.filter((row) => (row.status === 'queued' || row.status === 'running') && row.job_id)
  if (open.length === 0) return rows
  const settled = new Map<string, Pick<SummaryRow, 'status' | 'error' | 'finished_at'>>()
  for (const row of open) {
    const job = await jobRepository.find(scoped, row.job_id!)
    if (job && job.state !== 'failed' && job.state !== 'cancelled' && job.state !== 'completed') continue
    const error = `The job working this run ended without finishing it${job?.error ? `: ${job.error}` : '.'}`
    const updated = await scoped
      .updateTable('backtests')
      .set({ status: 'failed', error, finished_at: job?.completedAt ?? new Date() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', row.id)
      .where('status', 'in', ['queued', 'running'])
      .returning(['status', 'error', 'finished_at'])
      .executeTakeFirst()
    if (updated) settled.set(row.id, updated)
  }
  return rows.map((row) => ({ ...row, ...settled.get(row.id) }))
}

function notFound(id: string): DomainError {
  return new DomainError('BACKTEST_NOT_FOUND', `No backtest ${id} in this workspace.`, { id })
}

function toRun(row: SummaryRow): BacktestRun {
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    candidateVersion: row.candidate_version,
    against: row.against === 'active' ? 'active' : Number(row.against),
    baselineVersion: row.baseline_version,
    period: { from: row.period_from, to: row.period_to },
    error: row.error,
    jobId: row.job_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}
