// One report at /reports/:name: its filters (in the URL), the period it covers in the workspace's time
// zone, the CSV of its main table for the same query, and its charts with their tables.
import { Link, Navigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../../components/States.tsx'
import {
  isReportName,
  reportCsvUrl,
  writeReportFilters,
  type Report,
  type ReportName,
} from './report-query.ts'
import { useReport, useReportFilters } from './use-report.ts'
import { useReportWords, type ReportWords } from './use-report-words.ts'
import { ReportFilters } from './ReportFilters.tsx'
import { ReportTabs } from './ReportTabs.tsx'
import { ReportPeriodStatus } from './ReportParts.tsx'
import { FunnelReport } from './FunnelReport.tsx'
import { VelocityReport } from './VelocityReport.tsx'
import { SlaReport } from './SlaReport.tsx'
import { ReasonsReport } from './ReasonsReport.tsx'
import { CalibrationReport } from './CalibrationReport.tsx'
import { SourcesReport } from './SourcesReport.tsx'
import './reports.css'

export function ReportPage() {
  const { name } = useParams()
  if (!isReportName(name)) return <Navigate to="/reports" replace />
  return <ReportScreen key={name} name={name} />
}

function ReportScreen({ name }: { name: ReportName }) {
  const { t } = useTranslation('reports')
  const words = useReportWords()
  const { filters, update } = useReportFilters(name)
  const report = useReport(name, filters)
  // The previous answer stays on screen, dimmed, while the one for new filters loads.
  const updating = report.isPlaceholderData
  // Switching reports keeps the period and the filters every report shares.
  const shared = writeReportFilters({
    period: filters.period,
    version: filters.version,
    source: filters.source,
    owner: filters.owner,
  }).toString()
  return (
    <section className="page reports" aria-labelledby="report-title">
      <p className="report-back">
        <Link to="/reports">← {t('all')}</Link>
      </p>
      <div className="page-head">
        <h1 id="report-title">{t(`names.${name}`)}</h1>
        <a className="report-csv" href={reportCsvUrl(name, report.query)} download data-testid="report-csv">
          {t('csv')}
        </a>
      </div>
      <ReportTabs shared={shared} period={writeReportFilters({ period: filters.period }).toString()} />
      <ReportFilters name={name} filters={filters} words={words} onChange={update} />
      <ReportPeriodStatus period={report.data?.period} updating={updating} words={words} />
      {report.isError ? (
        <ErrorMessage error={report.error} />
      ) : report.data === undefined ? (
        <Loading rows={6} />
      ) : (
        <div className={updating ? 'report-body report-updating' : 'report-body'} aria-busy={updating}>
          <ReportBody report={report.data} words={words} />
        </div>
      )}
    </section>
  )
}

function ReportBody({ report, words }: { report: Report; words: ReportWords }) {
  switch (report.name) {
    case 'funnel':
      return <FunnelReport report={report} words={words} />
    case 'velocity':
      return <VelocityReport report={report} words={words} />
    case 'sla':
      return <SlaReport report={report} words={words} />
    case 'reasons':
      return <ReasonsReport report={report} words={words} />
    case 'calibration':
      return <CalibrationReport report={report} words={words} />
    case 'sources':
      return <SourcesReport report={report} words={words} />
  }
}
