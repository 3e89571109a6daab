// Shadow runs: a proposed or approved version beside the active one on live traffic for a number of
// days. Started and stopped here; jobs/shadow.job.ts records what the version would have decided, and
// shadow-report.ts compares it. The baseline is the version active at the start and stays that one:
// a comparison whose one side changed halfway would compare nothing.
import { decodeNewestFirstCursor, encodeNewestFirstCursor } from '../newest-first-cursor.ts'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, ShadowRunTable, ShadowStatus } from '../../db/tables.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import type { BacktestReport } from '#core/backtest/backtest-report.ts'
import { DomainError } from '#core/errors.ts'
import { loadBaseline, loadCandidate } from '../backtest/backtest-versions.ts'
import type { ChangedLeadsPage, LeadChange } from '#core/backtest/backtest-changes.ts'
import { buildShadowReport, listShadowChangedLeads } from './shadow-report.ts'

export const DEFAULT_SHADOW_DAYS = 14
export const MAX_SHADOW_DAYS = 90
export const MAX_SHADOWS_PAGE = 100
const DAY_MS = 86_400_000
// Only a version both sides are still deciding on is worth watching: a draft may change under the
// shadow, the active one is the baseline itself, and a retired or withdrawn one is decided.
const SHADOWABLE = ['proposed', 'approved'] as const

export type ShadowRun = {
  id: string
  version: number
  baselineVersion: number
  status: ShadowStatus
  startedAt: Date
  endsAt: Date
  leadsSeen: number
  lastRunAt: Date | null
  finishedAt: Date | null
  createdBy: string | null
}

export type ShadowRunDetail = ShadowRun & { report: BacktestReport }
export type ShadowRunsPage = { items: ShadowRun[]; next: string | null }

export const SUMMARY_COLUMNS = [
  'id',
  'version',
  'baseline_version',
  'status',
  'started_at',
  'ends_at',
  'leads_seen',
  'last_run_at',
  'finished_at',
  'created_by',
] as const

type SummaryRow = Pick<Selectable<ShadowRunTable>, (typeof SUMMARY_COLUMNS)[number]>

/**
 * Starts recording what `version` would decide for the leads created from now on.
 * @throws DomainError AGREEMENT_NOT_FOUND, AGREEMENT_STEP_NOT_ALLOWED (not proposed or approved),
 *   NO_ACTIVE_AGREEMENT, SHADOW_RUNNING
 */
export async function startShadow(
  db: Kysely<Database>,
  workspaceId: string,
  asked: { version: number; days?: number },
  createdBy: string | null,
  now: Date,
): Promise<ShadowRun> {
  const days = asked.days ?? DEFAULT_SHADOW_DAYS
  if (!Number.isInteger(days) || days < 1 || days > MAX_SHADOW_DAYS) {
    throw new RangeError(`days must be 1–${MAX_SHADOW_DAYS}, got ${days}`)
  }
  return withWorkspace(db, workspaceId, async (scoped) => {
    // Serialised with activations: the baseline read below is the active version until commit.
    await agreementRepository.lockVersions(scoped, workspaceId)
    const stored = await agreementRepository.find(scoped, workspaceId, asked.version)
    if (!stored) {
      throw new DomainError(
        'AGREEMENT_NOT_FOUND',
        `No agreement version ${asked.version} in this workspace.`,
        {
          version: asked.version,
          field: 'version',
        },
      )
    }
    if (!(SHADOWABLE as readonly string[]).includes(stored.status)) {
      throw new DomainError(
        'AGREEMENT_STEP_NOT_ALLOWED',
        `Version ${asked.version} is ${stored.status}; only a proposed or approved version can run in shadow mode.`,
        { version: asked.version, versionStatus: stored.status, field: 'version' },
      )
    }
    // A proposed version validated when it was proposed; this compiles it, as the job will.
    const candidate = await loadCandidate(scoped, workspaceId, { version: asked.version })
    const baseline = await loadBaseline(scoped, workspaceId, 'active')
    const running = await scoped
      .selectFrom('shadow_runs')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', asked.version)
      .where('status', '=', 'running')
      .executeTakeFirst()
    if (running) {
      throw new DomainError('SHADOW_RUNNING', `Version ${asked.version} already runs in shadow mode.`, {
        version: asked.version,
        shadowId: running.id,
        field: 'version',
      })
    }
    const row = await scoped
      .insertInto('shadow_runs')
      .values({
        workspace_id: workspaceId,
        version: candidate.version!,
        baseline_version: baseline.version!,
        started_at: now,
        ends_at: new Date(now.getTime() + days * DAY_MS),
        created_by: createdBy,
      })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow()
    return toShadowRun(row)
  })
}

/** Newest first; `before` is the `next` of the previous page. */
export async function listShadows(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; before?: string },
): Promise<ShadowRunsPage> {
  const cursor = page.before === undefined ? undefined : decodeNewestFirstCursor(page.before)
  const rows = await withWorkspace(db, workspaceId, (scoped) =>
    scoped
      .selectFrom('shadow_runs')
      .select(SUMMARY_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .$if(cursor !== undefined, (query) =>
        query.where(sql<boolean>`(started_at, id) < (${cursor!.at}::timestamptz, ${cursor!.id}::uuid)`),
      )
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute(),
  )
  const items = rows.slice(0, page.limit).map(toShadowRun)
  const last = items.at(-1)
  return {
    items,
    next: rows.length > page.limit && last ? encodeNewestFirstCursor(last.startedAt, last.id) : null,
  }
}

/** The shadow with its report over the period so far. */
export async function getShadow(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<ShadowRunDetail> {
  return withWorkspace(db, workspaceId, async (scoped) => {
    const run = await findShadow(scoped, workspaceId, id)
    return { ...run, report: await buildShadowReport(scoped, workspaceId, run, now) }
  })
}

/** A page of the leads whose outcome the shadow version changes so far. */
export async function getShadowChangedLeads(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  page: { limit: number; after?: string; change?: LeadChange },
): Promise<ChangedLeadsPage> {
  return withWorkspace(db, workspaceId, async (scoped) =>
    listShadowChangedLeads(scoped, workspaceId, await findShadow(scoped, workspaceId, id), page),
  )
}

/** Stops a running shadow; what it recorded stays, and its report with it. */
export async function stopShadow(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<ShadowRun> {
  return withWorkspace(db, workspaceId, async (scoped) => {
    const row = await scoped
      .updateTable('shadow_runs')
      .set({
        status: 'stopped',
        finished_at: now,
        round_began_at: null,
        round_until: null,
        round_after: null,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirst()
    if (row) return toShadowRun(row)
    const found = await findShadow(scoped, workspaceId, id)
    throw new DomainError('SHADOW_FINISHED', `The shadow is ${found.status} and cannot be stopped.`, {
      runStatus: found.status,
    })
  })
}

export async function findShadow(db: Kysely<Database>, workspaceId: string, id: string): Promise<ShadowRun> {
  const row = await db
    .selectFrom('shadow_runs')
    .select(SUMMARY_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('SHADOW_NOT_FOUND', `No shadow run ${id} in this workspace.`, { id })
  return toShadowRun(row)
}

function toShadowRun(row: SummaryRow): ShadowRun {
  return {
    id: row.id,
    version: row.version,
    baselineVersion: row.baseline_version,
    status: row.status,
    startedAt: row.started_at,
    endsAt: row.ends_at,
    leadsSeen: row.leads_seen,
    lastRunAt: row.last_run_at,
    finishedAt: row.finished_at,
    createdBy: row.created_by,
  }
}
