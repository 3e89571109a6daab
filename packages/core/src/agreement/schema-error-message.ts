// Turns one ajv error into an issue a marketing-ops person can act on: plain words, the exact path,
// and the property or operator named. Branch selection for unions happens in agreement-schema-issues.ts.
import type { ErrorObject } from 'ajv/dist/2020.js'
import { excerpt, type ExpectedKind } from './agreement-issue-codes.ts'
import { issue, pointer, type AgreementIssue } from './agreement-issue.ts'

type SchemaObject = { [keyword: string]: unknown }

const SCORE_THRESHOLDS = ['gte', 'gt', 'lte', 'lt']

/** The issue for a single (non-union) ajv error. */
export function issueForSchemaError(error: ErrorObject): AgreementIssue {
  const path = error.instancePath
  const params = error.params as Record<string, unknown>
  const parent = (error.parentSchema ?? {}) as SchemaObject
  switch (error.keyword) {
    case 'required': {
      const property = String(params.missingProperty)
      return issue(path + pointer(property), 'missing_property', { property })
    }
    case 'additionalProperties':
      return unknownPropertyIssue(path, String(params.additionalProperty), parent)
    case 'minProperties':
    case 'maxProperties':
      return propertyCountIssue(path, parent, error.data)
    case 'type':
      return typeIssue(path, String(params.type), error.data)
    case 'enum':
      return issue(path, 'not_one_of', { allowed: (params.allowedValues as unknown[]).map(String) })
    case 'const': {
      const allowed = params.allowedValue
      const expected = typeof allowed === 'string' ? `'${excerpt(allowed)}'` : String(allowed)
      return issue(path, 'not_constant', { expected })
    }
    case 'pattern':
      return patternIssue(path, String(params.pattern))
    case 'minLength':
      return params.limit === 1
        ? issue(path, 'empty_text', {})
        : issue(path, 'text_too_short', { count: Number(params.limit) })
    case 'maxLength':
      return issue(path, 'text_too_long', { count: Number(params.limit) })
    case 'minItems':
    case 'maxItems':
      if (path.endsWith('/between')) return issue(path, 'between_needs_two', {})
      return itemCountIssue(path, error.keyword, Number(params.limit))
    case 'minimum':
      return issue(path, 'number_below_minimum', { limit: Number(params.limit) })
    case 'maximum':
      return issue(path, 'number_above_maximum', { limit: Number(params.limit) })
    case 'exclusiveMinimum':
      return issue(path, 'number_not_greater', { limit: Number(params.limit) })
    case 'exclusiveMaximum':
      return issue(path, 'number_not_less', { limit: Number(params.limit) })
    case 'format':
      return params.format === 'date'
        ? issue(path, 'invalid_date', {})
        : issue(path, 'invalid_format', { format: String(params.format) })
    case 'uniqueItems': {
      const items = Array.isArray(error.data) ? error.data : []
      return issue(path, 'duplicate_item', { item: excerpt(items[Number(params.j)]) })
    }
    default:
      return issue(path, 'schema_check_failed', {
        keyword: error.keyword,
        detail: error.message ?? `fails the ${error.keyword} check`,
      })
  }
}

function unknownPropertyIssue(path: string, property: string, parent: SchemaObject): AgreementIssue {
  const at = path + pointer(property)
  const known = Object.keys((parent.properties ?? {}) as SchemaObject)
  if (parent.patternProperties) return issue(at, 'invalid_id_key', { key: excerpt(property) })
  const suggestion = closestName(property, known)
  if (known.includes('field') && known.includes('between')) {
    const operator = excerpt(property)
    if (suggestion) return issue(at, 'misspelt_operator', { operator, suggestion })
    return issue(at, 'unknown_operator', { operator, allowed: known.filter((key) => key !== 'field') })
  }
  if (suggestion) return issue(at, 'misspelt_property', { property: excerpt(property), suggestion })
  return issue(at, 'unknown_property', { property: excerpt(property), allowed: known })
}

function propertyCountIssue(path: string, parent: SchemaObject, data: unknown): AgreementIssue {
  const known = Object.keys((parent.properties ?? {}) as SchemaObject)
  if (known.includes('field') && known.includes('between')) {
    const found = Object.keys(isRecord(data) ? data : {}).filter((key) => key !== 'field')
    return issue(path, 'field_operator_count', { found })
  }
  if (known.includes('score')) return issue(path, 'score_threshold_missing', { allowed: SCORE_THRESHOLDS })
  if (known.includes('journeyStage')) return issue(path, 'touchpoint_match_empty', { allowed: known })
  return issue(path, parent.minProperties !== undefined ? 'too_few_properties' : 'too_many_properties', {})
}

function typeIssue(path: string, type: string, data: unknown): AgreementIssue {
  if (path === '') return issue(path, 'agreement_not_mapping', {})
  const expected = type.split(',') as ExpectedKind[]
  return issue(path, data === null ? 'empty_value' : 'wrong_type', { expected })
}

function patternIssue(path: string, pattern: string): AgreementIssue {
  if (pattern.startsWith('^[a-z0-9]')) return issue(path, 'invalid_id', {})
  if (pattern.includes('[01][0-9]')) return issue(path, 'invalid_time', {})
  return issue(path, 'pattern_mismatch', { pattern })
}

function itemCountIssue(path: string, keyword: string, limit: number): AgreementIssue {
  if (keyword === 'maxItems') return issue(path, 'too_many_items', { count: limit })
  return limit === 1 ? issue(path, 'empty_list', {}) : issue(path, 'too_few_items', { count: limit })
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
