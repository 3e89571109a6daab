// The reports section's overview: each report with what it answers, linked, and the predictive score's model.
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { REPORT_NAMES } from './report-query.ts'
import './reports.css'

export function ReportsPage() {
  const { t } = useTranslation('reports')
  return (
    <section className="page reports" aria-labelledby="reports-title">
      <div className="page-head">
        <h1 id="reports-title">{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <ul className="report-cards" data-testid="report-list">
        {[...REPORT_NAMES, 'contentGaps' as const].map((name) => (
          <li key={name} className="card">
            <h2>
              <Link to={`/reports/${name === 'contentGaps' ? 'content-gaps' : name}`}>
                {t(`names.${name}`)}
              </Link>
            </h2>
            <p className="muted">{t(`about.${name}`)}</p>
          </li>
        ))}
        {/* Not a report of a period: the model the predicted conversion comes from, with its figures. */}
        <li className="card">
          <h2>
            <Link to="/reports/model">{t('model:title')}</Link>
          </h2>
          <p className="muted">{t('modelAbout')}</p>
        </li>
      </ul>
    </section>
  )
}
