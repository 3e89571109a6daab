// Turns one ajv error into an issue a marketing-ops person can act on: plain words, the exact path,
// and the property or operator named. Branch selection for unions happens in agreement-schema-issues.ts.
import type { ErrorObject } from 'ajv/dist/2020.js'
import { listOf, pointer, quote, type AgreementIssue } from './agreement-issue.ts'

type SchemaObject = { [keyword: string]: unknown }

const FIELD_OPERATORS_HINT = 'equals, in, containsAny, between, …'
const SCORE_THRESHOLDS = ['gte', 'gt', 'lte', 'lt']

/** The issue for a single (non-union) ajv error. */
export function issueForSchemaError(error: ErrorObject): AgreementIssue {
  const path = error.instancePath
  const params = error.params as Record<string, unknown>
  const parent = (error.parentSchema ?? {}) as SchemaObject
  switch (error.keyword) {
    case 'required': {
      const property = String(params.missingProperty)
      return { path: path + pointer(property), message: `missing required property ${quote(property)}` }
    }
    case 'additionalProperties':
      return unknownPropertyIssue(path, String(params.additionalProperty), parent)
    case 'minProperties':
    case 'maxProperties':
      return { path, message: propertyCountMessage(parent, error.data) }
    case 'type':
      return { path, message: typeMessage(path, String(params.type), error.data) }
    case 'enum':
      return { path, message: `must be one of ${listOf((params.allowedValues as unknown[]).map(String))}` }
    case 'const': {
      const allowed = params.allowedValue
      return { path, message: `must be ${typeof allowed === 'string' ? quote(allowed) : String(allowed)}` }
    }
    case 'pattern':
      return { path, message: patternMessage(String(params.pattern)) }
    case 'minLength':
      return {
        path,
        message: params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`,
      }
    case 'maxLength':
      return { path, message: `must be at most ${params.limit} characters` }
    case 'minItems':
    case 'maxItems':
      if (path.endsWith('/between')) return { path, message: 'must be two numbers, [low, high]' }
      return { path, message: itemCountMessage(error.keyword, Number(params.limit)) }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `must be ${BOUND_WORDS[error.keyword]} ${params.limit}` }
    case 'format':
      return {
        path,
        message: params.format === 'date' ? 'must be a date as YYYY-MM-DD' : `must be a ${params.format}`,
      }
    case 'uniqueItems': {
      const items = Array.isArray(error.data) ? error.data : []
      return { path, message: `lists ${quote(items[Number(params.j)])} twice` }
    }
    default:
      return { path, message: error.message ?? `fails the ${error.keyword} check` }
  }
}

const BOUND_WORDS: Record<string, string> = {
  minimum: 'at least',
  maximum: 'at most',
  exclusiveMinimum: 'greater than',
  exclusiveMaximum: 'less than',
}

function unknownPropertyIssue(path: string, property: string, parent: SchemaObject): AgreementIssue {
  const at = path + pointer(property)
  const known = Object.keys((parent.properties ?? {}) as SchemaObject)
  if (parent.patternProperties) {
    return {
      path: at,
      message: `${quote(property)} is not a valid id: use lower-case letters, digits, '_', '.' or '-'`,
    }
  }
  const suggestion = closestName(property, known)
  if (known.includes('field') && known.includes('between')) {
    const operators = known.filter((key) => key !== 'field')
    const hint = suggestion ? `did you mean ${quote(suggestion)}?` : `use one of ${listOf(operators)}`
    return { path: at, message: `unknown operator ${quote(property)} in a field condition; ${hint}` }
  }
  const hint = suggestion ? `did you mean ${quote(suggestion)}?` : `allowed here: ${known.join(', ')}`
  return { path: at, message: `unknown property ${quote(property)}; ${hint}` }
}

function propertyCountMessage(parent: SchemaObject, data: unknown): string {
  const known = Object.keys((parent.properties ?? {}) as SchemaObject)
  if (known.includes('field') && known.includes('between')) {
    const operators = Object.keys(isRecord(data) ? data : {}).filter((key) => key !== 'field')
    const found = operators.length === 0 ? 'found none' : `found ${listOf(operators, 'and')}`
    return `a field condition needs exactly one operator (${FIELD_OPERATORS_HINT}); ${found}`
  }
  if (known.includes('score')) return `a score condition needs a threshold: ${listOf(SCORE_THRESHOLDS)}`
  if (known.includes('journeyStage')) return `a touchpoint match needs at least one of ${listOf(known)}`
  return `must have ${parent.minProperties !== undefined ? 'more' : 'fewer'} properties`
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'null',
}

/** Words for a JSON type, also used to describe union branches. */
export function typeWords(type: string): string {
  return TYPE_WORDS[type] ?? type
}

function typeMessage(path: string, type: string, data: unknown): string {
  if (path === '') return 'the agreement must be a mapping (key: value) with name, fit, engagement and mql'
  const expected = type.split(',').map(typeWords).join(' or ')
  return data === null ? `is empty; it must be ${expected}` : `must be ${expected}`
}

function patternMessage(pattern: string): string {
  if (pattern.startsWith('^[a-z0-9]'))
    return "must be a lower-case id: letters, digits, '_', '.' or '-', e.g. 'web_leads'"
  if (pattern.includes('[01][0-9]')) return "must be a time as HH:MM, e.g. '08:00'"
  return `does not have the expected form (${pattern})`
}

function itemCountMessage(keyword: string, limit: number): string {
  if (keyword === 'minItems')
    return limit === 1 ? 'must list at least one item' : `must list at least ${limit} items`
  return `must list at most ${limit} items`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A likely intended name for a typo, or undefined. */
// Suggest only near misses: short names like `in`/`lt` are one or two edits apart from each other.
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const tolerance = name.length <= 4 ? 1 : 2
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    if (distance <= tolerance && (!best || distance < best.distance)) best = { candidate, distance }
  }
  return best?.candidate
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
