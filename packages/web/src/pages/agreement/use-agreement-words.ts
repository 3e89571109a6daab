// The small phrases the readable agreement is built from (points, days, lists, field and event names),
// in the UI's language. Ids the catalogue does not know are shown as written in the agreement.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLabel } from '../../hooks/use-agreement.ts'
import { humanize } from '../../i18n/humanize.ts'
import type { TouchpointMatch } from './agreement-types.ts'

const COUNTRY_FIELDS = new Set(['country', 'company.country'])
const INDUSTRY_FIELDS = new Set(['industry', 'company.industry'])
// Written like an id ("automotive_zulieferer"), not like a value a person typed ("Head of Sales").
const CODE = /^[a-z0-9]+(?:_[a-z0-9]+)+$/

export function useAgreementWords() {
  const { t, i18n } = useTranslation('agreement')
  const format = useFormat()
  const label = useLabel()
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  const or = new Intl.ListFormat(locale, { type: 'disjunction' })
  const and = new Intl.ListFormat(locale, { type: 'conjunction' })
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })

  const points = (value: number) =>
    `${value > 0 ? '+' : value < 0 ? '−' : '±'}${format.number(Math.abs(value))} ${t(
      Math.abs(value) === 1 ? 'unit.point' : 'unit.points',
    )}`
  const days = (value: number) => t(value === 1 ? 'unit.day' : 'unit.days', { n: format.number(value) })
  const hours = (value: number) =>
    t(value === 1 ? 'unit.businessHour' : 'unit.businessHours', { n: format.number(value) })

  const value = (field: string, raw: string | number | boolean) => {
    if (typeof raw === 'number') return format.number(raw)
    if (typeof raw === 'boolean') return t(raw ? 'word.yes' : 'word.no')
    if (COUNTRY_FIELDS.has(field) && /^[A-Za-z]{2}$/.test(raw)) return regions.of(raw.toUpperCase()) ?? raw
    // The agreement gives no labels for values; the industry catalogue does, other codes are humanised.
    if (INDUSTRY_FIELDS.has(field) && /^\w+$/.test(raw)) {
      return t(`lead:industry.${raw}`, { defaultValue: CODE.test(raw) ? humanize(raw) : raw })
    }
    return CODE.test(raw) ? humanize(raw) : raw
  }
  const field = (path: string) =>
    path.startsWith('custom.')
      ? t('field.custom', { name: path.slice('custom.'.length) })
      : t(`field.${path.replace('.', '_')}`, { defaultValue: path })
  const eventType = (type: string) =>
    type.startsWith('custom.')
      ? t('event.custom', { name: type.slice('custom.'.length) })
      : t(`event.${type}`, { defaultValue: type })
  const source = (id: string) => t(`common:source.${id}`, { defaultValue: id })
  const many = <T>(one: T | readonly T[]): readonly T[] => (Array.isArray(one) ? one : [one as T])

  /** What a touchpoint must look like, e.g. "Whitepaper-Download, Content der Phase Orientierung". */
  const match = (when: TouchpointMatch) => {
    const parts: string[] = []
    if (when.type) parts.push(or.format(many(when.type).map(eventType)))
    if (when.journeyStage)
      parts.push(t('match.stage', { stage: or.format(many(when.journeyStage).map((s) => t(`stage.${s}`))) }))
    if (when.contentId) parts.push(t('match.content', { content: or.format(many(when.contentId)) }))
    if (when.topic) parts.push(t('match.topic', { topic: or.format(many(when.topic)) }))
    if (when.source) parts.push(t('match.source', { source: or.format(many(when.source).map(source)) }))
    for (const [key, expected] of Object.entries(when.properties ?? {}))
      parts.push(t('match.property', { key, value: or.format(many(expected).map(String)) }))
    return parts.join(', ')
  }

  return {
    t,
    format,
    label,
    points,
    days,
    hours,
    value,
    field,
    eventType,
    source,
    match,
    or: (items: readonly string[]) => or.format(items),
    and: (items: readonly string[]) => and.format(items),
    region: (code: string) => regions.of(code.toUpperCase()) ?? code,
  }
}

export type AgreementWords = ReturnType<typeof useAgreementWords>
