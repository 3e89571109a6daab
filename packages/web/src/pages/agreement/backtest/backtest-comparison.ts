// Two completed runs side by side: the tested version's figures of each report and how far the other run
// differs from the shown one. Counts differ by counts, shares by percentage points, lifts by their factor,
// the median by days; a figure either report leaves null has no difference. Pure, so tested without a browser.
import {
  medianUnavailable,
  stageFigureUnavailable,
  type StageFigure,
  type UnavailableReason,
} from './backtest-figures.ts'
import {
  OUTCOME_STAGES,
  type BacktestReport,
  type BacktestRun,
  type OutcomeStage,
  type VersionReport,
} from './backtest-types.ts'

/** How a row's values and its difference are read: counts, a weekly average, shares, lifts or days. */
export type FigureUnit = 'count' | 'average' | 'share' | 'lift' | 'days'

/** One run's figure: a value, or why its report has none. */
export type ComparedFigure = { value: number; reason: null } | { value: null; reason: UnavailableReason }

export type ComparisonRowKey =
  | 'leads'
  | 'mqls'
  | 'mqlsPerWeek'
  | 'weeksOverCapacity'
  | `${StageFigure}.${OutcomeStage}`
  | 'medianDaysVsHandOff'
  | 'changedLeads'
  | 'stillSent'

export type ComparisonRow = {
  key: ComparisonRowKey
  unit: FigureUnit
  /** set on the precision, recall and lift rows */
  stageFigure?: { figure: StageFigure; stage: OutcomeStage }
  shown: ComparedFigure
  other: ComparedFigure
  /** the other run's value minus the shown one's, in the row's unit (percentage points for shares) */
  difference: number | null
  /** on the stillSent row: of how many rejected leads, shown run first */
  outOf?: [number, number]
}

const STAGE_FIGURES: readonly StageFigure[] = ['precision', 'recall', 'lift']

/** The rows of the comparison table in reading order, the tested version's figures of both reports. */
export function compareReports(shown: BacktestReport, other: BacktestReport): ComparisonRow[] {
  const row = (
    key: ComparisonRowKey,
    unit: FigureUnit,
    figureOf: (report: BacktestReport) => ComparedFigure,
  ): ComparisonRow => {
    const [a, b] = [figureOf(shown), figureOf(other)]
    return { key, unit, shown: a, other: b, difference: differenceOf(unit, a.value, b.value) }
  }
  const candidate = (report: BacktestReport): VersionReport => report.versions[0]
  return [
    row('leads', 'count', (report) => known(report.leads)),
    row('mqls', 'count', (report) => known(candidate(report).mqls)),
    row('mqlsPerWeek', 'average', (report) => orReason(averageMqlsPerWeek(candidate(report)), 'no_leads')),
    row('weeksOverCapacity', 'count', (report) =>
      orReason(candidate(report).weeksOverCapacity, 'no_capacity'),
    ),
    ...STAGE_FIGURES.flatMap((figure) =>
      OUTCOME_STAGES.map((stage) => ({
        ...row(`${figure}.${stage}`, figure === 'lift' ? 'lift' : 'share', (report) => {
          const reason = stageFigureUnavailable(report, 'candidate', figure, stage)
          return reason ? unknown(reason) : known(candidate(report)[figure][stage]!)
        }),
        stageFigure: { figure, stage },
      })),
    ),
    row('medianDaysVsHandOff', 'days', (report) => {
      const reason = medianUnavailable(candidate(report))
      return reason ? unknown(reason) : known(candidate(report).medianDaysVsHandOff!)
    }),
    row('changedLeads', 'count', (report) => known(report.changedLeads)),
    {
      ...row('stillSent', 'count', (report) => known(report.rejections.stillSent.candidate)),
      outOf: [shown.rejections.rejected, other.rejections.rejected],
    },
  ]
}

/**
 * `other − shown` in the unit people compare: shares in percentage points (0.25 → 0.40 is +15), counts,
 * averages, lifts (a factor: 1.5× → 2.0× is +0.5) and days as they are; null when either is missing.
 */
export function differenceOf(unit: FigureUnit, shown: number | null, other: number | null): number | null {
  if (shown === null || other === null) return null
  const difference = unit === 'share' ? (other - shown) * 100 : other - shown
  // Binary fractions leave noise (0.3 − 0.1 = 0.19999…) and −0; neither is a difference anyone measured.
  return Math.round(difference * 1e9) / 1e9 + 0
}

/** MQLs per 7 days of the period (partial weeks at its ends count by their days); null for no days. */
export function averageMqlsPerWeek(version: Pick<VersionReport, 'mqls' | 'mqlsPerWeek'>): number | null {
  const days = version.mqlsPerWeek.reduce((sum, week) => sum + week.days, 0)
  return days === 0 ? null : (version.mqls * 7) / days
}

/** Figures over different periods compare only roughly: the table says so above. */
export function isSamePeriod(a: Pick<BacktestRun, 'period'>, b: Pick<BacktestRun, 'period'>): boolean {
  return a.period.from === b.period.from && a.period.to === b.period.to
}

/** The runs one may compare the shown one with: completed, not itself, each once, newest first. */
export function comparableRuns(runs: readonly BacktestRun[], shownId: string): BacktestRun[] {
  const seen = new Set<string>([shownId])
  return runs
    .filter((run) => {
      if (run.status !== 'completed' || seen.has(run.id)) return false
      seen.add(run.id)
      return true
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
}

/** A signed number in `locale`, at most `decimals` decimals: +3, −1,5, 0 (no sign on zero). */
export function formatSigned(value: number, locale: string, decimals: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: decimals, signDisplay: 'exceptZero' }).format(
    value,
  )
}

function known(value: number): ComparedFigure {
  return { value, reason: null }
}

function unknown(reason: UnavailableReason): ComparedFigure {
  return { value: null, reason }
}

function orReason(value: number | null, reason: UnavailableReason): ComparedFigure {
  return value === null ? unknown(reason) : known(value)
}
