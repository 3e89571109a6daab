// What the model page derives from the API's model runs: which runs still work (and are polled), how far
// a run's outcomes fall short of the minimum, why the chosen model won, the reliability chart's scale, and
// a feature's column name taken apart so the screen can word it. Pure, so tested without a browser.
// Spelled out with .d.ts: the node test of this file type-checks it under nodenext resolution.
import type { paths } from '../../api/openapi.d.ts'

export type CurrentModel =
  paths['/api/v1/models/current']['get']['responses'][200]['content']['application/json']
export type ModelRun = NonNullable<CurrentModel['latest']>
export type ModelDetail = NonNullable<CurrentModel['model']>
export type RunStatus = ModelRun['status']
export type Figures = NonNullable<ModelRun['figures']>
export type ModelFigures = Figures['models'][number]
export type ModelName = ModelFigures['name']
export type Outcomes = NonNullable<ModelRun['outcomes']>
export type ReliabilityBand = NonNullable<ModelDetail['model']>['reliability'][number]
export type Importance = NonNullable<ModelDetail['model']>['importance'][number]

/** The targets a run can learn (POST /models); the API's default first. */
export const TARGETS = ['sql', 'customer'] as const
export type Target = (typeof TARGETS)[number]

export function isTarget(value: string | null | undefined): value is Target {
  return TARGETS.includes(value as Target)
}

const WORKING: ReadonlySet<string> = new Set<RunStatus>(['queued', 'running'])

/** A run still queued or running: its page polls until it ends. */
export function isRunWorking(status: string): boolean {
  return WORKING.has(status)
}

/** Progress as a whole percentage, never 100 before the run ended. */
export function progressPercent(run: Pick<ModelRun, 'status' | 'progress'>): number {
  if (!isRunWorking(run.status)) return 100
  return Math.min(99, Math.max(0, Math.floor(run.progress * 100)))
}

export type OutcomeCount = { count: number; minimum: number; enough: boolean; missing: number }

/**
 * Both kinds of outcome against the minimum a run needs of each (the run's own, else the API's): the
 * leads that reached the target and those sent back or closed without.
 */
export function outcomeShortfall(
  outcomes: Pick<Outcomes, 'positives' | 'negatives' | 'minimumPerKind'>,
  minimum: number,
): { positives: OutcomeCount; negatives: OutcomeCount } {
  const needed = outcomes.minimumPerKind ?? minimum
  const of = (count: number): OutcomeCount => ({
    count,
    minimum: needed,
    enough: count >= needed,
    missing: Math.max(0, needed - count),
  })
  return { positives: of(outcomes.positives), negatives: of(outcomes.negatives) }
}

/**
 * Why the chosen model won: its pooled out-of-fold log loss on the training rows against the other's.
 * Null when the figures do not name both (a file trained with one model only).
 */
export function modelChoice(
  figures: Pick<Figures, 'chosen' | 'crossValidation'>,
): { chosen: ModelName; other: ModelName; chosenLogLoss: number; otherLogLoss: number } | null {
  const chosen = figures.crossValidation.find((entry) => entry.name === figures.chosen)
  const other = figures.crossValidation.find((entry) => entry.name !== figures.chosen)
  if (!chosen || !other) return null
  return {
    chosen: chosen.name,
    other: other.name,
    chosenLogLoss: chosen.logLoss,
    otherLogLoss: other.logLoss,
  }
}

/**
 * The upper end of both axes of the reliability chart: the largest predicted or observed rate, rounded
 * up to the next tenth (at least 0.1, at most 1). Both axes share it, so the diagonal is the diagonal.
 */
export function reliabilityScale(bands: readonly ReliabilityBand[]): number {
  const largest = Math.max(0, ...bands.flatMap((band) => [band.meanPredicted, band.observedRate]))
  return Math.min(1, Math.max(0.1, Math.ceil(largest * 10 - 1e-9) / 10))
}

/** The strongest factors first, at most `count` (the API already sorts them; ties keep their order). */
export function strongestOf(importance: readonly Importance[], count: number): Importance[] {
  return [...importance].sort((a, b) => b.meanAbsContribution - a.meanAbsContribution).slice(0, count)
}

/**
 * A feature's column (core/prediction/lead-features.ts) by what it means: a lead field, a count of
 * touchpoints (all, of a type, of a journey stage, hand-raisers, the last 30 days, topics), days active
 * or since the last touch; anything else (a model trained on a CSV file) is its own name.
 */
export type FeatureMeaning =
  | { kind: 'field'; path: LeadField }
  | { kind: 'company'; field: string }
  | { kind: 'custom'; field: string }
  | { kind: 'count'; what: Counted }
  | { kind: 'type'; type: string }
  | { kind: 'stage'; stage: string }
  | { kind: 'days'; what: 'daysActive' | 'daysSinceLastTouch' }
  | { kind: 'other'; name: string }

const FIELDS = ['title', 'country', 'source', 'campaign', 'email.freeMail'] as const
type LeadField = (typeof FIELDS)[number]
const COUNTS = ['touchpoints', 'handRaisers', 'last30Days', 'topics'] as const
type Counted = (typeof COUNTS)[number]

export function featureMeaning(feature: string): FeatureMeaning {
  if (FIELDS.includes(feature as LeadField)) return { kind: 'field', path: feature as LeadField }
  if (feature === 'daysActive' || feature === 'daysSinceLastTouch') return { kind: 'days', what: feature }
  if (feature.startsWith('company.')) return { kind: 'company', field: feature.slice('company.'.length) }
  if (feature.startsWith('custom.')) return { kind: 'custom', field: feature.slice('custom.'.length) }
  if (feature.startsWith('count.type.')) return { kind: 'type', type: feature.slice('count.type.'.length) }
  if (feature.startsWith('count.stage.'))
    return { kind: 'stage', stage: feature.slice('count.stage.'.length) }
  const counted = feature.startsWith('count.') ? feature.slice('count.'.length) : null
  if (counted !== null && COUNTS.includes(counted as Counted))
    return { kind: 'count', what: counted as Counted }
  return { kind: 'other', name: feature }
}
