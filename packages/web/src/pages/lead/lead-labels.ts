// Words for the ids a lead carries (stages, reasons, rules, teams, checklist items, industries, sources,
// touchpoint properties), in the UI's language: the agreement's own labels first, then the catalogue,
// then the id humanised.
import { useTranslation } from 'react-i18next'
import { codeLabel } from '../../../../core/src/agreement/agreement-labels.ts'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { CHECKLIST_FRAMEWORK_ITEMS } from '../../../../core/src/agreement/checklist-frameworks.ts'
import { humanize } from '../../i18n/humanize.ts'
import type { Stage } from './lead-types.ts'

const SLA_BREACHED_REASON = 'sla_breached'

export function useLeadLabels() {
  const { t, i18n } = useTranslation('lead')
  const label = useLabel()
  const document = useAgreement().data?.document
  const language = i18n.language === 'en' ? 'en' : 'de'
  const countries = new Intl.DisplayNames([language === 'en' ? 'en-GB' : 'de-DE'], { type: 'region' })
  const labelled = (code: string) => codeLabel(document, code, language)

  const eventType = (type: string) =>
    labelled(type) ?? t(`eventType.${type}`, { defaultValue: humanize(type) })
  const checklist = (id: string) => {
    const found = document?.sql?.checklists.find((candidate) => candidate.id === id)
    return found ? label(found.label, found.framework === 'custom' ? id : found.framework) : id
  }
  const checklistItem = (checklistId: string, itemId: string) => {
    const found = document?.sql?.checklists.find((candidate) => candidate.id === checklistId)
    const items =
      found?.framework === 'custom'
        ? (found.items ?? [])
        : found
          ? CHECKLIST_FRAMEWORK_ITEMS[found.framework]
          : Object.values(CHECKLIST_FRAMEWORK_ITEMS).flat()
    const item = items.find((candidate) => candidate.id === itemId)
    return item ? label(item.label, itemId) : itemId
  }

  return {
    stage: (stage: Stage) => t(`common:stage.${stage}`),
    /** A recycling reason, a disqualifier's reason, the SLA's own reason, or the text a person typed. */
    reason: (reason: string) => {
      if (reason === SLA_BREACHED_REASON) return t('reason.slaBreached')
      const recycling = document?.recycling?.reasons.find((candidate) => candidate.id === reason)
      if (recycling) return label(recycling.label, reason)
      const disqualifier = document?.disqualifiers?.find((candidate) => candidate.reason === reason)
      return labelled(reason) ?? (disqualifier ? label(disqualifier.label, reason) : reason)
    },
    /** The rule's label under the agreement version that scored it (not necessarily the active one). */
    rule: (kind: 'fit' | 'engagement', ruleId: string, labels: { de: string; en: string }) => {
      // Unlabelled engagement rules are usually named after the touchpoint type they count;
      // other unlabelled rules read better humanised than as ids.
      if (labels.en === ruleId && labels.de === ruleId)
        return kind === 'engagement' ? eventType(ruleId) : humanize(ruleId)
      return labels[language]
    },
    team: (id: string | null) => {
      const team = document?.routing?.teams.find((candidate) => candidate.id === id)
      return team ? label(team.label, team.id) : (id ?? '–')
    },
    lane: (id: string | null) => {
      const lane = document?.sources?.find((candidate) => candidate.id === id)
      return lane ? label(lane.label, lane.id) : (id ?? '–')
    },
    source: (source: string | null) =>
      source ? (labelled(source) ?? t(`common:source.${source}`, { defaultValue: humanize(source) })) : '–',
    eventType,
    /** A touchpoint property as "Kanal: Bezahlte Suche (CPC)"; unknown keys are humanised, unknown values kept. */
    property: (key: string, value: unknown) => {
      // i18next reads dots in keys as nesting; property keys with dots simply miss the catalogue.
      const known = /^[\w-]+$/.test(key)
      const name = labelled(key) ?? (known ? t(`property.${key}`, { defaultValue: humanize(key) }) : key)
      const text = String(value)
      const shown =
        (typeof value === 'string' ? labelled(text) : undefined) ??
        (known && typeof value === 'string' && /^[\w-]+$/.test(text)
          ? t(`propertyValue.${key}.${text}`, { defaultValue: text })
          : text)
      return `${name}: ${shown}`
    },
    checklist,
    checklistItem,
    industry: (industry: string | null | undefined) =>
      industry
        ? (labelled(industry) ?? t(`industry.${industry}`, { defaultValue: humanize(industry) }))
        : '–',
    country: (code: string | null | undefined) => {
      if (!code) return '–'
      try {
        return countries.of(code.toUpperCase()) ?? code
      } catch {
        return code
      }
    },
  }
}

export type LeadLabels = ReturnType<typeof useLeadLabels>
