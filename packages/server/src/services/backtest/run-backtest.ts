// A backtest: the workspace's recorded touchpoints and decisions replayed under a candidate version and
// under a baseline, with the fold that runs live, and both compared with what really happened.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'
import { changeOf } from '#core/backtest/backtest-changes.ts'
import { actualOutcomeOf, versionOutcomeOf, type BacktestLead } from '#core/backtest/backtest-lead.ts'
import {
  buildBacktestReport,
  weeklyCapacity,
  type BacktestInput,
  type BacktestReport,
} from '#core/backtest/backtest-report.ts'
import { periodBounds, type PeriodBounds } from '#core/backtest/backtest-weeks.ts'
import { DomainError } from '#core/errors.ts'
import { replayLead } from '#core/lifecycle/replay-lead.ts'
import { erasureOf } from '#core/projection/erased-lead.ts'
import { resolveBacktestPeriod } from './backtest-period.ts'
import { countLeadsInPeriod, readLeadHistories, type LeadHistory } from './backtest-history.ts'
import { loadBaseline, loadCandidate, type ComparedVersion } from './backtest-versions.ts'
import { replayWorkersFor, startReplayPool } from './replay-pool.ts'

export type BacktestRequest = {
  /** the version to test: a stored version (any status, e.g. a proposed one) or a document not stored yet (a file) */
  candidate: { version: number } | { document: AgreementDocument }
  /** what to compare with: the active version (default) or a stored version number */
  against?: 'active' | number
  /**
   * whole days in the workspace's time zone (workspaces.timezone), `to` included; default: the last
   * 365 days (a missing `to` is today, a missing `from` 365 days before `to`)
   */
  period?: { from?: string; to?: string }
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** worker threads to replay on; default replayWorkersFor(leads in the period) (0: this thread) */
  workers?: number
}

export async function runBacktest(
  db: Kysely<Database>,
  workspaceId: string,
  request: BacktestRequest,
  now: Date,
): Promise<BacktestReport> {
  return buildBacktestReport(await collectBacktestLeads(db, workspaceId, request, now))
}

/**
 * The per-lead results a report is built from, for a caller that keeps them (to page the changed
 * leads later). Leads whose outcome does not change keep no explanations: the report only counts them.
 */
export async function collectBacktestLeads(
  db: Kysely<Database>,
  workspaceId: string,
  request: BacktestRequest,
  now: Date,
): Promise<BacktestInput> {
  throwIfCancelled(request.signal)
  const workspace = await db
    .selectFrom('workspaces')
    .select('timezone')
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  const period = resolveBacktestPeriod(request.period, workspace.timezone, now)
  const candidate = await loadCandidate(db, workspaceId, request.candidate)
  const baseline = await loadBaseline(db, workspaceId, request.against ?? 'active')
  const bounds = periodBounds(period)
  const replay = replayWindowOf(bounds, period.timezone, now)
  const total = await countLeadsInPeriod(db, workspaceId, bounds)
  const leads: BacktestLead[] = []
  let done = 0
  const workers = request.workers ?? replayWorkersFor(total)
  if (workers === 0) {
    for await (const page of readLeadHistories(db, workspaceId, bounds)) {
      throwIfCancelled(request.signal)
      for (const history of page) {
        const lead = backtestLeadOf(history, candidate, baseline, replay)
        if (lead) leads.push(lead)
      }
      done += page.length
      request.onProgress?.(done, total)
    }
  } else {
    const pool = startReplayPool(workers, {
      candidate: { version: candidate.version, document: candidate.document },
      baseline: { version: baseline.version, document: baseline.document },
      window: replay,
    })
    try {
      // Pages judged in the order read; a few ahead per worker keep every worker busy while memory
      // holds only those.
      const inFlight: Array<{ size: number; judged: Promise<BacktestLead[]> }> = []
      const settleFirst = async () => {
        const first = inFlight.shift()!
        leads.push(...(await first.judged))
        done += first.size
        request.onProgress?.(done, total)
        throwIfCancelled(request.signal)
      }
      for await (const page of readLeadHistories(db, workspaceId, bounds)) {
        throwIfCancelled(request.signal)
        const judged = pool.judge(page)
        // Thrown where awaited, in page order; a failure behind an earlier one must not go unhandled.
        judged.catch(() => undefined)
        inFlight.push({ size: page.length, judged })
        while (inFlight.length > workers * 2) await settleFirst()
      }
      while (inFlight.length > 0) await settleFirst()
    } finally {
      await pool.close()
    }
  }
  throwIfCancelled(request.signal)
  return {
    period,
    versions: { candidate: candidate.version, baseline: baseline.version },
    capacityPerWeek: weeklyCapacity(candidate.document.routing),
    leads,
  }
}

export type ReplayWindow = { bounds: PeriodBounds; until: number; outcomes: PeriodBounds; zone: string }

export function replayWindowOf(bounds: PeriodBounds, zone: string, now: Date): ReplayWindow {
  return {
    bounds,
    // Nothing after now is recorded yet; a replay past it would only let time-driven rules fire early.
    until: Math.min(bounds.end - 1, now.getTime()),
    // Outcomes of an MQL late in the period come after it: reality is read up to now.
    outcomes: { start: bounds.start, end: Math.max(bounds.end, now.getTime() + 1) },
    zone,
  }
}

/**
 * One lead judged under both versions; undefined for an erased lead. Exported so the backtest bench
 * times exactly this loop.
 */
export function backtestLeadOf(
  history: LeadHistory,
  candidate: ComparedVersion,
  baseline: ComparedVersion,
  window: ReplayWindow,
): BacktestLead | undefined {
  // Erasure wiped the fields the lead's path was decided on: no version can be judged on what is left.
  if (erasureOf(history.decisions)) return undefined
  // Decisions are replayed as recorded; the fold refuses those that no longer apply under a version.
  const outcomeUnder = (compared: ComparedVersion) =>
    versionOutcomeOf(
      replayLead({
        email: history.email,
        touchpoints: history.touchpoints,
        decisions: history.decisions,
        versions: compared.timeline,
        until: window.until,
      }).transitions,
      window.bounds,
    )
  const candidateOutcome = outcomeUnder(candidate)
  const sameVersion = candidate.version !== null && candidate.version === baseline.version
  const lead: BacktestLead = {
    leadId: history.leadId,
    candidate: candidateOutcome,
    baseline: sameVersion ? candidateOutcome : outcomeUnder(baseline),
    actual: actualOutcomeOf(history.stageChanges, window.outcomes),
  }
  if (changeOf(lead, window.zone) !== undefined) return lead
  return {
    ...lead,
    candidate: { ...lead.candidate, explanations: [] },
    baseline: { ...lead.baseline, explanations: [] },
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new DomainError('BACKTEST_CANCELLED', 'The backtest was cancelled before it finished.', {
      reason: signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted'),
    })
  }
}
