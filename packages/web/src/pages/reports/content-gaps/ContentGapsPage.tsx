// The content gaps at /reports/content-gaps, a tab of the reports: topics without decision-stage content
// first, then the content leads consumed before they became MQL. Filtered by period only (in the URL, as
// every report's filters are); the API has no CSV of it yet.
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../../../components/States.tsx'
import { writeReportFilters } from '../report-query.ts'
import { PeriodFields } from '../ReportFilters.tsx'
import { ReportTabs } from '../ReportTabs.tsx'
import { ReportPeriodStatus } from '../ReportParts.tsx'
import { useReportWords } from '../use-report-words.ts'
import { useContentGaps, useReportPeriod } from './use-content-gaps.ts'
import { GapTopics } from './GapTopics.tsx'
import { PrecedingMql } from './PrecedingMql.tsx'
import { RecommendedContent } from './RecommendedContent.tsx'
import { useContentWords } from './use-content-words.ts'
import '../reports.css'
import './content-gaps.css'

export function ContentGapsPage() {
  const { t } = useTranslation('reports')
  const words = useReportWords()
  const content = useContentWords()
  const { period, update } = useReportPeriod()
  const report = useContentGaps(period)
  // The previous answer stays on screen, dimmed, while the one for a new period loads.
  const updating = report.isPlaceholderData
  const query = writeReportFilters({ period }).toString()
  return (
    <section className="page reports" aria-labelledby="report-title">
      <title>{`${t('names.contentGaps')} · Takt`}</title>
      <p className="report-back">
        <Link to="/reports">← {t('all')}</Link>
      </p>
      <div className="page-head">
        <h1 id="report-title">{t('names.contentGaps')}</h1>
      </div>
      <ReportTabs shared={query} period={query} />
      <form
        className="report-filters"
        aria-label={t('filters.label')}
        onSubmit={(event) => event.preventDefault()}
      >
        <PeriodFields filters={{ period }} onChange={(change) => update(change.period)} />
      </form>
      <ReportPeriodStatus period={report.data?.period} updating={updating} words={words} />
      {report.isError ? (
        <ErrorMessage error={report.error} />
      ) : report.data === undefined ? (
        <Loading rows={6} />
      ) : (
        <div className={updating ? 'report-body report-updating' : 'report-body'} aria-busy={updating}>
          <GapTopics topics={report.data.topics} words={words} content={content} />
          <PrecedingMql items={report.data.precedingMql} words={words} content={content} />
          <RecommendedContent
            items={report.data.recommended}
            totals={report.data.recommendedTotals}
            words={words}
            content={content}
          />
        </div>
      )}
    </section>
  )
}
