// The small phrases the readable agreement is built from (points, days, lists, field and event names),
// in the UI's language. A code is worded by the agreement's own `labels` first, then the catalogue;
// codes neither knows are humanised ("it_dienstleistung" → "It dienstleistung") or shown as written.
import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { codeLabel } from '../../../../core/src/agreement/agreement-labels.ts'
import { useFormat } from '../../hooks/format.ts'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { humanize } from '../../i18n/humanize.ts'
import type { AgreementDocument, TouchpointMatch } from './agreement-types.ts'

const DocumentContext = createContext<AgreementDocument | undefined>(undefined)
/** The agreement being read (a version, or a draft in the editor); outside it, words use the active one. */
export const AgreementDocumentProvider = DocumentContext.Provider

const COUNTRY_FIELDS = new Set(['country', 'company.country'])
const INDUSTRY_FIELDS = new Set(['industry', 'company.industry'])
// Written like an id ("automotive_zulieferer"), not like a value a person typed ("Head of Sales").
const CODE = /^[a-z0-9]+(?:_[a-z0-9]+)+$/

export function useAgreementWords() {
  const { t, i18n } = useTranslation('agreement')
  const format = useFormat()
  const label = useLabel()
  const active = useAgreement().data?.document
  const document = useContext(DocumentContext) ?? active
  const language = i18n.language === 'en' ? 'en' : 'de'
  const locale = language === 'en' ? 'en-GB' : 'de-DE'
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

  const labelled = (code: string) => codeLabel(document, code, language)
  const plain = (code: string) => (CODE.test(code) ? humanize(code) : code)
  /** A code in words: the agreement's label, else the code humanised (track, property, content id). */
  const code = (raw: string) => labelled(raw) ?? plain(raw)

  const value = (field: string, raw: string | number | boolean) => {
    if (typeof raw === 'number') return format.number(raw)
    if (typeof raw === 'boolean') return t(raw ? 'word.yes' : 'word.no')
    const own = labelled(raw)
    if (own) return own
    if (COUNTRY_FIELDS.has(field) && /^[A-Za-z]{2}$/.test(raw)) return regions.of(raw.toUpperCase()) ?? raw
    // Industries the agreement does not label come from the catalogue; other codes are humanised.
    if (INDUSTRY_FIELDS.has(field) && /^\w+$/.test(raw)) {
      return t(`lead:industry.${raw}`, { defaultValue: plain(raw) })
    }
    return plain(raw)
  }
  const field = (path: string) =>
    labelled(path) ??
    (path.startsWith('custom.')
      ? t('field.custom', { name: path.slice('custom.'.length) })
      : t(`field.${path.replace('.', '_')}`, { defaultValue: path }))
  const eventType = (type: string) =>
    labelled(type) ??
    (type.startsWith('custom.')
      ? t('event.custom', { name: type.slice('custom.'.length) })
      : t(`event.${type}`, { defaultValue: plain(type) }))
  const source = (id: string) => labelled(id) ?? t(`common:source.${id}`, { defaultValue: plain(id) })
  const reason = (id: string) => labelled(id) ?? t(`disqualifiers.reasons.${id}`, { defaultValue: plain(id) })
  const property = (key: string) =>
    labelled(key) ?? (/^[\w-]+$/.test(key) ? t(`lead:property.${key}`, { defaultValue: plain(key) }) : key)
  const many = <T>(one: T | readonly T[]): readonly T[] => (Array.isArray(one) ? one : [one as T])

  /** What a touchpoint must look like, e.g. "Whitepaper-Download, Content der Phase Orientierung". */
  const match = (when: TouchpointMatch) => {
    const parts: string[] = []
    if (when.type) parts.push(or.format(many(when.type).map(eventType)))
    if (when.journeyStage)
      parts.push(t('match.stage', { stage: or.format(many(when.journeyStage).map((s) => t(`stage.${s}`))) }))
    if (when.contentId) parts.push(t('match.content', { content: or.format(many(when.contentId).map(code)) }))
    if (when.topic) parts.push(t('match.topic', { topic: or.format(many(when.topic).map(code)) }))
    if (when.source) parts.push(t('match.source', { source: or.format(many(when.source).map(source)) }))
    for (const [key, expected] of Object.entries(when.properties ?? {})) {
      const values = many(expected).map((one) => (typeof one === 'string' ? code(one) : value(key, one)))
      parts.push(t('match.property', { key: property(key), value: or.format(values) }))
    }
    return parts.join(', ')
  }

  return {
    t,
    /** the agreement these words are for */
    document,
    format,
    label,
    code,
    points,
    days,
    hours,
    value,
    field,
    eventType,
    source,
    reason,
    property,
    match,
    or: (items: readonly string[]) => or.format(items),
    and: (items: readonly string[]) => and.format(items),
    region: (code: string) => regions.of(code.toUpperCase()) ?? code,
  }
}

export type AgreementWords = ReturnType<typeof useAgreementWords>
