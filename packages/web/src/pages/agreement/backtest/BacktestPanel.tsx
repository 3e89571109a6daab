// A version's backtests on its page: start one (those who negotiate the agreement), follow the runs, and
// read the chosen run's result: MQLs per week against capacity, how accurate each version is, rejected
// leads, and the leads whose outcome changes.
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { QueryStates } from '../../../components/States.tsx'
import { BacktestStartForm } from './BacktestStartForm.tsx'
import { BacktestRunList } from './BacktestRunList.tsx'
import { BacktestResult } from './BacktestResult.tsx'
import { shownRunId } from './backtest-run-state.ts'
import { useBacktestRuns } from './use-backtests.ts'
import './backtest.css'

export function BacktestPanel(props: { version: number; canRun: boolean }) {
  const { t } = useTranslation('backtest')
  const runs = useBacktestRuns(props.version)
  // The shown run lives in the URL (?run=<id>), so a link to a comparison shows the same two runs.
  const [params, setParams] = useSearchParams()
  const chosen = params.get('run')
  const setChosen = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        next.set('run', id)
        return next
      },
      { replace: true },
    )
  const listed = runs.data ?? []
  const shown = listed.find((run) => run.id === shownRunId(listed, chosen))
  return (
    <section className="backtest" aria-labelledby="backtest-title" data-testid="backtest-panel">
      <h2 id="backtest-title">{t('title')}</h2>
      <p className="backtest-intro muted">{t('intro')}</p>
      {props.canRun && <BacktestStartForm version={props.version} onStarted={(run) => setChosen(run.id)} />}
      <h3>{t('runs.title')}</h3>
      <QueryStates query={runs} rows={2} empty={t('runs.empty')}>
        {(items) => (
          <BacktestRunList
            runs={items}
            shownId={shown?.id ?? null}
            canCancel={props.canRun}
            onShow={setChosen}
          />
        )}
      </QueryStates>
      {shown?.status === 'completed' && <BacktestResult key={shown.id} run={shown} />}
    </section>
  )
}
