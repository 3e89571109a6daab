// Starting a backtest of this version: a period (the last 365 days unless changed) and the version to
// compare with (the active one unless another is chosen). The API checks again and says why it refuses.
import { useId, useState, type FormEvent } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ApiProblem, unwrap } from '../../../api/client.ts'
import { DateInput } from '../../../components/DateInput.tsx'
import { ErrorMessage } from '../../../components/States.tsx'
import { ISO_DATE } from '../../../components/date-entry.ts'
import { useAgreement } from '../../../hooks/use-agreement.ts'
import { defaultPeriod } from './backtest-run-state.ts'
import { useStartBacktest } from './use-backtests.ts'
import type { BacktestRun } from './backtest-types.ts'

const WORKSPACE_ZONE = 'Europe/Berlin'

export function BacktestStartForm(props: { version: number; onStarted: (run: BacktestRun) => void }) {
  const { t } = useTranslation('backtest')
  const id = useId()
  const active = useAgreement().data
  const versions = useQuery({
    queryKey: ['agreement-versions'],
    queryFn: () => unwrap(api.GET('/api/v1/agreement/versions')),
  })
  const zone = active?.document.timezone ?? WORKSPACE_ZONE
  const [period, setPeriod] = useState(() => defaultPeriod(new Date(), zone))
  const [against, setAgainst] = useState<'active' | number>('active')
  const [checked, setChecked] = useState(false)
  const [started, setStarted] = useState(false)
  const start = useStartBacktest(props.version, (run) => {
    setStarted(true)
    props.onStarted(run)
  })

  const fieldError = {
    from: ISO_DATE.test(period.from) ? null : t('start.fromMissing'),
    to: !ISO_DATE.test(period.to)
      ? t('start.toMissing')
      : ISO_DATE.test(period.from) && period.to < period.from
        ? t('start.toBeforeFrom')
        : null,
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setChecked(true)
    setStarted(false)
    if (fieldError.from || fieldError.to) return
    start.mutate({ ...period, against })
  }
  const others = (versions.data ?? []).filter(
    (version) => version.version !== props.version && version.status !== 'active',
  )

  return (
    <form className="backtest-start card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('start.title')}</h3>
      <div className="backtest-start-fields">
        {(['from', 'to'] as const).map((field) => {
          const error = checked ? fieldError[field] : null
          return (
            <div className="backtest-field" key={field}>
              <label htmlFor={`${id}-${field}`}>{t(field === 'from' ? 'start.from' : 'start.to')}</label>
              <DateInput
                id={`${id}-${field}`}
                value={period[field]}
                onChange={(value) => setPeriod((current) => ({ ...current, [field]: value }))}
                aria-invalid={error !== null}
                aria-describedby={error ? `${id}-${field}-error` : `${id}-hint`}
              />
              {error && (
                <span className="field-error" id={`${id}-${field}-error`}>
                  {error}
                </span>
              )}
            </div>
          )
        })}
        <div className="backtest-field">
          <label htmlFor={`${id}-against`}>{t('start.against')}</label>
          <select
            id={`${id}-against`}
            value={String(against)}
            onChange={(event) =>
              setAgainst(event.target.value === 'active' ? 'active' : Number(event.target.value))
            }
          >
            <option value="active">
              {active ? t('start.activeNumbered', { version: active.version }) : t('start.active')}
            </option>
            {others.map((version) => (
              <option key={version.version} value={version.version}>
                {t('version', { version: version.version })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={start.isPending}>
          {start.isPending ? t('start.starting') : t('start.submit')}
        </button>
      </div>
      <p className="muted backtest-hint" id={`${id}-hint`}>
        {t('start.hint')}
      </p>
      <p className="notice" role="status">
        {started && !start.isPending ? t('start.started') : ''}
      </p>
      {start.isError && <StartProblem error={start.error} />}
    </form>
  )
}

function StartProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('backtest')
  if (!(error instanceof ApiProblem)) return <ErrorMessage error={error} />
  // The API's detail is English; the codes people can cause are worded here, others keep the detail.
  const text = t(`problem.${error.code}`, { defaultValue: '' })
  return text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : (
    <ErrorMessage error={error} />
  )
}
