// Checks on conditions the schema cannot express: references, field names, ranges, regexes,
// and which kinds of condition make sense where a condition is used.
import type { Condition } from './agreement-document.ts'
import { listOf, pointer, quote, type AgreementIssue } from './agreement-issue.ts'

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
  if (place === 'fit' || place === 'disqualifier') {
    issues.push({ path: at + pointer(kind), message: profileOnlyMessage(place, kind) })
  }
  if ('score' in leaf && leaf.score === 'engagementSinceRecycled' && place !== 'requalify') {
    issues.push({
      path: at + pointer('score'),
      message:
        'engagementSinceRecycled only makes sense in recycling.requalify (points earned since the lead was recycled)',
    })
  }
  if ('signal' in leaf && !context.signals.has(leaf.signal)) {
    const defined =
      context.signals.size > 0
        ? `defined signals: ${[...context.signals].join(', ')}`
        : 'no signals are defined'
    issues.push({ path: at + pointer('signal'), message: `unknown signal ${quote(leaf.signal)}; ${defined}` })
  }
  if ('handRaiser' in leaf && !context.hasHandRaiserRule) {
    issues.push({
      path: at + pointer('handRaiser'),
      message: 'no engagement rule is marked handRaiser: true, so this condition can never be met',
    })
  }
  return issues
}

function profileOnlyMessage(place: 'fit' | 'disqualifier', kind: string): string {
  const allowed = 'field and touchpoint conditions (combined with all, any, not)'
  if (place === 'fit') {
    return kind === 'score'
      ? `fit rules can only use ${allowed}: a fit score that depends on a score is circular`
      : `fit rules can only use ${allowed}; use ${kind} conditions in mql instead`
  }
  return `disqualifiers can only use ${allowed}; ${kind} conditions belong in mql`
}

type FieldCondition = Extract<LeafCondition, { field: string }>

function checkFieldCondition(condition: FieldCondition, at: string): AgreementIssue[] {
  const issues: AgreementIssue[] = []
  if (!isKnownField(condition.field)) {
    issues.push({
      path: at + pointer('field'),
      message: `unknown field ${quote(condition.field)}; use ${listOf(LEAD_FIELDS)}, or custom.<name> for a custom field`,
    })
  }
  if (condition.between && condition.between[0] > condition.between[1]) {
    const [low, high] = condition.between
    issues.push({
      path: at + pointer('between'),
      message: `between [${low}, ${high}]: the first number must not be above the second`,
    })
  }
  if (condition.matches !== undefined) {
    const problem = regexProblem(condition.matches)
    if (problem)
      issues.push({ path: at + pointer('matches'), message: `not a valid regular expression: ${problem}` })
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
