// What the screen needs to know about backtest runs beyond their data: which belong to a version, which
// are still working (and are polled), which one to show, and the period the start form offers. Pure.
import type { BacktestRun, RunStatus } from './backtest-types.ts'

const WORKING: ReadonlySet<RunStatus> = new Set<RunStatus>(['queued', 'running'])

export function isRunWorking(status: RunStatus): boolean {
  return WORKING.has(status)
}

/** The runs of one candidate version, newest first (the API lists all of the workspace's). */
export function runsOfVersion(runs: readonly BacktestRun[], version: number): BacktestRun[] {
  return runs
    .filter((run) => run.candidateVersion === version)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
}

/** The run whose report is shown: the one chosen while it is listed, else the newest completed. */
export function shownRunId(runs: readonly BacktestRun[], chosen: string | null): string | null {
  if (chosen !== null && runs.some((run) => run.id === chosen)) return chosen
  return runs.find((run) => run.status === 'completed')?.id ?? null
}

/** Progress as a whole percentage, never 100 before the run completed. */
export function progressPercent(run: Pick<BacktestRun, 'status' | 'progress'>): number {
  if (run.status === 'completed') return 100
  return Math.min(99, Math.floor(run.progress * 100))
}

/**
 * The start form's default: the last 365 days, today included, as calendar days in `timeZone` — what the
 * API assumes without a period (services/backtest/backtest-period.ts).
 */
export function defaultPeriod(now: Date, timeZone: string): { from: string; to: string } {
  const to = calendarDayOf(now, timeZone)
  const [year, month, day] = to.split('-').map(Number)
  const from = new Date(Date.UTC(year!, month! - 1, day! - 364)).toISOString().slice(0, 10)
  return { from, to }
}

function calendarDayOf(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}
