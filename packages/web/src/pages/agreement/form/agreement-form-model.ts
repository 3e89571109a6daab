// What the form shows of the agreement, read from the parsed draft with the YAML path of every value it
// edits: the score thresholds inside MQL conditions, a team's territory as countries and postcode areas,
// and ids for new reasons and teams.
import type { Condition, ScoreCondition } from '../agreement-types.ts'
import type { YamlPath } from './yaml-splice.ts'

export const THRESHOLD_BOUNDS = ['gte', 'gt', 'lte', 'lt'] as const
export type ThresholdBound = (typeof THRESHOLD_BOUNDS)[number]
export type ScoreThreshold = {
  path: YamlPath
  score: ScoreCondition['score']
  bound: ThresholdBound
  value: number
}

/** One way to meet a condition: its thresholds, and its other conditions (shown in words, edited in YAML). */
export type ConditionOption = { thresholds: ScoreThreshold[]; others: Condition[] }

/**
 * The options of a condition such as `mql`: each item of a top-level `any` is one option (any one suffices),
 * otherwise the whole condition is one. Within an option, the thresholds are the score conditions it
 * requires directly (the items of its `all`); deeper ones stay in words.
 */
export function conditionOptions(condition: Condition, path: YamlPath): ConditionOption[] {
  const options =
    'any' in condition
      ? condition.any.map((item, index) => [item, [...path, 'any', index]] as const)
      : [[condition, path] as const]
  return options.map(([option, optionPath]) => {
    const parts =
      'all' in option
        ? option.all.map((item, index) => [item, [...optionPath, 'all', index]] as const)
        : [[option, optionPath] as const]
    const thresholds: ScoreThreshold[] = []
    const others: Condition[] = []
    for (const [part, partPath] of parts) {
      const found = isScoreCondition(part) ? scoreThresholds(part, partPath) : []
      if (found.length > 0) thresholds.push(...found)
      else others.push(part)
    }
    return { thresholds, others }
  })
}

function scoreThresholds(condition: ScoreCondition, path: YamlPath): ScoreThreshold[] {
  return THRESHOLD_BOUNDS.flatMap((bound) => {
    const value = condition[bound]
    return typeof value === 'number' ? [{ path: [...path, bound], score: condition.score, bound, value }] : []
  })
}

function isScoreCondition(condition: Condition): condition is ScoreCondition {
  return 'score' in condition && typeof condition.score === 'string'
}

const COUNTRY_FIELDS = new Set(['company.country', 'country'])
const POSTCODE_FIELDS = new Set(['company.postcode', 'postcode'])
// The one postcode pattern the form writes and reads: first digit in a range, e.g. '^[0-4]'.
const POSTCODE_AREA = /^\^\[(\d)-(\d)\]$/

export type CountryPart = { path: YamlPath; field: string; operator: 'in' | 'equals'; countries: string[] }
export type PostcodePart = { path: YamlPath; low: number; high: number }
/** A territory the form can edit: countries, and optionally a postcode area by first digit. */
export type TerritoryForm = { countries: CountryPart; postcode: PostcodePart | undefined }

/** The territory as countries and postcode area, or undefined when it says more than those (edited in YAML). */
export function readTerritory(territory: Condition, path: YamlPath): TerritoryForm | undefined {
  const parts =
    'all' in territory
      ? territory.all.map((item, index) => [item, [...path, 'all', index]] as const)
      : [[territory, path] as const]
  let countries: CountryPart | undefined
  let postcode: PostcodePart | undefined
  for (const [part, partPath] of parts) {
    if (!('field' in part) || Object.keys(part).length !== 2) return undefined
    if (COUNTRY_FIELDS.has(part.field) && !countries) {
      if (typeof part.equals === 'string')
        countries = { path: partPath, field: part.field, operator: 'equals', countries: [part.equals] }
      else if (part.in?.every((code) => typeof code === 'string'))
        countries = { path: partPath, field: part.field, operator: 'in', countries: part.in as string[] }
      else return undefined
    } else if (POSTCODE_FIELDS.has(part.field) && !postcode && typeof part.matches === 'string') {
      const digits = POSTCODE_AREA.exec(part.matches)
      if (!digits) return undefined
      postcode = { path: partPath, low: Number(digits[1]), high: Number(digits[2]) }
    } else return undefined
  }
  return countries && { countries, postcode }
}

/** Country codes as people type them ("de, at ch") → ['DE', 'AT', 'CH']; undefined if one is not two letters. */
export function parseCountries(text: string): string[] | undefined {
  const codes = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase())
  return codes.length > 0 && codes.every((code) => /^[A-Z]{2}$/.test(code)) ? [...new Set(codes)] : undefined
}

/** The condition for countries, keeping the operator as written where one country stays one. */
export function countryCondition(
  part: CountryPart,
  countries: readonly string[],
): { field: string; equals: string } | { field: string; in: string[] } {
  return part.operator === 'equals' && countries.length === 1
    ? { field: part.field, equals: countries[0]! }
    : { field: part.field, in: [...countries] }
}

export function postcodePattern(low: number, high: number) {
  return `^[${low}-${high}]`
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' }

/** An id for a new reason or team from its name ("Kein Rückruf" → kein_rueckruf), unique among `taken`. */
export function newId(name: string, taken: readonly string[], fallback: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[äöüß]/g, (letter) => UMLAUTS[letter]!)
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 56) || fallback
  let id = base
  for (let n = 2; taken.includes(id); n += 1) id = `${base}_${n}`
  return id
}
