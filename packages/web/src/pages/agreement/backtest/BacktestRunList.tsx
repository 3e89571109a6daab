// The runs of a version, newest first: when, over which period, against which version, and how far.
// A working run shows its progress and can be cancelled; a failed one says why.
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../../components/States.tsx'
import { isRunWorking, progressPercent } from './backtest-run-state.ts'
import { useCancelBacktest } from './use-backtests.ts'
import { useBacktestWords } from './use-backtest-words.ts'
import type { BacktestRun } from './backtest-types.ts'

type Props = {
  runs: readonly BacktestRun[]
  shownId: string | null
  canCancel: boolean
  onShow: (id: string) => void
}

export function BacktestRunList({ runs, shownId, canCancel, onShow }: Props) {
  const cancel = useCancelBacktest()
  return (
    <>
      <ol className="backtest-runs" data-testid="backtest-runs">
        {runs.map((run) => (
          <RunItem
            key={run.id}
            run={run}
            shown={run.id === shownId}
            canCancel={canCancel}
            cancelling={cancel.isPending && cancel.variables === run.id}
            onCancel={() => cancel.mutate(run.id)}
            onShow={() => onShow(run.id)}
          />
        ))}
      </ol>
      {cancel.isError && <ErrorMessage error={cancel.error} />}
    </>
  )
}

function RunItem(props: {
  run: BacktestRun
  shown: boolean
  canCancel: boolean
  cancelling: boolean
  onCancel: () => void
  onShow: () => void
}) {
  const { t } = useTranslation('backtest')
  const { run } = props
  const words = useBacktestWords(run)
  const started = words.format.dateTime(run.createdAt)
  const working = isRunWorking(run.status)
  const percent = progressPercent(run)
  return (
    <li
      className={`backtest-run${props.shown ? ' shown' : ''}`}
      data-testid="backtest-run"
      data-status={run.status}
    >
      <div className="backtest-run-what">
        <span className={`badge run-${run.status}`}>{t(`runs.status.${run.status}`)}</span>{' '}
        <strong>
          {t('runs.period', { from: words.day(run.period.from), to: words.day(run.period.to) })}
        </strong>
        <span className="muted">
          {' · '}
          {run.against === 'active'
            ? t('runs.againstActive', { version: run.baselineVersion })
            : t('runs.against', { version: words.versionName('baseline') })}
          {' · '}
          {t('runs.startedAt', { date: started })}
        </span>
      </div>
      {working && (
        <div className="backtest-progress">
          <progress max={100} value={percent} aria-label={t('runs.progress')} />
          <span aria-hidden="true">{percent} %</span>
        </div>
      )}
      {run.status === 'failed' && (
        <p className="error backtest-run-error" role="alert">
          {run.error ? t('runs.failed', { error: run.error }) : t('runs.failedUnknown')}
        </p>
      )}
      <div className="backtest-run-actions">
        {run.status === 'completed' &&
          (props.shown ? (
            <span className="muted">{t('runs.shown')}</span>
          ) : (
            <button type="button" onClick={props.onShow} aria-label={t('runs.showLabel', { date: started })}>
              {t('runs.show')}
            </button>
          ))}
        {working && props.canCancel && (
          <button
            type="button"
            className="danger"
            onClick={props.onCancel}
            disabled={props.cancelling}
            aria-label={t('runs.cancelLabel', { date: started })}
          >
            {props.cancelling ? t('runs.cancelling') : t('runs.cancel')}
          </button>
        )}
      </div>
    </li>
  )
}
