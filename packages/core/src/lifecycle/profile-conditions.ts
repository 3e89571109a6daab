// What a fold may keep between moments: conditions that read only the lead's fields give the same
// answer as long as the lead's fields, lane and source are the same, and most fit rules and many
// disqualifiers are such conditions. The fold evaluates them at every touchpoint; most touchpoints
// carry the same fields as the one before, so their answers are kept instead (replay-lead.ts).
import type { CompiledAgreement } from '../agreement/compile-agreement.ts'
import type { Condition } from '../agreement/agreement-document.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'

/** Which rules of an agreement read nothing but the lead's fields (and/or/not of `field` conditions). */
export type ProfileRules = {
  /** every fit rule: the fit score is then a function of the lead's fields alone */
  fit: boolean
  /** per disqualifier, in the agreement's order */
  disqualifiers: readonly boolean[]
}

const known = new WeakMap<CompiledAgreement, ProfileRules>()

export function profileRulesOf(agreement: CompiledAgreement): ProfileRules {
  let rules = known.get(agreement)
  if (!rules) {
    const document = agreement.document
    rules = {
      fit: document.fit.rules.every((rule) => readsOnlyFields(rule.when)),
      disqualifiers: (document.disqualifiers ?? []).map((rule) => readsOnlyFields(rule.when)),
    }
    known.set(agreement, rules)
  }
  return rules
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
