// ajv reports every branch of a failed union (`anyOf`): for one mistyped condition that is a dozen
// errors about eight kinds of condition the user never meant. This module rebuilds which errors belong
// to which union, picks the branch the user evidently meant, and reports only that branch's errors.
import type { ErrorObject } from 'ajv/dist/2020.js'
import { listOf, pointerSegments, quote, type AgreementIssue } from './agreement-issue.ts'
import { closestName, issueForSchemaError, typeWords } from './schema-error-message.ts'

type SchemaObject = { [keyword: string]: unknown }
type ErrorNode = { error: ErrorObject; branches?: ErrorNode[] }

const CONDITION_KEYS = ['all', 'any', 'not', 'field', 'score', 'touchpoints', 'signal', 'handRaiser']

/** Issues for ajv's errors (run with allErrors and verbose), unions reduced to the intended branch. */
export function issuesForSchemaErrors(errors: readonly ErrorObject[]): AgreementIssue[] {
  const issues = buildErrorTree(withoutTypoFollowUps(withoutTypeFollowUps(errors))).flatMap(issuesForNode)
  const seen = new Set<string>()
  return issues.filter((issue) => {
    const key = `${issue.path}\n${issue.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

// ajv emits a union's branch errors right before the union's own error, all at or below its path,
// and drops them if a branch passes. So the trailing run of errors below that path is the union's.
function buildErrorTree(errors: readonly ErrorObject[]): ErrorNode[] {
  const nodes: ErrorNode[] = []
  for (const error of errors) {
    if (error.keyword !== 'anyOf') {
      nodes.push({ error })
      continue
    }
    let start = nodes.length
    while (start > 0 && isAtOrBelow(nodes[start - 1]!.error.instancePath, error.instancePath)) start--
    nodes.push({ error, branches: nodes.splice(start) })
  }
  return nodes
}

// A value of the wrong type also fails the schema's other keywords (`handRaiser: yes` fails both
// `type: boolean` and `const: true`); the type error alone says what to fix.
function withoutTypeFollowUps(errors: readonly ErrorObject[]): ErrorObject[] {
  const typeErrors = errors.filter((error) => error.keyword === 'type')
  return errors.filter(
    (error) =>
      error.keyword === 'type' ||
      !typeErrors.some(
        (typeError) =>
          typeError.instancePath === error.instancePath && typeError.parentSchema === error.parentSchema,
      ),
  )
}

// `halfLifeDay: 30` is both an unknown property and a missing `halfLifeDays`; the typo hint says it all.
function withoutTypoFollowUps(errors: readonly ErrorObject[]): ErrorObject[] {
  return errors.filter((error) => {
    if (error.keyword !== 'required') return true
    const missing = String(error.params.missingProperty)
    return !errors.some(
      (other) =>
        other.keyword === 'additionalProperties' &&
        other.instancePath === error.instancePath &&
        other.parentSchema === error.parentSchema &&
        closestName(String(other.params.additionalProperty), [missing]) === missing,
    )
  })
}

function issuesForNode(node: ErrorNode): AgreementIssue[] {
  if (!node.branches) return [issueForSchemaError(node.error)]
  const choice = chooseBranch(node.error, groupByBranch(node))
  return 'issue' in choice ? [choice.issue] : choice.nodes.flatMap(issuesForNode)
}

type BranchChoice = { issue: AgreementIssue } | { nodes: ErrorNode[] }

function chooseBranch(union: ErrorObject, byBranch: Map<number, ErrorNode[]>): BranchChoice {
  const path = union.instancePath
  const branches = union.schema as SchemaObject[]
  const data: unknown = union.data
  if (branches.every((branch) => 'const' in branch)) {
    return {
      issue: { path, message: `must be one of ${listOf(branches.map((branch) => String(branch.const)))}` },
    }
  }
  if (isConditionUnion(branches)) {
    const present = isRecord(data) ? CONDITION_KEYS.filter((key) => key in data) : []
    if (present.length !== 1) return { issue: { path, message: conditionKindMessage(present, data) } }
  }
  const fitting = [...branches.keys()].filter((index) => isOfType(data, branches[index]!.type))
  if (fitting.length === 0) {
    return { issue: { path, message: `must be ${listOf(unique(branches.map(describeBranch)))}` } }
  }
  // The branch whose distinguishing (required) key the user wrote is the one they meant.
  const keyed = isRecord(data)
    ? fitting.filter((index) => requiredKeys(branches[index]!).some((key) => key in data))
    : []
  const candidates = keyed.length > 0 ? keyed : fitting
  const best = candidates
    .map((index) => ({ index, nodes: byBranch.get(index) ?? [] }))
    .sort((a, b) => a.nodes.length - b.nodes.length || maxDepth(b.nodes) - maxDepth(a.nodes))[0]!
  return { nodes: best.nodes }
}

function groupByBranch(node: ErrorNode): Map<number, ErrorNode[]> {
  const union = node.error
  const prefix = `${union.schemaPath}/`
  const branches = union.schema as SchemaObject[]
  const depth = pointerSegments(union.instancePath).length
  const groups = new Map<number, ErrorNode[]>()
  for (const child of node.branches ?? []) {
    let index = -1
    if (child.error.schemaPath.startsWith(prefix)) {
      index = Number(child.error.schemaPath.slice(prefix.length).split('/')[0])
    } else {
      // A nested condition is checked through `$ref`, which restarts schemaPath at the definition;
      // the property it sits under (all, any, not) tells the branch instead.
      const property = pointerSegments(child.error.instancePath)[depth]
      index = branches.findIndex((branch) => property !== undefined && property in propertiesOf(branch))
    }
    groups.set(index, [...(groups.get(index) ?? []), child])
  }
  return groups
}

function conditionKindMessage(present: string[], data: unknown): string {
  const kinds = listOf(CONDITION_KEYS)
  if (!isRecord(data)) return `must be a condition: a mapping with one of ${kinds}`
  if (present.length === 0) {
    const found = Object.keys(data)
    const typo = found
      .map((key) => [key, closestName(key, CONDITION_KEYS)] as const)
      .find(([, intended]) => intended)
    if (typo)
      return `not a condition: ${quote(typo[0])} is not a condition key; did you mean ${quote(typo[1])}?`
    const listed = found.length
      ? ` (found ${listOf(
          found.map((key) => quote(key)),
          'and',
        )})`
      : ''
    return `not a condition: it needs one of ${kinds}${listed}`
  }
  return `a condition has exactly one of ${kinds}, found ${listOf(present, 'and')}; combine several with all or any`
}

function isConditionUnion(branches: SchemaObject[]): boolean {
  const keys = branches.map((branch) => requiredKeys(branch)[0])
  return CONDITION_KEYS.every((key) => keys.includes(key))
}

function describeBranch(branch: SchemaObject): string {
  if (branch.type === 'object' && requiredKeys(branch).length > 0) {
    return `a mapping with ${listOf(requiredKeys(branch), 'and')}`
  }
  if (branch.type === 'array' && isRecord(branch.items) && typeof branch.items.type === 'string') {
    return `a list of ${branch.items.type === 'string' ? 'texts' : typeWords(branch.items.type).replace(/^an? /, '') + 's'}`
  }
  return typeof branch.type === 'string' ? typeWords(branch.type) : 'another kind of value'
}

function isOfType(data: unknown, type: unknown): boolean {
  if (typeof type !== 'string') return true
  switch (type) {
    case 'null':
      return data === null
    case 'array':
      return Array.isArray(data)
    case 'object':
      return isRecord(data)
    case 'integer':
      return Number.isInteger(data)
    default:
      return typeof data === type
  }
}

function requiredKeys(branch: SchemaObject): string[] {
  return Array.isArray(branch.required) ? branch.required.map(String) : []
}

function propertiesOf(branch: SchemaObject): Record<string, unknown> {
  return isRecord(branch.properties) ? branch.properties : {}
}

function maxDepth(nodes: ErrorNode[]): number {
  return Math.max(0, ...nodes.map((node) => pointerSegments(node.error.instancePath).length))
}

function isAtOrBelow(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
