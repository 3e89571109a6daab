// The reports as tabs. Each keeps what the shown report is filtered by: the period and the filters every
// report shares; the content gaps, which read catalogue and touchpoints rather than leads, the period only.
import { NavLink } from 'react-router'
import { useTranslation } from 'react-i18next'
import { REPORT_NAMES } from './report-query.ts'

export function ReportTabs({ shared, period }: { shared: string; period: string }) {
  const { t } = useTranslation('reports')
  const query = (params: string) => (params ? `?${params}` : '')
  return (
    <nav className="report-tabs" aria-label={t('title')}>
      {REPORT_NAMES.map((name) => (
        <NavLink key={name} to={`/reports/${name}${query(shared)}`}>
          {t(`names.${name}`)}
        </NavLink>
      ))}
      <NavLink to={`/reports/content-gaps${query(period)}`}>{t('names.contentGaps')}</NavLink>
    </nav>
  )
}
