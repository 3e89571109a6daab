// The SLA countdown in business hours: on time, due soon, or overdue.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../hooks/format.ts'

type Sla = { state: string; dueAt: string; remainingBusinessHours: number } | null

export function SlaBadge({ sla }: { sla: Sla }) {
  const { t } = useTranslation()
  const format = useFormat()
  if (!sla) return <span className="badge">{t('sla.none')}</span>
  const overdue = sla.state === 'breached'
  const text = overdue
    ? t('sla.overdue', { due: format.dateTime(sla.dueAt) })
    : t('sla.left', { hours: format.businessHours(sla.remainingBusinessHours) })
  return (
    <span className={`badge sla-${sla.state}`} title={t('sla.dueAt', { due: format.dateTime(sla.dueAt) })}>
      {text}
    </span>
  )
}
