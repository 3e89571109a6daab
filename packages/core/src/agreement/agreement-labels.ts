// The agreement's own words for the codes it uses (`labels:` maps "automotive_zulieferer" to
// "Automobilzulieferer" / "Automotive supplier"), and which codes it uses at all: a label for a code the
// agreement never mentions is almost always a typo, and would silently label nothing.
import type { AgreementDocument, AgreementText, Condition, TouchpointMatch } from './agreement-document.ts'

/** The languages agreement texts are written in (and the UI speaks). */
export const TEXT_LANGUAGES = ['de', 'en'] as const
export type TextLanguage = (typeof TEXT_LANGUAGES)[number]

/**
 * An agreement text in one language; a plain string reads the same in both.
 * @example textIn({ de: 'Kein Budget', en: 'No budget' }, 'de') // 'Kein Budget'
 */
export function textIn(text: AgreementText, language: TextLanguage): string
export function textIn(text: AgreementText | undefined, language: TextLanguage): string | undefined
export function textIn(text: AgreementText | undefined, language: TextLanguage): string | undefined {
  if (text === undefined) return undefined
  return typeof text === 'string' ? text : text[language]
}

/**
 * The agreement's label for a code in `language`, or undefined where it gives none (callers fall back
 * to their own catalogue, then to the code).
 * @example codeLabel(document, 'maschinenbau', 'en') // 'Mechanical engineering'
 */
export function codeLabel(
  document: Pick<AgreementDocument, 'labels'> | undefined,
  code: string,
  language: TextLanguage,
): string | undefined {
  const labels = document?.labels
  // Own keys only: a code such as "constructor" must not find Object.prototype's.
  if (!labels || !Object.hasOwn(labels, code)) return undefined
  return textIn(labels[code], language)
}

/**
 * Every code the agreement uses where the UI shows it: values of field conditions (not patterns),
 * field names, touchpoint types, content ids, topics, sources, property names (also a lane's
 * ownerProperty) and values, nurture tracks and disqualification reasons. Ids of rules, lanes, teams and reasons are not codes here:
 * they carry their own `label`.
 */
export function agreementCodes(document: AgreementDocument): Set<string> {
  const codes = new Set<string>()
  const conditions: Condition[] = [
    ...document.fit.rules.map((rule) => rule.when),
    ...(document.disqualifiers ?? []).map((disqualifier) => disqualifier.when),
    document.mql,
    ...(document.sources ?? []).flatMap((lane) => (lane.mql ? [lane.mql] : [])),
    ...(document.routing?.teams ?? []).flatMap((team) => (team.territory ? [team.territory] : [])),
    ...(document.recycling?.requalify ? [document.recycling.requalify] : []),
  ]
  for (const condition of conditions) addConditionCodes(condition, codes)
  for (const rule of document.engagement.rules) addMatchCodes(rule.when, codes)
  for (const signal of Object.values(document.signals ?? {})) addMatchCodes(signal.touchpoints, codes)
  for (const lane of document.sources ?? []) {
    for (const source of lane.sources) codes.add(source)
    if (lane.ownerProperty) codes.add(lane.ownerProperty)
  }
  for (const disqualifier of document.disqualifiers ?? []) codes.add(disqualifier.reason)
  for (const reason of document.recycling?.reasons ?? []) if (reason.track) codes.add(reason.track)
  return codes
}

function addConditionCodes(condition: Condition, codes: Set<string>): void {
  if ('all' in condition) condition.all.forEach((inner) => addConditionCodes(inner, codes))
  else if ('any' in condition) condition.any.forEach((inner) => addConditionCodes(inner, codes))
  else if ('not' in condition) addConditionCodes(condition.not, codes)
  else if ('touchpoints' in condition) addMatchCodes(condition.touchpoints, codes)
  else if ('field' in condition) {
    codes.add(condition.field)
    const values = [
      condition.equals,
      condition.notEquals,
      ...(condition.in ?? []),
      ...(condition.notIn ?? []),
    ]
    for (const value of values) if (typeof value === 'string') codes.add(value)
  }
}

function addMatchCodes(match: TouchpointMatch, codes: Set<string>): void {
  for (const values of [match.type, match.contentId, match.topic, match.source]) {
    for (const value of many(values)) codes.add(value)
  }
  for (const [key, expected] of Object.entries(match.properties ?? {})) {
    codes.add(key)
    for (const value of many(expected)) if (typeof value === 'string') codes.add(value)
  }
}

function many<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value as T]
}
