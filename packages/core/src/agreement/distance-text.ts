// A route to MQL in words, German and English: "12 more engagement points and 1 more decision-stage
// touchpoint within 21 days (Shift to decision stage)". Numbers as people say them: points rounded up.
import type { FieldCondition, ScoreKind, TouchpointMatch } from './agreement-document.ts'
import type { Requirement, Route } from './condition-distance.ts'
import type { TextLanguage } from './agreement-labels.ts'

const SCORE_NAMES: Record<ScoreKind, Record<TextLanguage, string>> = {
  fit: { de: 'Fit-Punkte', en: 'fit points' },
  engagement: { de: 'Engagement-Punkte', en: 'engagement points' },
  total: { de: 'Punkte insgesamt', en: 'points in total' },
  engagementSinceRecycled: {
    de: 'Engagement-Punkte seit dem Recycling',
    en: 'engagement points since recycling',
  },
}

const STAGES: Record<string, Record<TextLanguage, string>> = {
  orientation: { de: 'der Orientierungsphase', en: 'orientation-stage' },
  consideration: { de: 'der Abwägungsphase', en: 'consideration-stage' },
  decision: { de: 'der Entscheidungsphase', en: 'decision-stage' },
}

export function routeText(route: Route, language: TextLanguage): string {
  const parts = route.requirements.map((requirement) => requirementText(requirement, language))
  const joined = language === 'de' ? parts.join(' und ') : parts.join(' and ')
  if (route.engagementCanClose) return joined
  return `${joined}${language === 'de' ? ' (durch Engagement allein nicht erreichbar)' : ' (no engagement alone can close this)'}`
}

export function requirementText(requirement: Requirement, language: TextLanguage): string {
  const de = language === 'de'
  switch (requirement.kind) {
    case 'score_below': {
      const points = format(Math.max(requirement.points, 0.1), language)
      const name = SCORE_NAMES[requirement.score][language]
      return de
        ? `${requirement.strict ? 'mehr als ' : ''}${points} weitere ${name}`
        : `${requirement.strict ? 'more than ' : ''}${points} more ${name}`
    }
    case 'score_above': {
      const name = SCORE_NAMES[requirement.score][language]
      const limit = format(requirement.limit, language)
      return de
        ? `${name} auf höchstens ${limit} (jetzt ${format(requirement.current, language)})`
        : `${name} down to ${limit} (now ${format(requirement.current, language)})`
    }
    case 'touchpoints': {
      const what = matchText(requirement.match, requirement.more, language)
      const within =
        requirement.withinDays === null
          ? ''
          : de
            ? ` innerhalb von ${requirement.withinDays} Tagen`
            : ` within ${requirement.withinDays} days`
      const label = requirement.signal ? ` (${requirement.signal.label[language]})` : ''
      return `${requirement.more} ${de ? (requirement.more === 1 ? 'weiterer' : 'weitere') : 'more'} ${what}${within}${label}`
    }
    case 'hand_raiser': {
      const within =
        requirement.withinDays === null
          ? ''
          : de
            ? ` innerhalb von ${requirement.withinDays} Tagen`
            : ` within ${requirement.withinDays} days`
      return de
        ? `eine Handlungsaufforderung wie eine Demo-Anfrage${within}`
        : `a hand-raiser such as a demo request${within}`
    }
    case 'field':
      return fieldText(requirement.condition, requirement.value, language)
    case 'must_not_hold':
      return de
        ? 'eine Bedingung, die jetzt zutrifft, darf nicht mehr zutreffen'
        : 'a condition that holds now must stop holding'
  }
}

function matchText(match: TouchpointMatch, count: number, language: TextLanguage): string {
  const de = language === 'de'
  const list = (value: string | readonly string[] | undefined) =>
    value === undefined ? undefined : ([] as string[]).concat(value)
  const noun = de ? (count === 1 ? 'Touchpoint' : 'Touchpoints') : count === 1 ? 'touchpoint' : 'touchpoints'
  const stages = list(match.journeyStage)?.map((stage) => STAGES[stage]?.[language] ?? stage)
  const types = list(match.type)
  const topics = list(match.topic)
  const contents = list(match.contentId)
  const sources = list(match.source)
  const or = de ? ' oder ' : ' or '
  let text = de
    ? `${noun}${stages ? ` ${stages.join(or)}` : ''}`
    : `${stages ? `${stages.join(or)} ` : ''}${noun}`
  if (types) text += de ? ` vom Typ ${types.join(or)}` : ` of type ${types.join(or)}`
  if (topics) text += de ? ` zum Thema ${topics.join(or)}` : ` on the topic ${topics.join(or)}`
  if (contents) text += de ? ` mit dem Inhalt ${contents.join(or)}` : ` with the content ${contents.join(or)}`
  if (sources) text += de ? ` aus ${sources.join(or)}` : ` from ${sources.join(or)}`
  return text
}

function fieldText(condition: FieldCondition, value: unknown, language: TextLanguage): string {
  const { field, ...operator } = condition
  const [name, expected] = Object.entries(operator)[0] ?? ['', '']
  const now =
    value === null || value === undefined || value === ''
      ? language === 'de'
        ? 'leer'
        : 'empty'
      : String(value)
  const wanted = Array.isArray(expected) ? expected.join(', ') : String(expected)
  return language === 'de'
    ? `das Feld ${field} müsste ${name} ${wanted} erfüllen (jetzt: ${now})`
    : `the field ${field} would have to be ${name} ${wanted} (now: ${now})`
}

function format(value: number, language: TextLanguage): string {
  // Points rounded up to a tenth: "12 more" must be enough, never a hair short.
  const rounded = Math.ceil(value * 10 - 1e-9) / 10
  return rounded.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 })
}
