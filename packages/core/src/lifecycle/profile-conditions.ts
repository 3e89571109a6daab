// What a fold may keep between moments: conditions that read only the lead's fields give the same
// answer as long as the lead's fields, lane and source are the same, and most fit rules and many
// disqualifiers are such conditions. The fold evaluates them at every touchpoint; most touchpoints
// carry the same fields as the one before, so their answers are kept instead (replay-lead.ts).
import type { CompiledAgreement, CompiledDisqualifier, CompiledLane } from '../agreement/compile-agreement.ts'
import type { Condition } from '../agreement/agreement-document.ts'
import type { ConditionContext } from '../agreement/compile-condition.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import { fitScore } from '../scoring/score-lead.ts'

/** Which rules of an agreement read nothing but the lead's fields (and/or/not of `field` conditions). */
export type ProfileRules = {
  /** every fit rule: the fit score is then a function of the lead's fields alone */
  fit: boolean
  /** per disqualifier, in the agreement's order */
  disqualifiers: readonly boolean[]
}

type Known = {
  rules: ProfileRules
  /** whether a fit rule or disqualifier reads the lead's lane or source (few do) */
  readsPlace: boolean
}

const known = new WeakMap<CompiledAgreement, Known>()

export function profileRulesOf(agreement: CompiledAgreement): ProfileRules {
  return knownOf(agreement).rules
}

function knownOf(agreement: CompiledAgreement): Known {
  let found = known.get(agreement)
  if (!found) {
    const document = agreement.document
    const conditions = [...document.fit.rules, ...(document.disqualifiers ?? [])].map((rule) => rule.when)
    found = {
      rules: {
        fit: document.fit.rules.every((rule) => readsOnlyFields(rule.when)),
        disqualifiers: (document.disqualifiers ?? []).map((rule) => readsOnlyFields(rule.when)),
      },
      readsPlace: conditions.some((condition) => readsField(condition, PLACE_FIELDS)),
    }
    known.set(agreement, found)
  }
  return found
}

const PLACE_FIELDS: ReadonlySet<string> = new Set(['lane', 'source'])

/** What one version's rules decided for a lead's fields, lane and source. */
type Decided = {
  agreement: CompiledAgreement
  rules: ProfileRules
  readsPlace: boolean
  fit: number | undefined
  /** per disqualifier that reads only fields: whether it held */
  answers: Array<boolean | undefined>
  lane: CompiledLane | undefined
}

/**
 * The lead as conditions see it, with what its fields alone decide under each version (the fit score,
 * field-only disqualifiers, the lane of its source): a fold keeps one while the lead's fields, lane and
 * source stay the same, which is most of its moments.
 */
export class SeenLead {
  readonly profile: LeadProfile
  readonly lane: string | undefined
  readonly source: string | undefined
  /** the profile with lane and source, as conditions read it */
  readonly lead: LeadProfile
  // A fold meets one version, or a few: a list beats a map.
  readonly #decided: Decided[] = []

  constructor(profile: LeadProfile, lane: string | undefined, source: string | undefined) {
    this.profile = profile
    this.lane = lane
    this.source = source
    this.lead = { ...profile, lane, source }
  }

  isOf(profile: LeadProfile, lane: string | undefined, source: string | undefined): boolean {
    return this.profile === profile && this.lane === lane && this.source === source
  }

  /**
   * The same fields in another lane or from another source (a lead entering its lifecycle): what the
   * fields decided under versions none of whose rules read lane or source is kept.
   */
  placedIn(lane: string | undefined, source: string | undefined): SeenLead {
    const placed = new SeenLead(this.profile, lane, source)
    for (const decided of this.#decided) {
      if (!decided.readsPlace)
        placed.#decided.push({ ...decided, answers: [...decided.answers], lane: undefined })
    }
    return placed
  }

  /** The fit score, taken once per version when every fit rule reads only fields. */
  fitUnder(agreement: CompiledAgreement, context: ConditionContext): number {
    const decided = this.#decidedUnder(agreement)
    if (!decided.rules.fit) return fitScore(agreement, context)
    return (decided.fit ??= fitScore(agreement, context))
  }

  /** The first disqualifier that holds; those reading only fields answer as they did for these fields. */
  disqualifierUnder(
    agreement: CompiledAgreement,
    context: ConditionContext,
  ): CompiledDisqualifier | undefined {
    const decided = this.#decidedUnder(agreement)
    const fieldsOnly = decided.rules.disqualifiers
    const rules = agreement.disqualifiers
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]!
      const holds = fieldsOnly[index]
        ? (decided.answers[index] ??= rule.condition.test(context))
        : rule.condition.test(context)
      if (holds) return rule
    }
    return undefined
  }

  /** The lane of the lead's source under a version. */
  laneUnder(agreement: CompiledAgreement): CompiledLane {
    const decided = this.#decidedUnder(agreement)
    return (decided.lane ??= agreement.laneForSource(this.source))
  }

  #decidedUnder(agreement: CompiledAgreement): Decided {
    for (const decided of this.#decided) if (decided.agreement === agreement) return decided
    const { rules, readsPlace } = knownOf(agreement)
    const decided: Decided = {
      agreement,
      rules,
      readsPlace,
      fit: undefined,
      answers: [],
      lane: undefined,
    }
    this.#decided.push(decided)
    return decided
  }
}

function readsField(condition: Condition, fields: ReadonlySet<string>): boolean {
  if ('all' in condition) return condition.all.some((part) => readsField(part, fields))
  if ('any' in condition) return condition.any.some((part) => readsField(part, fields))
  if ('not' in condition) return readsField(condition.not, fields)
  return 'field' in condition && fields.has(condition.field)
}

function readsOnlyFields(condition: Condition): boolean {
  if ('all' in condition) return condition.all.every(readsOnlyFields)
  if ('any' in condition) return condition.any.every(readsOnlyFields)
  if ('not' in condition) return readsOnlyFields(condition.not)
  return 'field' in condition
}

/**
 * Whether two profiles hold the same fields (company and custom compared one level deep, as
 * mergeLeadFields builds them). Equal profiles also list their keys in the same order: a merge
 * keeps the places of the keys it had and appends new ones.
 */
export function isSameProfile(a: LeadProfile, b: LeadProfile): boolean {
  if (a === b) return true
  const keys = Object.keys(a) as Array<keyof LeadProfile>
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false
    if (key === 'company' || key === 'custom') {
      if (!isSameRecord(a[key], b[key])) return false
    } else if (a[key] !== b[key]) return false
  }
  return true
}

function isSameRecord(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false
    if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false
  }
  return true
}
