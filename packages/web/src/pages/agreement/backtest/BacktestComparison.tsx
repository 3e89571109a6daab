// "Mit anderem Lauf vergleichen": the shown run beside another completed run of the workspace (any version,
// or a document given as text). The chosen run is kept in the URL (?compare=<id>, with ?run=<shown id>), so
// a comparison can be linked; a linked id that names no run says so.
import { useId } from 'react'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../../api/client.ts'
import { Empty, ErrorMessage, Loading } from '../../../components/States.tsx'
import { useFormat } from '../../../hooks/format.ts'
import { comparableRuns } from './backtest-comparison.ts'
import { formatCalendarDay } from './backtest-chart.ts'
import { ComparisonTable } from './ComparisonTable.tsx'
import { useBacktestRun, useWorkspaceRuns } from './use-backtests.ts'
import type { BacktestReport, BacktestRun } from './backtest-types.ts'

export function BacktestComparison({ run, report }: { run: BacktestRun; report: BacktestReport }) {
  const { t } = useTranslation('backtest')
  const id = useId()
  const [params, setParams] = useSearchParams()
  const compareId = params.get('compare')
  const runs = useWorkspaceRuns()
  const other = useBacktestRun(compareId)
  const label = useRunLabel()
  const listed = comparableRuns(runs.data?.pages.flatMap((page) => page.items) ?? [], run.id)
  // A linked run that no loaded page holds (older, unknown, or this one) still needs its option.
  const linkedOnly = compareId !== null && !listed.some((one) => one.id === compareId)

  const choose = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value === '') next.delete('compare')
        else next.set('compare', value)
        next.set('run', run.id)
        return next
      },
      { replace: true },
    )

  return (
    <section className="backtest-compare" aria-labelledby={`${id}-title`} data-testid="backtest-compare">
      <h4 id={`${id}-title`}>{t('compare.title')}</h4>
      <div className="backtest-compare-pick">
        <div className="backtest-field">
          <label htmlFor={`${id}-run`}>{t('compare.choose')}</label>
          <select
            id={`${id}-run`}
            value={compareId ?? ''}
            onChange={(event) => choose(event.target.value)}
            data-testid="backtest-compare-select"
          >
            <option value="">{t('compare.nothing')}</option>
            {linkedOnly && (
              <option value={compareId}>
                {other.data ? label(other.data) : t('compare.linked', { id: compareId })}
              </option>
            )}
            {listed.map((one) => (
              <option key={one.id} value={one.id}>
                {label(one)}
              </option>
            ))}
          </select>
        </div>
        {runs.hasNextPage && (
          <button type="button" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
            {runs.isFetchingNextPage ? t('compare.loadingOlder') : t('compare.older')}
          </button>
        )}
      </div>
      {runs.isError && <ErrorMessage error={runs.error} />}
      {runs.isSuccess && listed.length === 0 && !runs.hasNextPage && (
        <p className="muted backtest-note">{t('compare.none')}</p>
      )}
      {compareId !== null && <ComparedRun shown={run} report={report} compareId={compareId} other={other} />}
    </section>
  )
}

function ComparedRun(props: {
  shown: BacktestRun
  report: BacktestReport
  compareId: string
  other: ReturnType<typeof useBacktestRun>
}) {
  const { t } = useTranslation('backtest')
  const { other } = props
  if (other.isError) {
    // 404: no such run in this workspace; 400: not even a run id. Either way the link is stale or mistyped.
    return other.error instanceof ApiProblem && (other.error.status === 404 || other.error.status === 400) ? (
      <p className="warning" role="alert" data-testid="backtest-compare-unknown">
        {t('compare.unknown')}
      </p>
    ) : (
      <ErrorMessage error={other.error} />
    )
  }
  if (other.isPending) return <Loading rows={3} />
  const { report, ...run } = other.data
  if (run.id === props.shown.id) return <Empty>{t('compare.same')}</Empty>
  if (run.status !== 'completed' || report === null)
    return <Empty>{t('compare.noResult', { status: t(`runs.status.${run.status}`) })}</Empty>
  return <ComparisonTable shown={props.shown} report={props.report} other={run} otherReport={report} />
}

/** A run as the select names it: version (or file), period, against which version, and when. */
function useRunLabel() {
  const { t, i18n } = useTranslation('backtest')
  const format = useFormat()
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  return (run: BacktestRun) =>
    t('compare.option', {
      version:
        run.candidateVersion === null ? t('compare.file') : t('version', { version: run.candidateVersion }),
      from: formatCalendarDay(run.period.from, locale),
      to: formatCalendarDay(run.period.to, locale),
      against: t('version', { version: run.baselineVersion }),
      date: format.dateTime(run.createdAt),
    })
}
