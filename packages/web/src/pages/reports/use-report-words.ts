// The words a report screen is built from, in the UI's language: figures (a null figure as "nicht
// berechenbar"), stages, and the names behind a group's key (source, lane, campaign, version, owner).
import { useTranslation } from 'react-i18next'
import { useLeadLabels } from '../lead/lead-labels.ts'
import { createReportFormat } from './report-format.ts'
import { useReps } from './use-report.ts'
import type { Grouping } from './report-query.ts'

export function useReportWords() {
  const { t, i18n } = useTranslation('reports')
  const labels = useLeadLabels()
  const reps = useReps().data?.items ?? []
  const format = createReportFormat(i18n.language)
  const notComputable = t('notComputable')
  const or = (text: string | null) => text ?? notComputable
  const person = (id: string | null) =>
    id === null ? t('group.nobody') : (reps.find((rep) => rep.id === id)?.name ?? t('group.formerUser'))
  return {
    format,
    notComputable,
    /** a count, or "nicht berechenbar" */
    count: (value: number | null | undefined) => or(format.count(value)),
    share: (value: number | null | undefined) => or(format.share(value)),
    decimal: (value: number | null | undefined) => or(format.decimal(value)),
    money: (value: number | null | undefined) => or(format.money(value)),
    stage: (stage: string) => t(`stageShort.${stage}`, { defaultValue: labels.stage(stage as never) }),
    stageLong: (stage: string) => labels.stage(stage as never),
    source: (source: string | null) => (source === null ? t('group.none') : labels.source(source)),
    reason: (reason: string) => labels.reason(reason),
    team: (team: string | null) => (team === null ? t('group.none') : labels.team(team)),
    person,
    /** the name of a group's key: "Webinar", "Inbound", "Version 7", "Jonas Becker" */
    groupKey: (by: Grouping, key: string | null) => {
      if (by === 'owner') return person(key)
      if (key === null) return t('group.none')
      if (by === 'source') return labels.source(key)
      if (by === 'lane') return labels.lane(key)
      if (by === 'version') return t('versionN', { version: key })
      return key
    },
  }
}

export type ReportWords = ReturnType<typeof useReportWords>
