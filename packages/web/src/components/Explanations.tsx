// Why a lead was scored, moved or handed to a rep, worded in the UI's language from the explanations the
// API returns as data. Conditions read as the agreement page writes them, with the lead's value at the time.
import { useTranslation } from 'react-i18next'
import { useAgreement } from '../hooks/use-agreement.ts'
import { describeLeaf } from '../pages/agreement/ConditionView.tsx'
import { useAgreementWords } from '../pages/agreement/use-agreement-words.ts'
import type { paths } from '../api/openapi'
import type { Condition } from '../pages/agreement/agreement-types.ts'

// The API's type, generated from the same schema as the core's `Explanation` (core/explanation).
export type Explanation =
  paths['/api/v1/inbox']['get']['responses'][200]['content']['application/json']['items'][number]['explanations'][number]
type ConditionExplanation = Extract<
  Explanation,
  { code: 'score' | 'field' | 'touchpoints' | 'hand_raiser' | 'no_hand_raiser' | 'none_of' }
>
type LocalizedText = { de: string; en: string }
type SkipCause = Extract<Explanation, { code: 'skipped' }>['cause']

/** Turns rep e-mails into names where the caller knows them. */
type Options = { person?: (email: string) => string }

export function useExplain(options: Options = {}) {
  const { t, i18n } = useTranslation('explain')
  const words = useAgreementWords()
  const document = useAgreement().data?.document
  const language = i18n.language === 'en' ? 'en' : 'de'
  const text = (localized: LocalizedText) => localized[language]
  const person = options.person ?? ((email: string) => email)
  const cause = (skip: { cause: SkipCause; openLeads?: number; capacity?: number }) =>
    t(`cause.${skip.cause}`, { open: skip.openLeads, capacity: skip.capacity })
  const lane = (id: string) => {
    const found = document?.sources?.find((candidate) => candidate.id === id)
    return words.label(found?.label, id)
  }

  // The generated type has `between: number[]` where the core says `[low, high]`; the data is the same.
  const sentence = (leaf: ConditionExplanation & { condition: object }) =>
    describeLeaf(leaf.condition as Condition, words, document)
  const condition = (explanation: ConditionExplanation): string => {
    if (explanation.negated) return t('negated', { text: condition({ ...explanation, negated: false }) })
    switch (explanation.code) {
      case 'score':
        return t('withValue', {
          condition: sentence(explanation),
          value: words.format.number(explanation.value),
        })
      case 'field':
        return explanation.value === null
          ? t('noValue', { condition: sentence(explanation) })
          : t('withValue', {
              condition: sentence(explanation),
              value: words.value(explanation.condition.field, explanation.value),
            })
      case 'touchpoints':
        return t('touchpoints', {
          what: explanation.signal
            ? t('signal', { signal: text(explanation.signal.label) })
            : words.match(explanation.match),
          found: explanation.found,
          atLeast: explanation.atLeast,
          window: explanation.withinDays === null ? '' : t('withinDays', { n: explanation.withinDays }),
        })
      case 'hand_raiser':
        return t('handRaiser', { type: words.eventType(explanation.touchpointType) })
      case 'no_hand_raiser':
        return t('noHandRaiser')
      case 'none_of':
        return t('noneOf', { count: explanation.alternatives })
    }
  }

  const explain = (explanation: Explanation): string => {
    switch (explanation.code) {
      case 'score':
      case 'field':
      case 'touchpoints':
      case 'hand_raiser':
      case 'no_hand_raiser':
      case 'none_of':
        return condition(explanation)
      case 'disqualifier':
        return text(explanation.label)
      case 'first_touchpoint':
        return t('firstTouchpoint', {
          source: explanation.source === null ? t('unknownSource') : words.source(explanation.source),
          lane: text(explanation.laneLabel),
        })
      case 'note':
        return explanation.text
      case 'erased':
        return t('erased')
      case 'lane_owner':
        return t('laneOwner', { lane: lane(explanation.lane) })
      case 'sla_lapsed':
        return t('slaLapsed', { rep: person(explanation.rep) })
      case 'account_owner':
        return t('accountOwner', { rep: person(explanation.rep) })
      case 'account_owner_skipped':
        return t('accountOwnerSkipped', { rep: person(explanation.rep), cause: cause(explanation) })
      case 'territory':
        return explanation.matched.length === 0
          ? t('noTerritoryLimits', { team: text(explanation.teamLabel) })
          : t('territory', {
              team: text(explanation.teamLabel),
              matched: explanation.matched.map(condition).join('; '),
            })
      case 'fallback_team':
        return t('fallbackTeam', { team: text(explanation.teamLabel) })
      case 'round_robin':
        return explanation.after === null
          ? t('roundRobinStart', { team: text(explanation.teamLabel), rep: person(explanation.rep) })
          : t('roundRobin', {
              team: text(explanation.teamLabel),
              rep: person(explanation.rep),
              after: person(explanation.after),
            })
      case 'skipped':
        return t('skipped', { rep: person(explanation.rep), cause: cause(explanation) })
      case 'warm_hold':
        return t('warmHold', { team: text(explanation.teamLabel), count: explanation.skipped })
      case 'no_team':
        return t('noTeam')
    }
  }
  return explain
}

/** A list of explanations; a person's note keeps its author's language, so it gets no `lang`. */
export function ExplanationList(props: {
  explanations: readonly Explanation[]
  label?: string
  limit?: number
  person?: (email: string) => string
}) {
  const explain = useExplain({ person: props.person })
  const shown = props.explanations.slice(0, props.limit)
  if (shown.length === 0) return null
  return (
    <ul className="because" aria-label={props.label}>
      {shown.map((explanation, index) => (
        <li key={index}>{explain(explanation)}</li>
      ))}
    </ul>
  )
}
