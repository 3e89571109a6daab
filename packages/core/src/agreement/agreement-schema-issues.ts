// ajv reports every branch of a failed union (`anyOf`): for one mistyped condition that is a dozen
// errors about eight kinds of condition the user never meant. This module rebuilds which errors belong
// to which union, picks the branch the user evidently meant, and reports only that branch's errors.
import type { ErrorObject } from 'ajv/dist/2020.js'
import { excerpt, type ExpectedKind } from './agreement-issue-codes.ts'
import { issue, pointerSegments, type AgreementIssue } from './agreement-issue.ts'
import { closestName, issueForSchemaError } from './schema-error-message.ts'

type SchemaObject = { [keyword: string]: unknown }
type ErrorNode = { error: ErrorObject; branches?: ErrorNode[] }

const CONDITION_KEYS = ['all', 'any', 'not', 'field', 'score', 'touchpoints', 'signal', 'handRaiser']

/** Issues for ajv's errors (run with allErrors and verbose), unions reduced to the intended branch. */
export function issuesForSchemaErrors(errors: readonly ErrorObject[]): AgreementIssue[] {
  const issues = buildErrorTree(withoutTypoFollowUps(withoutTypeFollowUps(errors))).flatMap(issuesForNode)
  const seen = new Set<string>()
  return issues.filter((found) => {
    const key = `${found.path}\n${found.message}`
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
    return { issue: issue(path, 'not_one_of', { allowed: branches.map((branch) => String(branch.const)) }) }
  }
  if (isConditionUnion(branches)) {
    const present = isRecord(data) ? CONDITION_KEYS.filter((key) => key in data) : []
    if (present.length !== 1) return { issue: conditionKindIssue(path, present, data) }
  }
  const fitting = [...branches.keys()].filter((index) => isOfType(data, branches[index]!.type))
  if (fitting.length === 0) return { issue: expectedBranchesIssue(path, branches, data) }
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

function conditionKindIssue(path: string, present: string[], data: unknown): AgreementIssue {
  const kinds = CONDITION_KEYS
  if (!isRecord(data)) return issue(path, 'not_a_condition', { kinds })
  if (present.length === 0) {
    const found = Object.keys(data)
    const typo = found
      .map((key) => [key, closestName(key, CONDITION_KEYS)] as const)
      .find(([, intended]) => intended)
    if (typo) return issue(path, 'misspelt_condition_key', { key: excerpt(typo[0]), suggestion: typo[1]! })
    return issue(path, 'condition_kind_missing', { kinds, found: found.map(excerpt) })
  }
  return issue(path, 'condition_kinds_several', { kinds, found: present })
}

function isConditionUnion(branches: SchemaObject[]): boolean {
  const keys = branches.map((branch) => requiredKeys(branch)[0])
  return CONDITION_KEYS.every((key) => keys.includes(key))
}

// Describes each branch by kind; a mapping branch with required keys names them (the schema's unions
// have at most one such branch, so one list of keys serves the message).
// A key written without a value (`name:`) is null: say it is empty, as for a single-type property.
function expectedBranchesIssue(path: string, branches: SchemaObject[], data: unknown): AgreementIssue {
  const expected = unique(branches.map(branchKind))
  const mapping = branches.find((branch) => branchKind(branch) === 'mapping_with')
  const code = data === null ? 'empty_value' : 'wrong_type'
  return mapping
    ? issue(path, code, { expected, keys: requiredKeys(mapping) })
    : issue(path, code, { expected })
}

function branchKind(branch: SchemaObject): ExpectedKind {
  if (branch.type === 'object' && requiredKeys(branch).length > 0) return 'mapping_with'
  if (branch.type === 'array' && isRecord(branch.items) && typeof branch.items.type === 'string') {
    return `list_of_${branch.items.type}` as ExpectedKind
  }
  return typeof branch.type === 'string' ? (branch.type as ExpectedKind) : 'other'
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

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}
