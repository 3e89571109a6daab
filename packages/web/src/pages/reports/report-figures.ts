// A report's answer shaped for its charts and tables: the funnel's weeks as stacked rows, a Pareto with
// its running share, bars per band. Pure, so tested without a browser; chart and table read the same rows.
import type { ReportOf } from './report-query.ts'

export const FUNNEL_STAGES = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]

export type WeekRow = { week: string } & Record<FunnelStage, number>

/** One row per week (its Monday) with the stage entries of that week; a stage missing counts 0. */
export function weekRowsOf(report: Pick<ReportOf<'funnel'>, 'weeks'>): WeekRow[] {
  return (report.weeks ?? []).map(({ week, entered }) => {
    const row = { week } as WeekRow
    for (const stage of FUNNEL_STAGES) row[stage] = Number(entered[stage] ?? 0)
    return row
  })
}

export type ParetoRow = { reason: string; count: number; share: number; cumulativeShare: number }

/**
 * Reasons from most to least frequent, each with its share of all and the running share up to it: the
 * bars and the line of a Pareto chart. Ties keep their order; nothing counted gives no rows.
 */
export function paretoRowsOf(reasons: ReadonlyArray<{ reason: string; count: number }>): ParetoRow[] {
  const total = reasons.reduce((sum, reason) => sum + reason.count, 0)
  if (total === 0) return []
  let running = 0
  return [...reasons]
    .filter((reason) => reason.count > 0)
    .sort((a, b) => b.count - a.count)
    .map(({ reason, count }) => {
      running += count
      return { reason, count, share: count / total, cumulativeShare: running / total }
    })
}

/** The reasons that make up the first `cut` (80 % by default) of all: where to start fixing. */
export function vitalFew(rows: readonly ParetoRow[], cut = 0.8): ParetoRow[] {
  const index = rows.findIndex((row) => row.cumulativeShare >= cut - 1e-9)
  return rows.slice(0, index === -1 ? rows.length : index + 1)
}

type Band = ReportOf<'calibration'>['scores'][number]['bands'][number]

/** A band's rates as chart values: null (no leads in the band) stays null, so no bar is drawn as 0. */
export function bandRowsOf(bands: readonly Band[]) {
  return bands.map((band) => ({
    band: band.band,
    min: band.min,
    max: band.max,
    leads: band.leads,
    sqlRate: band.sqlRate,
    customerRate: band.customerRate,
  }))
}

/**
 * Whether a score is calibrated on these bands: the SQL rate never falls from one band with leads to
 * the next. Bands without leads are skipped; fewer than two bands with leads cannot tell (null).
 */
export function isRising(bands: readonly Pick<Band, 'sqlRate'>[]): boolean | null {
  const rates = bands.map((band) => band.sqlRate).filter((rate): rate is number => rate !== null)
  if (rates.length < 2) return null
  return rates.every((rate, index) => index === 0 || rate >= rates[index - 1]!)
}

/** The largest value of some series across rows, for a shared axis; 0 when there is none. */
export function maximumOf<Row>(rows: readonly Row[], keys: ReadonlyArray<keyof Row>): number {
  let maximum = 0
  for (const row of rows) {
    for (const key of keys) {
      const value = row[key]
      if (typeof value === 'number' && value > maximum) maximum = value
    }
  }
  return maximum
}

/**
 * A band's score range in words: "20–25" (a decile, both ends held by leads), "20–40" (a threshold band,
 * the upper end excluded), "below 20" (no lower end), "40 and up" (no upper end). `number` formats the ends.
 */
export function bandRange(
  band: Pick<Band, 'min' | 'max'>,
  number: (value: number) => string,
  words: { below: (max: string) => string; atLeast: (min: string) => string },
): string {
  if (band.min === null && band.max === null) return '–'
  if (band.min === null) return words.below(number(band.max!))
  if (band.max === null) return words.atLeast(number(band.min))
  return band.min === band.max ? number(band.min) : `${number(band.min)}–${number(band.max)}`
}
