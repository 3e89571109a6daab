// "As of": the lead rebuilt from its log as it stood at a past instant (the API's ?asOf=), read-only.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'

export function AsOfControl(props: {
  asOf: string | null
  shownAt: string
  onChange: (asOf: string | null) => void
}) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const [value, setValue] = useState(props.asOf ? toLocalInput(props.asOf) : '')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const at = value ? new Date(value) : null
    if (!at || Number.isNaN(at.getTime())) return setProblem(t('asOf.invalid'))
    if (at.getTime() > Date.now()) return setProblem(t('asOf.future'))
    setProblem(null)
    props.onChange(at.toISOString())
  }
  return (
    <div className={props.asOf ? 'as-of as-of-past' : 'as-of'}>
      {props.asOf ? (
        <p className="as-of-banner" role="note">
          <strong>{t('asOf.showing', { date: format.dateTime(props.shownAt) })}</strong> {t('asOf.readOnly')}
        </p>
      ) : (
        <p className="muted as-of-banner">{t('asOf.now')}</p>
      )}
      <form className="as-of-form" onSubmit={submit} noValidate>
        <label className="inline-label">
          <span>{t('asOf.label')}</span>
          <input
            type="datetime-local"
            value={value}
            max={toLocalInput(new Date().toISOString())}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'as-of-problem' : undefined}
          />
        </label>
        <button type="submit">{t('asOf.show')}</button>
        {props.asOf && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setValue('')
              props.onChange(null)
            }}
          >
            {t('asOf.backToNow')}
          </button>
        )}
        {problem && (
          <span id="as-of-problem" className="error" role="alert">
            {problem}
          </span>
        )}
      </form>
    </div>
  )
}

/** An ISO instant as the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(iso: string): string {
  const date = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}
