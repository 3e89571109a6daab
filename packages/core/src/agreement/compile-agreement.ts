// Compiles a validated agreement document once into evaluators shared by live ingestion and backtests.
import type { AgreementDocument, CapPeriod, RecycleReason, SourceLane } from './agreement-document.ts'
import { compileCondition, compileTouchpointMatch, type CompiledCondition } from './compile-condition.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { localizedText, type LocalizedText } from '../explanation/explanation.ts'

const DAY_MS = 86_400_000

export type CompiledFitRule = {
  id: string
  label: LocalizedText
  points: number
  condition: CompiledCondition
}

export type CompiledEngagementRule = {
  id: string
  label: LocalizedText
  points: number
  handRaiser: boolean
  /** null: the points never fade */
  halfLifeMs: number | null
  cap: { points?: number; count?: number; per: CapPeriod } | undefined
  matches: (touchpoint: Touchpoint) => boolean
  /** `matches` for a touchpoint of a type the rule admits (engagementRulesForType): the rest of its `when` */
  matchesAdmitted: (touchpoint: Touchpoint) => boolean
}

export type CompiledDisqualifier = {
  id: string
  label: LocalizedText
  reason: string
  condition: CompiledCondition
}

export type CompiledLane = {
  id: string
  label: LocalizedText
  entryStage: 'lead' | 'sal'
  ownerProperty: string | undefined
  emailNurture: 'allowed' | 'requiresConsent' | 'never'
  mql: CompiledCondition
}

export type CompiledAgreement = {
  document: AgreementDocument
  timezone: string
  fitRules: readonly CompiledFitRule[]
  engagementRules: readonly CompiledEngagementRule[]
  disqualifiers: readonly CompiledDisqualifier[]
  lanes: readonly CompiledLane[]
  laneForSource: (source: string | undefined) => CompiledLane
  recycling: {
    coolDownMs: number
    requalify: CompiledCondition | undefined
    /** a hand-raiser during a cool-down ends it at once (`recycling.handRaiserEndsCoolDown`) */
    handRaiserEndsCoolDown: boolean
    reasons: ReadonlyMap<string, RecycleReason>
  }
  isHandRaiser: (touchpoint: Touchpoint) => boolean
  /**
   * Indices of the engagement rules that may match a touchpoint of this type, in rule order: those
   * naming the type and those naming none. The rest cannot match, so crediting skips them.
   */
  engagementRulesForType: (type: string) => readonly number[]
  /**
   * The conditions of the rules that move a lead (MQL of every lane, disqualifiers, requalification)
   * that time alone can make true; empty for most agreements, whose rules fire only when input arrives.
   */
  timeRules: readonly CompiledCondition[]
}

export const DEFAULT_LANE_ID = 'default'

/**
 * Compiles a document that already passed validateAgreement.
 *
 * @example
 * const agreement = compileAgreement(document)
 * const score = scoreLead(agreement, profile, touchpoints, now)
 */
export function compileAgreement(document: AgreementDocument): CompiledAgreement {
  const signals = document.signals ?? {}
  const defaultHalfLife = document.engagement.halfLifeDays
  const engagementRules = document.engagement.rules.map((rule): CompiledEngagementRule => {
    const halfLifeDays = rule.halfLifeDays === undefined ? defaultHalfLife : rule.halfLifeDays
    return {
      id: rule.id,
      label: localizedText(rule.label, rule.id),
      points: rule.points,
      handRaiser: rule.handRaiser ?? false,
      halfLifeMs: halfLifeDays === null ? null : halfLifeDays * DAY_MS,
      cap: rule.cap,
      matches: compileTouchpointMatch(rule.when),
      matchesAdmitted: compileTouchpointMatch({ ...rule.when, type: undefined }),
    }
  })
  const handRaiserRules = engagementRules.filter((rule) => rule.handRaiser)
  const engagementRulesForType = rulesByType(document.engagement.rules.map((rule) => rule.when.type))
  const globalMql = compileCondition(document.mql, signals)
  const lanes = (document.sources ?? []).map((lane) => compileLane(lane, globalMql, signals))
  const defaultLane =
    lanes.find((lane) => lane.id === document.defaultSource) ??
    lanes[0] ??
    compileLane({ id: DEFAULT_LANE_ID, sources: ['*'] }, globalMql, signals)
  const laneBySource = new Map<string, CompiledLane>()
  for (const [index, lane] of (document.sources ?? []).entries()) {
    for (const source of lane.sources) laneBySource.set(source.toLowerCase(), lanes[index]!)
  }
  const recycling = document.recycling
  const requalify = recycling?.requalify ? compileCondition(recycling.requalify, signals) : undefined
  const disqualifiers = (document.disqualifiers ?? []).map((rule) => ({
    id: rule.id,
    label: localizedText(rule.label, rule.id),
    reason: rule.reason,
    condition: compileCondition(rule.when, signals),
  }))
  const allLanes = lanes.length > 0 ? lanes : [defaultLane]
  return {
    document,
    timezone: document.timezone ?? 'Europe/Berlin',
    fitRules: document.fit.rules.map((rule) => ({
      id: rule.id,
      label: localizedText(rule.label, rule.id),
      points: rule.points,
      condition: compileCondition(rule.when, signals),
    })),
    engagementRules,
    disqualifiers,
    lanes: allLanes,
    laneForSource: (source) => (source && laneBySource.get(source.toLowerCase())) || defaultLane,
    recycling: {
      coolDownMs: (recycling?.coolDownDays ?? 30) * DAY_MS,
      requalify,
      handRaiserEndsCoolDown: recycling?.handRaiserEndsCoolDown ?? false,
      reasons: new Map((recycling?.reasons ?? []).map((reason) => [reason.id, reason])),
    },
    // A loop: a callback closing over the touchpoint would be made for every touchpoint of every fold.
    isHandRaiser: (touchpoint) => {
      for (const rule of handRaiserRules) if (rule.matches(touchpoint)) return true
      return false
    },
    engagementRulesForType,
    timeRules: [
      ...allLanes.map((lane) => lane.mql),
      ...disqualifiers.map((rule) => rule.condition),
      ...(requalify ? [requalify] : []),
    ].filter((condition) => condition.risesWithTime),
  }
}

function compileLane(
  lane: SourceLane,
  globalMql: CompiledCondition,
  signals: NonNullable<AgreementDocument['signals']>,
): CompiledLane {
  return {
    id: lane.id,
    label: localizedText(lane.label, lane.id),
    entryStage: lane.entryStage ?? 'lead',
    ownerProperty: lane.ownerProperty,
    emailNurture: lane.emailNurture ?? 'allowed',
    mql: lane.mql ? compileCondition(lane.mql, signals) : globalMql,
  }
}

// A workspace has a few dozen touchpoint types (custom ones included); the lists are made on first sight.
const MAX_TYPES = 1_000

/** Per touchpoint type, the rules whose `type` (any case) admits it; rules without one admit every type. */
function rulesByType(types: ReadonlyArray<string | readonly string[] | undefined>) {
  const admitted = types.map((type) =>
    type === undefined
      ? undefined
      : new Set((Array.isArray(type) ? type : [type]).map((one) => one.toLowerCase())),
  )
  const byType = new Map<string, readonly number[]>()
  return (type: string): readonly number[] => {
    let rules = byType.get(type)
    if (!rules) {
      const lower = type.toLowerCase()
      rules = admitted.flatMap((set, index) => (set === undefined || set.has(lower) ? [index] : []))
      if (byType.size >= MAX_TYPES) byType.clear()
      byType.set(type, rules)
    }
    return rules
  }
}
