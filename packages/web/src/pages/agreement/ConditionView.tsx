// One renderer for every condition of the agreement (fit rules, disqualifiers, MQL, territories, requalify):
// all/any/not become a nested list, every leaf a sentence.
import { useTranslation } from 'react-i18next'
import { useAgreementWords, type AgreementWords } from './use-agreement-words.ts'
import type { AgreementDocument, Condition, FieldCondition, ScoreCondition } from './agreement-types.ts'

export { AgreementDocumentProvider } from './use-agreement-words.ts'

type Group = { kind: 'all' | 'any' | 'not'; items: readonly Condition[] }

function groupOf(condition: Condition): Group | undefined {
  if ('all' in condition) return { kind: 'all', items: condition.all }
  if ('any' in condition) return { kind: 'any', items: condition.any }
  if ('not' in condition) return { kind: 'not', items: [condition.not] }
  return undefined
}

export function ConditionView({ condition }: { condition: Condition }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const document = words.document
  const group = groupOf(condition)
  if (!group) return <span className="condition-leaf">{describeLeaf(condition, words, document)}</span>
  return (
    <div className={`condition-group condition-${group.kind}`}>
      <span className="condition-op">{t(`condition.${group.kind}`)}</span>
      <ul>
        {group.items.map((item, index) => (
          <li
            key={index}
            data-joiner={index > 0 && group.kind !== 'not' ? t(`condition.joiner.${group.kind}`) : undefined}
          >
            <ConditionView condition={item} />
          </li>
        ))}
      </ul>
    </div>
  )
}

/** A leaf condition as one sentence; exported for places that need plain text (titles, fallbacks). */
export function describeLeaf(
  condition: Condition,
  words: AgreementWords,
  document: AgreementDocument | undefined,
): string {
  const { t } = words
  if ('field' in condition) return describeField(condition, words)
  if ('score' in condition) return describeScore(condition, words)
  if ('signal' in condition) {
    const signal = document?.signals?.[condition.signal]
    return t('condition.signal', { signal: words.label(signal?.label, condition.signal) })
  }
  if ('handRaiser' in condition) {
    const rules = (document?.engagement.rules ?? [])
      .filter((rule) => rule.handRaiser)
      .map((rule) => words.label(rule.label, '') || words.match(rule.when))
    return t('condition.handRaiser', { rules: words.or(rules) }) + within(condition.withinDays, words)
  }
  if ('touchpoints' in condition) {
    const count = condition.atLeast ?? 1
    const key = count === 1 ? 'condition.touchpoint' : 'condition.touchpoints'
    return (
      t(key, { n: count, match: words.match(condition.touchpoints) }) + within(condition.withinDays, words)
    )
  }
  return JSON.stringify(condition)
}

function within(days: number | undefined, words: AgreementWords) {
  if (days === undefined) return ''
  const n = words.format.number(days)
  return ` ${days === 1 ? words.t('condition.withinDay') : words.t('condition.withinDays', { n })}`
}

function describeField(condition: FieldCondition, words: AgreementWords): string {
  const { t } = words
  const field = words.field(condition.field)
  const value = (raw: string | number | boolean) => words.value(condition.field, raw)
  if (condition.equals !== undefined) return t('condition.equals', { field, value: value(condition.equals) })
  if (condition.notEquals !== undefined)
    return t('condition.notEquals', { field, value: value(condition.notEquals) })
  if (condition.in) return t('condition.in', { field, values: words.or(condition.in.map(value)) })
  if (condition.notIn) return t('condition.notIn', { field, values: condition.notIn.map(value).join(', ') })
  if (condition.contains) return t('condition.contains', { field, value: condition.contains })
  if (condition.containsAny)
    return t('condition.containsAny', { field, values: condition.containsAny.join(', ') })
  if (condition.startsWith) return t('condition.startsWith', { field, value: condition.startsWith })
  if (condition.endsWith) return t('condition.endsWith', { field, value: condition.endsWith })
  if (condition.matches) {
    // The one pattern agreements use for postcode areas, in words; any other stays as written.
    const digits = /^\^\[(\d)-(\d)\]$/.exec(condition.matches)
    return digits
      ? t('condition.startsWithDigit', { field, low: digits[1], high: digits[2] })
      : t('condition.matches', { field, value: condition.matches })
  }
  if (condition.between)
    return t('condition.between', {
      field,
      low: words.format.number(condition.between[0]),
      high: words.format.number(condition.between[1]),
    })
  if (condition.exists !== undefined)
    return t(condition.exists ? 'condition.exists' : 'condition.missing', { field })
  return `${field} ${bounds(condition, words)}`
}

function describeScore(condition: ScoreCondition, words: AgreementWords): string {
  return `${words.t(`score.${condition.score}`)} ${bounds(condition, words)}`
}

// gte/gt/lte/lt, as "at least 40" or "at least 40 and less than 80".
function bounds(condition: { gte?: number; gt?: number; lte?: number; lt?: number }, words: AgreementWords) {
  const parts = (['gte', 'gt', 'lte', 'lt'] as const)
    .filter((bound) => condition[bound] !== undefined)
    .map((bound) => words.t(`condition.${bound}`, { n: words.format.number(condition[bound]!) }))
  return words.and(parts)
}
