// A completed run's result, in the order people judge a change: how many MQLs per week against what sales
// can take, how accurate each version is, which rejected leads it would still send, and which leads change.
// Beneath the summary, the run can be compared with another.
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Empty, Loading, QueryStates } from '../../../components/States.tsx'
import { chartRowsOf } from './backtest-chart.ts'
import { WeeklyTable } from './WeeklyTable.tsx'
import { FigureTable, TimingList } from './FigureTable.tsx'
import { RejectionTable } from './RejectionTable.tsx'
import { ChangedLeads } from './ChangedLeads.tsx'
import { BacktestComparison } from './BacktestComparison.tsx'
import { useBacktestReport } from './use-backtests.ts'
import { useBacktestWords, type BacktestWords } from './use-backtest-words.ts'
import { VERSION_ROLES, type BacktestReport, type BacktestRun } from './backtest-types.ts'

// recharts is most of this screen's code and only a completed run needs it: a separate chunk.
const WeeklyChart = lazy(() =>
  import('./WeeklyChart.tsx').then((module) => ({ default: module.WeeklyChart })),
)

export function BacktestResult({ run }: { run: BacktestRun }) {
  const { t } = useTranslation('backtest')
  const report = useBacktestReport(run.id)
  const words = useBacktestWords(run)
  return (
    <article
      className="backtest-result"
      aria-labelledby="backtest-result-title"
      data-testid="backtest-result"
    >
      <h3 id="backtest-result-title">
        {t('report.title', { from: words.day(run.period.from), to: words.day(run.period.to) })}
      </h3>
      <QueryStates query={report} rows={3}>
        {(data) =>
          data === null ? (
            <Empty>{t('report.missing')}</Empty>
          ) : (
            <ReportBody run={run} report={data} words={words} />
          )
        }
      </QueryStates>
    </article>
  )
}

function ReportBody({
  run,
  report,
  words,
}: {
  run: BacktestRun
  report: BacktestReport
  words: BacktestWords
}) {
  const { t } = useTranslation('backtest')
  const rows = chartRowsOf(report)
  return (
    <>
      <Summary report={report} words={words} />
      <BacktestComparison run={run} report={report} />
      <section aria-labelledby="backtest-weeks-title">
        <h4 id="backtest-weeks-title">{t('chart.title')}</h4>
        <Suspense fallback={<Loading rows={1} />}>
          <WeeklyChart rows={rows} words={words} />
        </Suspense>
        <p className="muted backtest-note" data-testid="backtest-capacity-note">
          {report.capacityPerWeek === null ? t('chart.noCapacity') : t('chart.capacityNote')}
        </p>
        <WeeklyTable rows={rows} words={words} />
      </section>
      <section aria-labelledby="backtest-figures-title">
        <h4 id="backtest-figures-title">{t('figures.title')}</h4>
        <p className="backtest-note">{t('figures.intro')}</p>
        <FigureTable report={report} words={words} />
        <TimingList report={report} words={words} />
      </section>
      <section aria-labelledby="backtest-rejections-title">
        <h4 id="backtest-rejections-title">{t('rejections.title')}</h4>
        <p className="backtest-note">{t('rejections.intro')}</p>
        <RejectionTable report={report} words={words} />
      </section>
      <section aria-labelledby="backtest-changed-title">
        <h4 id="backtest-changed-title">{t('changed.title')}</h4>
        <p className="backtest-note">{t('changed.intro')}</p>
        <ChangedLeads runId={run.id} total={report.changedLeads} words={words} />
      </section>
    </>
  )
}

function Summary({ report, words }: { report: BacktestReport; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  return (
    <dl className="backtest-summary" aria-label={t('report.summary')} data-testid="backtest-summary">
      <div>
        <dt>{t('report.leads')}</dt>
        <dd>{words.count(report.leads)}</dd>
      </div>
      {VERSION_ROLES.map((role, index) => (
        <div key={role}>
          <dt>{t('report.mqls', { name: words.roleName(role) })}</dt>
          <dd>{words.count(report.versions[index]!.mqls)}</dd>
        </div>
      ))}
      <div>
        <dt>{t('report.handOffs')}</dt>
        <dd>{words.count(report.actual.handOffs)}</dd>
      </div>
      <div>
        <dt>{t('report.changedLeads')}</dt>
        <dd>{words.count(report.changedLeads)}</dd>
      </div>
      <div>
        <dt>{t('report.capacity')}</dt>
        <dd>
          {report.capacityPerWeek === null ? t('report.noCapacity') : words.count(report.capacityPerWeek)}
        </dd>
      </div>
      {report.capacityPerWeek !== null &&
        VERSION_ROLES.map((role, index) => (
          <div key={`over-${role}`}>
            <dt>{t('report.weeksOver', { name: words.versionName(role) })}</dt>
            <dd>{words.count(report.versions[index]!.weeksOverCapacity ?? 0)}</dd>
          </div>
        ))}
    </dl>
  )
}
