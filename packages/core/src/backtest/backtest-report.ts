// The arithmetic of a backtest: per-lead results of two versions and of reality in, a report out.
// Figures that cannot be computed are null, never 0: "no lead reached SQL" is not "precision 0 %".
import type { AgreementDocument } from '../agreement/agreement-document.ts'
import { OUTCOME_STAGES, type BacktestLead, type OutcomeStage } from './backtest-lead.ts'
import { changeOf } from './backtest-changes.ts'
import { isInPeriod, isoWeekOf, periodBounds, weeksOfPeriod, type BacktestPeriod } from './backtest-weeks.ts'

export type VersionRole = 'candidate' | 'baseline'
export const VERSION_ROLES = ['candidate', 'baseline'] as const satisfies readonly VersionRole[]

export type BacktestInput = {
  period: BacktestPeriod
  /** the stored version numbers compared; null for a document that is no stored version (a file) */
  versions: Record<VersionRole, number | null>
  /** MQLs sales can take a week (`weeklyCapacity`); null when the agreement does not say */
  capacityPerWeek: number | null
  /** every lead with a touchpoint or a stage change in the period */
  leads: readonly BacktestLead[]
}

export type StageFigures = Record<OutcomeStage, number | null>
export type WeekCount = { week: string; starts: string; days: number; mqls: number }

export type VersionReport = {
  role: VersionRole
  version: number | null
  mqls: number
  mqlsPerWeek: WeekCount[]
  /** weeks with more MQLs than the capacity; null without a capacity */
  weeksOverCapacity: number | null
  /** the version's MQLs that really reached each stage */
  truePositives: Record<OutcomeStage, number>
  /** truePositives ÷ mqls */
  precision: StageFigures
  /** truePositives ÷ leads that really reached the stage */
  recall: StageFigures
  /** precision ÷ the base rate (share of all leads that reached the stage) */
  lift: StageFigures
  /** median of (version's MQL − real hand-off) in days, one decimal: negative is earlier */
  medianDaysVsHandOff: number | null
}

export type RejectionCounts = { rejected: number; stillSent: Record<VersionRole, number> }

export type BacktestReport = {
  period: BacktestPeriod
  leads: number
  capacityPerWeek: number | null
  /** candidate first, then baseline */
  versions: [VersionReport, VersionReport]
  actual: {
    handOffs: number
    handOffsPerWeek: WeekCount[]
    reached: Record<OutcomeStage, number>
    baseRate: StageFigures
  }
  /** how many leads change outcome between the versions (`listChangedLeads` pages them) */
  changedLeads: number
  /** leads sales really rejected, and how many of them each version would still have made MQL */
  rejections: RejectionCounts & { byReason: Array<RejectionCounts & { reason: string }> }
}

const DAY_MS = 86_400_000

/**
 * The report of a backtest over per-lead results.
 * @example
 * const report = buildBacktestReport({ period, versions: { candidate: 8, baseline: 7 }, capacityPerWeek: 150, leads })
 * report.versions[0].precision.sql // e.g. 0.25, or null when no lead reached SQL
 */
export function buildBacktestReport(input: BacktestInput): BacktestReport {
  const bounds = periodBounds(input.period)
  const seen = new Set<string>()
  for (const lead of input.leads) {
    if (seen.has(lead.leadId)) throw new Error(`lead ${lead.leadId} is given twice`)
    seen.add(lead.leadId)
    for (const role of VERSION_ROLES) {
      const at = lead[role].mqlAt
      if (at !== null && !isInPeriod(at, bounds))
        throw new Error(`${role} MQL of ${lead.leadId} is outside the period`)
    }
  }
  const total = input.leads.length
  const reached = countBy(
    OUTCOME_STAGES,
    (stage) => input.leads.filter((lead) => reachedStage(lead, stage)).length,
  )
  const baseRate = mapStages((stage) => ratio(reached[stage], total))
  const weekly = (times: Array<number | null>) => countPerWeek(input.period, times)
  const version = (role: VersionRole): VersionReport => {
    const made = input.leads.filter((lead) => lead[role].mqlAt !== null)
    const truePositives = countBy(
      OUTCOME_STAGES,
      (stage) => made.filter((lead) => reachedStage(lead, stage)).length,
    )
    const precision = mapStages((stage) =>
      reached[stage] === 0 ? null : ratio(truePositives[stage], made.length),
    )
    const mqlsPerWeek = weekly(made.map((lead) => lead[role].mqlAt))
    const capacity = input.capacityPerWeek
    const shifts = made.flatMap((lead) => {
      const handOff = lead.actual.reachedAt.mql
      return handOff === null ? [] : [(lead[role].mqlAt! - handOff) / DAY_MS]
    })
    return {
      role,
      version: input.versions[role],
      mqls: made.length,
      mqlsPerWeek,
      weeksOverCapacity: capacity === null ? null : mqlsPerWeek.filter((week) => week.mqls > capacity).length,
      truePositives,
      precision,
      recall: mapStages((stage) => ratio(truePositives[stage], reached[stage])),
      lift: mapStages((stage) => quotient(precision[stage], baseRate[stage])),
      medianDaysVsHandOff: roundTenth(median(shifts)),
    }
  }
  // Real hand-offs come from a window that may run past the period; the weekly line shows the period's.
  const handOffs = input.leads
    .map((lead) => lead.actual.reachedAt.mql)
    .filter((at) => at !== null && isInPeriod(at, bounds))
  return {
    period: { ...input.period },
    leads: total,
    capacityPerWeek: input.capacityPerWeek,
    versions: [version('candidate'), version('baseline')],
    actual: {
      handOffs: handOffs.length,
      handOffsPerWeek: weekly(handOffs),
      reached,
      baseRate,
    },
    changedLeads: input.leads.filter((lead) => changeOf(lead, input.period.timezone) !== undefined).length,
    rejections: countRejections(input.leads),
  }
}

/**
 * The MQLs sales can take a week: reps (distinct members of all teams) × open leads each may hold.
 * The agreement only bounds the open leads a rep holds at once; reading that as a week's intake (as
 * issue 12 asks) assumes a rep works through their open leads within a week. null when routing sets no limit.
 */
export function weeklyCapacity(routing: AgreementDocument['routing']): number | null {
  if (routing?.maxOpenLeadsPerRep === undefined) return null
  const reps = new Set(routing.teams.flatMap((team) => team.members.map((member) => member.toLowerCase())))
  return reps.size * routing.maxOpenLeadsPerRep
}

function reachedStage(lead: BacktestLead, stage: OutcomeStage): boolean {
  return lead.actual.reachedAt[stage] !== null
}

function countPerWeek(period: BacktestPeriod, times: ReadonlyArray<number | null>): WeekCount[] {
  const counts = new Map<string, number>()
  for (const at of times) {
    if (at === null) continue
    const week = isoWeekOf(at, period.timezone)
    counts.set(week, (counts.get(week) ?? 0) + 1)
  }
  return weeksOfPeriod(period).map((week) => ({ ...week, mqls: counts.get(week.week) ?? 0 }))
}

function countRejections(leads: readonly BacktestLead[]): BacktestReport['rejections'] {
  const byReason = new Map<string, RejectionCounts>()
  const all: RejectionCounts = { rejected: 0, stillSent: { candidate: 0, baseline: 0 } }
  for (const lead of leads) {
    const rejection = lead.actual.rejection
    if (!rejection) continue
    let counts = byReason.get(rejection.reason)
    if (!counts)
      byReason.set(rejection.reason, (counts = { rejected: 0, stillSent: { candidate: 0, baseline: 0 } }))
    for (const target of [all, counts]) {
      target.rejected++
      for (const role of VERSION_ROLES) if (lead[role].mqlAt !== null) target.stillSent[role]++
    }
  }
  const reasons = [...byReason].map(([reason, counts]) => ({ reason, ...counts }))
  reasons.sort((a, b) => b.rejected - a.rejected || (a.reason < b.reason ? -1 : 1))
  return { ...all, byReason: reasons }
}

function countBy<K extends string>(keys: readonly K[], count: (key: K) => number): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, count(key)])) as Record<K, number>
}

function mapStages(figure: (stage: OutcomeStage) => number | null): StageFigures {
  return Object.fromEntries(OUTCOME_STAGES.map((stage) => [stage, figure(stage)])) as StageFigures
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

function quotient(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole === 0 ? null : part / whole
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function roundTenth(value: number | null): number | null {
  // `|| 0`: a small negative shift rounds to -0, which Intl.NumberFormat would print as "-0".
  return value === null ? null : Math.round(value * 10) / 10 || 0
}
