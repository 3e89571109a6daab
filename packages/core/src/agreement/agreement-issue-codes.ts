// Every kind of agreement issue: a stable code, the params its message needs, and the English message
// built from exactly those params. Clients translate by code and params; the API keeps the English
// message, and because both come from one entry they cannot drift apart.
// Params are flat (text, numbers, lists of text) so they survive JSON and i18next interpolation.
// Conventions the web catalogue relies on: `count` selects plural forms; `noun` and `expected` take
// values from ISSUE_TERMS, which the catalogue translates; user-written values are excerpts (see excerpt).

type NoParams = Record<string, never>

/** JSON Schema types, as ajv names them in type errors. */
export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const
type JsonType = (typeof JSON_TYPES)[number]

/** What a value should have been: a JSON type, a list of one, a mapping with given keys, or other. */
export type ExpectedKind = JsonType | `list_of_${JsonType}` | 'mapping_with' | 'other'

/** Lists whose ids must be unique, named in duplicate_id. */
export const ID_LIST_NOUNS = [
  'fit_rule',
  'engagement_rule',
  'disqualifier',
  'source_lane',
  'recycle_reason',
  'team',
  'checklist',
  'checklist_item',
  'deal_stage',
] as const
export type IdListNoun = (typeof ID_LIST_NOUNS)[number]

const EXPECTED_KINDS: readonly ExpectedKind[] = [
  ...JSON_TYPES,
  ...JSON_TYPES.map((type) => `list_of_${type}` as const),
  'mapping_with',
  'other',
]

/** Param values from closed sets, by param name; catalogues translate each value. */
export const ISSUE_TERMS: Readonly<Record<'noun' | 'expected', readonly string[]>> = {
  noun: ID_LIST_NOUNS,
  expected: EXPECTED_KINDS,
}

const CONDITION_PLACES_ALLOWED = 'field and touchpoint conditions (combined with all, any, not)'
const FIELD_OPERATORS_HINT = 'equals, in, containsAny, between, …'

const NOUN_WORDS: Record<IdListNoun, string> = {
  fit_rule: 'fit rule',
  engagement_rule: 'engagement rule',
  disqualifier: 'disqualifier',
  source_lane: 'source lane',
  recycle_reason: 'recycle reason',
  team: 'team',
  checklist: 'checklist',
  checklist_item: 'checklist item',
  deal_stage: 'deal stage',
}

const TYPE_WORDS: Record<JsonType, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'null',
}

type Expectation = { expected: readonly ExpectedKind[]; keys?: readonly string[] }

const ISSUE_MESSAGES = {
  // Shape (JSON Schema)
  agreement_not_mapping: (_: NoParams) =>
    'the agreement must be a mapping (key: value) with name, fit, engagement and mql',
  missing_property: (p: { property: string }) => `missing required property ${quote(p.property)}`,
  unknown_property: (p: { property: string; allowed: readonly string[] }) =>
    `unknown property ${quote(p.property)}; allowed here: ${p.allowed.join(', ')}`,
  misspelt_property: (p: { property: string; suggestion: string }) =>
    `unknown property ${quote(p.property)}; did you mean ${quote(p.suggestion)}?`,
  invalid_id_key: (p: { key: string }) =>
    `${quote(p.key)} is not a valid id: use lower-case letters, digits, '_', '.' or '-'`,
  too_few_properties: (_: NoParams) => 'must have more properties',
  too_many_properties: (_: NoParams) => 'must have fewer properties',
  wrong_type: (p: Expectation) => `must be ${expectationWords(p)}`,
  empty_value: (p: Expectation) => `is empty; it must be ${expectationWords(p)}`,
  not_one_of: (p: { allowed: readonly string[] }) => `must be one of ${listOf(p.allowed)}`,
  not_constant: (p: { expected: string }) => `must be ${p.expected}`,
  invalid_id: (_: NoParams) => "must be a lower-case id: letters, digits, '_', '.' or '-', e.g. 'web_leads'",
  invalid_time: (_: NoParams) => "must be a time as HH:MM, e.g. '08:00'",
  pattern_mismatch: (p: { pattern: string }) => `does not have the expected form (${p.pattern})`,
  empty_text: (_: NoParams) => 'must not be empty',
  text_too_short: (p: { count: number }) => `must be at least ${p.count} characters`,
  text_too_long: (p: { count: number }) => `must be at most ${p.count} characters`,
  empty_list: (_: NoParams) => 'must list at least one item',
  too_few_items: (p: { count: number }) => `must list at least ${p.count} items`,
  too_many_items: (p: { count: number }) => `must list at most ${p.count} items`,
  duplicate_item: (p: { item: string }) => `lists ${quote(p.item)} twice`,
  number_below_minimum: (p: { limit: number }) => `must be at least ${p.limit}`,
  number_above_maximum: (p: { limit: number }) => `must be at most ${p.limit}`,
  number_not_greater: (p: { limit: number }) => `must be greater than ${p.limit}`,
  number_not_less: (p: { limit: number }) => `must be less than ${p.limit}`,
  invalid_date: (_: NoParams) => 'must be a date as YYYY-MM-DD',
  invalid_format: (p: { format: string }) => `must be a ${p.format}`,
  schema_check_failed: (p: { keyword: string; detail: string }) => p.detail,

  // Conditions (JSON Schema)
  not_a_condition: (p: { kinds: readonly string[] }) =>
    `must be a condition: a mapping with one of ${listOf(p.kinds)}`,
  misspelt_condition_key: (p: { key: string; suggestion: string }) =>
    `not a condition: ${quote(p.key)} is not a condition key; did you mean ${quote(p.suggestion)}?`,
  condition_kind_missing: (p: { kinds: readonly string[]; found: readonly string[] }) =>
    `not a condition: it needs one of ${listOf(p.kinds)}` +
    (p.found.length > 0 ? ` (found ${listOf(p.found.map(quote), 'and')})` : ''),
  condition_kinds_several: (p: { kinds: readonly string[]; found: readonly string[] }) =>
    `a condition has exactly one of ${listOf(p.kinds)}, found ${listOf(p.found, 'and')}; combine several with all or any`,
  field_operator_count: (p: { found: readonly string[] }) =>
    `a field condition needs exactly one operator (${FIELD_OPERATORS_HINT}); ` +
    (p.found.length === 0 ? 'found none' : `found ${listOf(p.found, 'and')}`),
  misspelt_operator: (p: { operator: string; suggestion: string }) =>
    `unknown operator ${quote(p.operator)} in a field condition; did you mean ${quote(p.suggestion)}?`,
  unknown_operator: (p: { operator: string; allowed: readonly string[] }) =>
    `unknown operator ${quote(p.operator)} in a field condition; use one of ${listOf(p.allowed)}`,
  between_needs_two: (_: NoParams) => 'must be two numbers, [low, high]',
  score_threshold_missing: (p: { allowed: readonly string[] }) =>
    `a score condition needs a threshold: ${listOf(p.allowed)}`,
  touchpoint_match_empty: (p: { allowed: readonly string[] }) =>
    `a touchpoint match needs at least one of ${listOf(p.allowed)}`,

  // Conditions (meaning)
  unknown_field: (p: { field: string; fields: readonly string[] }) =>
    `unknown field ${quote(p.field)}; use ${listOf(p.fields)}, or custom.<name> for a custom field`,
  between_reversed: (p: { low: number; high: number }) =>
    `between [${p.low}, ${p.high}]: the first number must not be above the second`,
  invalid_regex: (p: { detail: string }) => `not a valid regular expression: ${p.detail}`,
  score_in_fit_rule: (_: NoParams) =>
    `fit rules can only use ${CONDITION_PLACES_ALLOWED}: a fit score that depends on a score is circular`,
  behaviour_in_fit_rule: (p: { kind: string }) =>
    `fit rules can only use ${CONDITION_PLACES_ALLOWED}; use ${p.kind} conditions in mql instead`,
  behaviour_in_disqualifier: (p: { kind: string }) =>
    `disqualifiers can only use ${CONDITION_PLACES_ALLOWED}; ${p.kind} conditions belong in mql`,
  recycled_score_outside_requalify: (_: NoParams) =>
    'engagementSinceRecycled only makes sense in recycling.requalify (points earned since the lead was recycled)',
  unknown_signal: (p: { signal: string; signals: readonly string[] }) =>
    `unknown signal ${quote(p.signal)}; ` +
    (p.signals.length > 0 ? `defined signals: ${p.signals.join(', ')}` : 'no signals are defined'),
  no_hand_raiser_rule: (_: NoParams) =>
    'no engagement rule is marked handRaiser: true, so this condition can never be met',

  // The agreement as a whole
  duplicate_id: (p: { id: string; noun: IdListNoun }) =>
    `duplicate id ${quote(p.id)}: another ${NOUN_WORDS[p.noun]} already uses it`,
  cap_without_limit: (_: NoParams) => 'a cap needs points or count: the most this rule adds per period',
  source_listed_twice: (p: { source: string }) => `source ${quote(p.source)} is listed twice in this lane`,
  source_in_other_lane: (p: { source: string; lane: string }) =>
    `source ${quote(p.source)} is listed already in lane ${quote(p.lane)}`,
  email_basis_conflict: (p: { email: string; emailNurture: string }) =>
    `channels.email ${quote(p.email)} contradicts emailNurture ${quote(p.emailNurture)}; state one of them`,
  sal_lane_without_owner: (_: NoParams) =>
    'a lane with entryStage sal needs ownerProperty: the touchpoint property naming the owning rep',
  unknown_default_source: (p: { source: string; lanes: readonly string[] }) =>
    `defaultSource ${quote(p.source)} is not a source lane; ` +
    (p.lanes.length > 0 ? `lanes: ${p.lanes.join(', ')}` : 'no source lanes are defined'),
  time_zone_offset: (p: { zone: string }) =>
    `${quote(p.zone)} is an offset; use an IANA time zone like Europe/Berlin`,
  unknown_time_zone: (p: { zone: string }) =>
    `unknown time zone ${quote(p.zone)}; use an IANA time zone like Europe/Berlin`,
  business_hours_end_before_start: (p: { start: string }) =>
    `business hours must end after they start (${p.start})`,
  reason_without_return: (_: NoParams) => 'only a return_to_marketing step names a recycle reason',
  unknown_recycle_reason: (p: { reason: string; reasons: readonly string[] }) =>
    `${quote(p.reason)} is not a recycle reason` +
    (p.reasons.length > 0
      ? `; reasons: ${p.reasons.join(', ')}`
      : '; the agreement has no recycling reasons'),
  unknown_fallback_team: (p: { team: string; teams: readonly string[] }) =>
    `fallbackTeam ${quote(p.team)} is not a team; teams: ${p.teams.join(', ')}`,
  custom_checklist_without_items: (_: NoParams) => 'a custom checklist must list its items (id and label)',
  items_on_builtin_checklist: (p: { framework: string; items: readonly string[] }) =>
    `only custom checklists list items; ${p.framework} has ${listOf(p.items, 'and')}`,
  unknown_checklist_item: (p: { item: string; framework: string; items: readonly string[] }) =>
    `${quote(p.item)} is not an item of this ${p.framework} checklist` +
    (p.items.length > 0 ? `; use ${listOf(p.items)}` : ''),
  min_confirmed_too_high: (p: { minConfirmed: number; count: number }) =>
    `minConfirmed ${p.minConfirmed} is more than the ${p.count} items of this checklist`,
  unknown_label_code: (p: { code: string }) =>
    `the agreement does not use the code ${quote(p.code)}, so this label would show nowhere; ` +
    'label the values, sources, content ids, topics, tracks and reasons the agreement names',
  misspelt_label_code: (p: { code: string; suggestion: string }) =>
    `the agreement does not use the code ${quote(p.code)}; did you mean ${quote(p.suggestion)}?`,

  // Text
  yaml_syntax: (p: { detail: string }) => `YAML syntax error: ${p.detail}`,
  json_syntax: (p: { detail: string }) => `JSON syntax error: ${p.detail}`,
  yaml_error: (p: { detail: string }) => `YAML error: ${p.detail}`,
} as const

export type AgreementIssueCode = keyof typeof ISSUE_MESSAGES

/** The params of one code's message. */
export type IssueParamsOf<C extends AgreementIssueCode> = Parameters<(typeof ISSUE_MESSAGES)[C]>[0]

/** Params as they travel: a flat mapping of text, numbers and lists of text. */
export type IssueParams = { readonly [name: string]: string | number | readonly string[] }

// A compile error here names the codes whose params are not flat.
type NotFlat = {
  [C in AgreementIssueCode]: Required<IssueParamsOf<C>> extends IssueParams ? never : C
}[AgreementIssueCode]
type AssertNever<T extends never> = T
type _EveryCodeHasFlatParams = AssertNever<NotFlat>

/** Every issue code, for clients that must know them all (e.g. a catalogue check). */
export const AGREEMENT_ISSUE_CODES = Object.freeze(Object.keys(ISSUE_MESSAGES) as AgreementIssueCode[])

/**
 * The English message of a code with its params.
 * @example englishMessage('missing_property', { property: 'mql' }) // "missing required property 'mql'"
 */
export function englishMessage<C extends AgreementIssueCode>(code: C, params: IssueParamsOf<C>): string {
  return (ISSUE_MESSAGES[code] as (params: IssueParamsOf<C>) => string)(params)
}

/** A user's value as params carry it: as written, shortened so pasted text does not flood the editor. */
export function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 60 ? text.slice(0, 57) + '…' : text
}

/** Quotes a user's value for a message, shortened like excerpt (so quoting an excerpt adds only quotes). */
export function quote(value: unknown): string {
  return `'${excerpt(value)}'`
}

/** Lists values for a message: a, b or c. */
export function listOf(values: readonly string[], conjunction = 'or'): string {
  if (values.length <= 1) return values.join('')
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values.at(-1)}`
}

function expectationWords({ expected, keys = [] }: Expectation): string {
  return listOf(expected.map((kind) => kindWords(kind, keys)))
}

function kindWords(kind: ExpectedKind, keys: readonly string[]): string {
  if (kind === 'mapping_with') return `a mapping with ${listOf(keys, 'and')}`
  if (kind === 'other') return 'another kind of value'
  if (kind === 'list_of_string') return 'a list of texts'
  if (kind.startsWith('list_of_'))
    return `a list of ${typeWords(kind.slice('list_of_'.length)).replace(/^an? /, '')}s`
  return typeWords(kind)
}

// A type ajv names that the table lacks is shown as named rather than as "undefined".
function typeWords(type: string): string {
  return TYPE_WORDS[type as JsonType] ?? type
}
