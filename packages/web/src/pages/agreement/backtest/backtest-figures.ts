// The report's figures as people read them: shares as percentages, lift as a factor, the median shift
// as days earlier or later, and for every figure the report leaves null the reason it could not be
// computed, so the screen never shows "0 %" for "nothing to measure". Pure, so tested without a browser.
import type { BacktestReport, OutcomeStage, VersionReport, VersionRole } from './backtest-types.ts'

/** Why a figure is null, worded on the screen (`backtest:unavailable.<reason>`). */
export type UnavailableReason = 'no_leads' | 'stage_not_reached' | 'no_mqls' | 'no_hand_offs' | 'no_capacity'

export type StageFigure = 'precision' | 'recall' | 'lift'

/** A share (0…1) as a percentage in `locale`, at most one decimal: 0.256 → "25,6 %"; null stays null. */
export function formatShare(value: number | null, locale: string): string | null {
  if (value === null) return null
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value)
}

/** A lift as a factor in `locale` with one decimal: 1.84 → "1,8×"; null stays null. */
export function formatLift(value: number | null, locale: string): string | null {
  if (value === null) return null
  const factor = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  return `${factor.format(value)}×`
}

/** The median shift against the real hand-off: negative days are earlier. */
export type Shift = { direction: 'earlier' | 'later' | 'same'; days: number }

export function shiftOf(days: number | null): Shift | null {
  if (days === null) return null
  if (days === 0) return { direction: 'same', days: 0 }
  return { direction: days < 0 ? 'earlier' : 'later', days: Math.abs(days) }
}

function versionOf(report: BacktestReport, role: VersionRole): VersionReport {
  return role === 'candidate' ? report.versions[0] : report.versions[1]
}

/**
 * Why the report has no value for a version's precision, recall or lift at a stage; null when it has one.
 * Mirrors the core's arithmetic (backtest-report.ts): no leads → no base rate; no lead reached the stage →
 * nothing to be right about; no MQLs under the version → no share of them.
 */
export function stageFigureUnavailable(
  report: BacktestReport,
  role: VersionRole,
  figure: StageFigure,
  stage: OutcomeStage,
): UnavailableReason | null {
  if (versionOf(report, role)[figure][stage] !== null) return null
  if (report.leads === 0) return 'no_leads'
  if (report.actual.reached[stage] === 0) return 'stage_not_reached'
  return 'no_mqls'
}

/** The base rate is a share of all leads: 0 % when none reached the stage, not computable only without leads. */
export function baseRateUnavailable(report: BacktestReport, stage: OutcomeStage): UnavailableReason | null {
  return report.actual.baseRate[stage] === null ? 'no_leads' : null
}

/** Why a version has no median shift: no MQLs at all, or none of them was really handed off. */
export function medianUnavailable(version: VersionReport): UnavailableReason | null {
  if (version.medianDaysVsHandOff !== null) return null
  return version.mqls === 0 ? 'no_mqls' : 'no_hand_offs'
}

/** How one version's stillSent compares with all rejected: "3 of 8" as a share, null when nothing was rejected. */
export function stillSentShare(stillSent: number, rejected: number): number | null {
  return rejected === 0 ? null : stillSent / rejected
}
