// Checks on conditions the schema cannot express: references, field names, ranges, regexes,
// and which kinds of condition make sense where a condition is used.
import type { Condition } from './agreement-document.ts'
import { excerpt } from './agreement-issue-codes.ts'
import { issue, pointer, type AgreementIssue } from './agreement-issue.ts'

/** Lead and company fields a field condition may name; anything under `custom.` is a custom field. */
export const LEAD_FIELDS = [
  'email',
  'email.domain',
  'firstName',
  'lastName',
  'title',
  'phone',
  'country',
  'source',
  'lane',
  'company.name',
  'company.domain',
  'company.industry',
  'company.employees',
  'company.country',
  'company.postcode',
  'company.region',
] as const

/** Where a condition is used; fit rules and disqualifiers see only who the lead is and what it did. */
export type ConditionPlace = 'fit' | 'disqualifier' | 'mql' | 'requalify' | 'territory'

export type ConditionContext = { signals: ReadonlySet<string>; hasHandRaiserRule: boolean }

type LeafCondition = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>

/** All issues of one condition tree at `path`, used at `place`. */
export function checkCondition(
  condition: Condition,
  path: string,
  place: ConditionPlace,
  context: ConditionContext,
): AgreementIssue[] {
  return [...leavesOf(condition, path)].flatMap(({ leaf, at }) => checkLeaf(leaf, at, place, context))
}

function* leavesOf(condition: Condition, path: string): Generator<{ leaf: LeafCondition; at: string }> {
  if ('all' in condition) {
    for (const [index, child] of condition.all.entries()) yield* leavesOf(child, path + pointer('all', index))
  } else if ('any' in condition) {
    for (const [index, child] of condition.any.entries()) yield* leavesOf(child, path + pointer('any', index))
  } else if ('not' in condition) {
    yield* leavesOf(condition.not, path + pointer('not'))
  } else {
    yield { leaf: condition, at: path }
  }
}

function checkLeaf(
  leaf: LeafCondition,
  at: string,
  place: ConditionPlace,
  context: ConditionContext,
): AgreementIssue[] {
  if ('field' in leaf) return checkFieldCondition(leaf, at)
  if ('touchpoints' in leaf) return []
  const issues: AgreementIssue[] = []
  const kind = 'score' in leaf ? 'score' : 'signal' in leaf ? 'signal' : 'handRaiser'
  if (place === 'fit' || place === 'disqualifier')
    issues.push(profileOnlyIssue(at + pointer(kind), place, kind))
  if ('score' in leaf && leaf.score === 'engagementSinceRecycled' && place !== 'requalify') {
    issues.push(issue(at + pointer('score'), 'recycled_score_outside_requalify', {}))
  }
  if ('signal' in leaf && !context.signals.has(leaf.signal)) {
    issues.push(
      issue(at + pointer('signal'), 'unknown_signal', {
        signal: excerpt(leaf.signal),
        signals: [...context.signals],
      }),
    )
  }
  if ('handRaiser' in leaf && !context.hasHandRaiserRule) {
    issues.push(issue(at + pointer('handRaiser'), 'no_hand_raiser_rule', {}))
  }
  return issues
}

function profileOnlyIssue(path: string, place: 'fit' | 'disqualifier', kind: string): AgreementIssue {
  if (place === 'disqualifier') return issue(path, 'behaviour_in_disqualifier', { kind })
  return kind === 'score'
    ? issue(path, 'score_in_fit_rule', {})
    : issue(path, 'behaviour_in_fit_rule', { kind })
}

type FieldCondition = Extract<LeafCondition, { field: string }>

function checkFieldCondition(condition: FieldCondition, at: string): AgreementIssue[] {
  const issues: AgreementIssue[] = []
  if (!isKnownField(condition.field)) {
    issues.push(
      issue(at + pointer('field'), 'unknown_field', { field: excerpt(condition.field), fields: LEAD_FIELDS }),
    )
  }
  if (condition.between && condition.between[0] > condition.between[1]) {
    const [low, high] = condition.between
    issues.push(issue(at + pointer('between'), 'between_reversed', { low, high }))
  }
  if (condition.matches !== undefined) {
    const problem = regexProblem(condition.matches)
    if (problem) issues.push(issue(at + pointer('matches'), 'invalid_regex', { detail: problem }))
  }
  return issues
}

function isKnownField(field: string): boolean {
  return (LEAD_FIELDS as readonly string[]).includes(field) || /^custom\.\S+$/.test(field)
}

// Checked with the `u` flag: whatever compiles under it also compiles without, so evaluators may use either.
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'iu')
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error)
  }
}
