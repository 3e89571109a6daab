// The words of an agreement diff: values and conditions as people read them in German and English,
// never as YAML. Codes are shown with the agreement's own labels where it gives them.
import type { AgreementDocument, Condition, TouchpointMatch } from './agreement-document.ts'
import { codeLabel, textIn, TEXT_LANGUAGES, type TextLanguage } from './agreement-labels.ts'

/** One sentence in each UI language. */
export type DiffText = { de: string; en: string }

/** How a value of one field reads in one language (null: not set). */
/** `dative` where German needs it ("von 30 Tagen auf …"); most values read the same in every case. */
export type ShowValue = (
  value: unknown,
  language: TextLanguage,
  document: AgreementDocument,
  germanCase?: 'dative',
) => string

export const SCORE_NAMES: Record<string, DiffText> = {
  fit: { de: 'Fit-Score', en: 'fit' },
  engagement: { de: 'Engagement', en: 'engagement' },
  total: { de: 'Gesamt-Score', en: 'total score' },
  engagementSinceRecycled: { de: 'Engagement seit Rückgabe', en: 'engagement since recycling' },
}

const FIELD_NAMES: Record<string, DiffText> = {
  title: { de: 'Titel', en: 'title' },
  'email.domain': { de: 'E-Mail-Domain', en: 'e-mail domain' },
  'company.domain': { de: 'Firmen-Domain', en: 'company domain' },
  'company.industry': { de: 'Branche', en: 'industry' },
  'company.employees': { de: 'Mitarbeitende', en: 'employees' },
  'company.country': { de: 'Land', en: 'country' },
  'company.postcode': { de: 'PLZ', en: 'postcode' },
}

const WORDS = {
  and: { de: 'und', en: 'and' },
  or: { de: 'oder', en: 'or' },
  not: { de: 'nicht', en: 'not' },
  yes: { de: 'ja', en: 'yes' },
  no: { de: 'nein', en: 'no' },
  none: { de: 'nicht gesetzt', en: 'not set' },
} as const

/** Quotes a name the way each language does. */
export function quote(text: string, language: TextLanguage): string {
  return language === 'de' ? `„${text}“` : `"${text}"`
}

/** Builds both sentences from one function of the language. */
export function inBoth(sentence: (language: TextLanguage) => string): DiffText {
  const [de, en] = TEXT_LANGUAGES.map(sentence) as [string, string]
  return { de, en }
}

export function showNumber(value: number, language: TextLanguage): string {
  return language === 'de' ? String(value).replace('.', ',') : String(value)
}

function showCode(code: string, language: TextLanguage, document: AgreementDocument): string {
  return codeLabel(document, code, language) ?? code
}

/** Any plain value: numbers, codes (with their labels), lists, texts in both languages. */
export const showPlain: ShowValue = (value, language, document) => {
  if (value === null || value === undefined) return WORDS.none[language]
  if (typeof value === 'number') return showNumber(value, language)
  if (typeof value === 'boolean') return (value ? WORDS.yes : WORDS.no)[language]
  if (typeof value === 'string') return showCode(value, language, document)
  if (Array.isArray(value)) return value.map((item) => showPlain(item, language, document)).join(', ')
  const record = value as Record<string, unknown>
  if (typeof record.de === 'string' && typeof record.en === 'string') return record[language] as string
  return Object.entries(record)
    .map(([key, inner]) => `${key}: ${showPlain(inner, language, document)}`)
    .join(', ')
}

// The agreement's own enumerations (entry stage, lawful basis, channel needs, reason actions) in words.
const ENUM_WORDS: Record<string, DiffText> = {
  lead: { de: 'Lead', en: 'lead' },
  sal: { de: 'Vom Vertrieb akzeptiert (SAL)', en: 'sales accepted (SAL)' },
  consent: { de: 'Einwilligung', en: 'consent' },
  legitimate_interest: { de: 'berechtigtes Interesse', en: 'legitimate interest' },
  never: { de: 'nie', en: 'never' },
  allowed: { de: 'erlaubt', en: 'allowed' },
  requiresConsent: { de: 'nur mit Einwilligung', en: 'only with consent' },
  nurture: { de: 'Nurturing', en: 'nurture' },
  data_quality: { de: 'Datenqualitäts-Prüfung', en: 'data-quality check' },
  disqualify: { de: 'Disqualifizieren', en: 'disqualify' },
}

/** A value of one of the agreement's own enumerations, in words. */
export const showWord: ShowValue = (value, language, document) =>
  typeof value === 'string' && Object.hasOwn(ENUM_WORDS, value)
    ? ENUM_WORDS[value]![language]
    : showPlain(value, language, document)

/** A label or name: quoted, in the reader's language. */
export const showText: ShowValue = (value, language, document) =>
  value === null || value === undefined
    ? WORDS.none[language]
    : quote(showPlain(value, language, document), language)

export const showDays: ShowValue = (value, language, _document, germanCase) => {
  if (value === null) return language === 'de' ? 'kein Verfall' : 'no decay'
  if (value === undefined) return WORDS.none[language]
  const unit = language === 'en' ? 'days' : germanCase === 'dative' ? 'Tagen' : 'Tage'
  return `${showNumber(value as number, language)} ${unit}`
}

export const showHours: ShowValue = (value, language) =>
  value === undefined || value === null
    ? WORDS.none[language]
    : `${showNumber(value as number, language)} ${language === 'de' ? 'Geschäftsstunden' : 'business hours'}`

export const showCondition: ShowValue = (value, language, document) =>
  value === undefined || value === null
    ? WORDS.none[language]
    : describeCondition(value as Condition, language, document)

export const showMatch: ShowValue = (value, language, document) =>
  value === undefined || value === null
    ? WORDS.none[language]
    : describeMatch(value as TouchpointMatch, language, document)

type Cap = { points?: number; count?: number; per: string }
const PERIODS: Record<string, DiffText> = {
  day: { de: 'pro Tag', en: 'per day' },
  week: { de: 'pro Woche', en: 'per week' },
  month: { de: 'pro Monat', en: 'per month' },
  ever: { de: 'insgesamt', en: 'in total' },
}

export const showCap: ShowValue = (value, language) => {
  if (value === undefined || value === null) return language === 'de' ? 'keine Obergrenze' : 'no cap'
  const cap = value as Cap
  const limits = [
    cap.points === undefined
      ? undefined
      : `${showNumber(cap.points, language)} ${language === 'de' ? 'Punkte' : 'points'}`,
    cap.count === undefined
      ? undefined
      : `${showNumber(cap.count, language)} ${language === 'de' ? 'Touchpoints' : 'touchpoints'}`,
  ].filter((limit) => limit !== undefined)
  const most = language === 'de' ? 'höchstens' : 'at most'
  return `${most} ${limits.join(language === 'de' ? ' und ' : ' and ')} ${PERIODS[cap.per]?.[language] ?? cap.per}`
}

type BreachStep = { afterBusinessHours: number; action: string; notify?: string; reason?: string }
const BREACH_ACTIONS: Record<string, DiffText> = {
  notify: { de: 'benachrichtigen', en: 'notify' },
  reassign: { de: 'neu zuweisen', en: 'reassign' },
  return_to_marketing: { de: 'zurück ans Marketing', en: 'return to marketing' },
}
const NOTIFIED: Record<string, DiffText> = {
  owner: { de: 'Zuständige:n', en: 'owner' },
  team_lead: { de: 'Teamleitung', en: 'team lead' },
}

export const showBreachSteps: ShowValue = (value, language) => {
  const steps = [...((value ?? []) as BreachStep[])].sort(
    (left, right) => left.afterBusinessHours - right.afterBusinessHours,
  )
  if (steps.length === 0) return language === 'de' ? 'keine Eskalation' : 'no escalation'
  return steps
    .map((step) => {
      const action = BREACH_ACTIONS[step.action]?.[language] ?? step.action
      const whom = step.notify ? ` ${NOTIFIED[step.notify]?.[language] ?? step.notify}` : ''
      const after = language === 'de' ? 'nach' : 'after'
      return `${after} ${showHours(step.afterBusinessHours, language, {} as AgreementDocument)}: ${action}${whom}`
    })
    .join('; ')
}

/**
 * A condition in words, with the agreement's labels for codes.
 * @example describeCondition({ score: 'fit', gte: 40 }, 'de', document) // 'Fit-Score ≥ 40'
 */
export function describeCondition(
  condition: Condition,
  language: TextLanguage,
  document: AgreementDocument,
): string {
  const nested = (inner: Condition) => {
    const text = describeCondition(inner, language, document)
    return 'all' in inner || 'any' in inner ? `(${text})` : text
  }
  if ('all' in condition) return condition.all.map(nested).join(` ${WORDS.and[language]} `)
  if ('any' in condition) return condition.any.map(nested).join(` ${WORDS.or[language]} `)
  if ('not' in condition)
    return `${WORDS.not[language]} (${describeCondition(condition.not, language, document)})`
  if ('score' in condition) {
    const { score, ...bounds } = condition
    return `${SCORE_NAMES[score]![language]} ${describeBounds(bounds, language)}`
  }
  if ('field' in condition) return describeFieldCondition(condition, language, document)
  if ('signal' in condition) {
    const label = document.signals?.[condition.signal]?.label
    return `${language === 'de' ? 'Signal' : 'signal'} ${quote(textIn(label, language) ?? condition.signal, language)}`
  }
  if ('touchpoints' in condition) {
    const atLeast = condition.atLeast ?? 1
    const head =
      language === 'de' ? `mindestens ${atLeast} Touchpoint(s)` : `at least ${atLeast} touchpoint(s)`
    return `${head} (${describeMatch(condition.touchpoints, language, document)})${within(condition.withinDays, language)}`
  }
  if ('handRaiser' in condition) {
    return `${language === 'de' ? 'Hand-Raiser' : 'a hand-raiser'}${within(condition.withinDays, language)}`
  }
  const unreachable: never = condition
  return JSON.stringify(unreachable)
}

function within(days: number | undefined, language: TextLanguage): string {
  if (days === undefined) return ''
  return language === 'de'
    ? ` in den letzten ${showNumber(days, language)} Tagen`
    : ` within ${showNumber(days, language)} days`
}

const MATCH_KEYS: Record<Exclude<keyof TouchpointMatch, 'properties'>, DiffText> = {
  type: { de: 'Typ', en: 'type' },
  contentId: { de: 'Content', en: 'content' },
  journeyStage: { de: 'Phase', en: 'stage' },
  topic: { de: 'Thema', en: 'topic' },
  source: { de: 'Quelle', en: 'source' },
}
const STAGES: Record<string, DiffText> = {
  orientation: { de: 'Orientierung', en: 'orientation' },
  consideration: { de: 'Abwägung', en: 'consideration' },
  decision: { de: 'Entscheidung', en: 'decision' },
}

/** What a touchpoint must look like, e.g. "Typ page_view, Content Preisseite". */
export function describeMatch(match: TouchpointMatch, language: TextLanguage, document: AgreementDocument) {
  const parts: string[] = []
  for (const key of Object.keys(MATCH_KEYS) as Array<keyof typeof MATCH_KEYS>) {
    const value = match[key]
    if (value === undefined) continue
    const values = (Array.isArray(value) ? value : [value]).map((item: string) =>
      key === 'journeyStage' ? (STAGES[item]?.[language] ?? item) : showCode(item, language, document),
    )
    parts.push(`${MATCH_KEYS[key][language]} ${values.join(language === 'de' ? ' oder ' : ' or ')}`)
  }
  for (const [key, value] of Object.entries(match.properties ?? {})) {
    parts.push(`${showCode(key, language, document)} = ${showPlain(value, language, document)}`)
  }
  return parts.join(', ')
}

const OPERATORS: Record<string, DiffText> = {
  equals: { de: 'ist', en: 'is' },
  notEquals: { de: 'ist nicht', en: 'is not' },
  in: { de: 'ist eines von', en: 'is one of' },
  notIn: { de: 'ist keines von', en: 'is none of' },
  contains: { de: 'enthält', en: 'contains' },
  containsAny: { de: 'enthält eines von', en: 'contains any of' },
  startsWith: { de: 'beginnt mit', en: 'starts with' },
  endsWith: { de: 'endet mit', en: 'ends with' },
  matches: { de: 'passt zum Muster', en: 'matches the pattern' },
}

function describeFieldCondition(
  condition: Extract<Condition, { field: string }>,
  language: TextLanguage,
  document: AgreementDocument,
): string {
  const { field, ...operator } = condition
  const name = FIELD_NAMES[field]?.[language] ?? showCode(field, language, document)
  if (operator.exists !== undefined) {
    const given = language === 'de' ? 'ist angegeben' : 'is given'
    const missing = language === 'de' ? 'fehlt' : 'is missing'
    return `${name} ${operator.exists ? given : missing}`
  }
  if (operator.between !== undefined) {
    const [low, high] = operator.between
    return language === 'de'
      ? `${name} zwischen ${showNumber(low, language)} und ${showNumber(high, language)}`
      : `${name} between ${showNumber(low, language)} and ${showNumber(high, language)}`
  }
  const [key, value] = Object.entries(operator)[0] ?? ['', undefined]
  const words = OPERATORS[key]
  if (words) return `${name} ${words[language]} ${showPlain(value, language, document)}`
  return `${name} ${describeBounds(operator, language)}`
}

const BOUND_SYMBOLS = { gte: '≥', gt: '>', lte: '≤', lt: '<' } as const

function describeBounds(
  bounds: { gte?: number; gt?: number; lte?: number; lt?: number },
  language: TextLanguage,
): string {
  return (Object.keys(BOUND_SYMBOLS) as Array<keyof typeof BOUND_SYMBOLS>)
    .filter((key) => bounds[key] !== undefined)
    .map((key) => `${BOUND_SYMBOLS[key]} ${showNumber(bounds[key]!, language)}`)
    .join(` ${WORDS.and[language]} `)
}

/**
 * "X von 50 auf 40 gesenkt" / "X lowered from 50 to 40": numbers rise or fall, other values change;
 * a value that was not set is set, one that is no longer set is removed.
 */
export function describeFieldChange(
  noun: DiffText,
  before: unknown,
  after: unknown,
  show: ShowValue,
  document: { before: AgreementDocument; after: AgreementDocument },
): DiffText {
  return inBoth((language) => {
    const numbers = typeof before === 'number' && typeof after === 'number'
    // "von 14 auf 21 Tage": the unit once, after the new value.
    const was = numbers ? showNumber(before, language) : show(before, language, document.before)
    const fromWas = numbers ? was : show(before, language, document.before, 'dative')
    const now = show(after, language, document.after)
    const de = language === 'de'
    const name = noun[language]
    if (before === undefined) return de ? `${name} festgelegt: ${now}` : `${capitalize(name)} set to ${now}`
    if (after === undefined)
      return de ? `${name} entfernt (bisher ${was})` : `${capitalize(name)} removed (was ${was})`
    const verb = numbers
      ? after > before
        ? { de: 'erhöht', en: 'raised' }
        : { de: 'gesenkt', en: 'lowered' }
      : { de: 'geändert', en: 'changed' }
    return de
      ? `${name} von ${fromWas} auf ${now} ${verb.de}`
      : `${capitalize(name)} ${verb.en} from ${was} to ${now}`
  })
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** "Mitglieder des Teams „Nord“ geändert: hinzugefügt a; entfernt b" for lists whose order means nothing. */
export function describeSetChange(
  noun: DiffText,
  before: readonly unknown[],
  after: readonly unknown[],
  show: ShowValue,
  document: { before: AgreementDocument; after: AgreementDocument },
): DiffText {
  const key = (value: unknown) => JSON.stringify(value)
  const added = after.filter((value) => !before.some((old) => key(old) === key(value)))
  const removed = before.filter((value) => !after.some((now) => key(now) === key(value)))
  return inBoth((language) => {
    const de = language === 'de'
    const parts = [
      added.length > 0
        ? `${de ? 'hinzugefügt' : 'added'} ${show(added, language, document.after)}`
        : undefined,
      removed.length > 0
        ? `${de ? 'entfernt' : 'removed'} ${show(removed, language, document.before)}`
        : undefined,
    ].filter((part) => part !== undefined)
    return de
      ? `${noun.de} geändert: ${parts.join('; ')}`
      : `${capitalize(noun.en)} changed: ${parts.join('; ')}`
  })
}
