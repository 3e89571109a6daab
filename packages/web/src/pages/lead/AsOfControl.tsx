// "As of": the lead rebuilt from its log as it stood at a past instant (the API's ?asOf=), read-only.
// Date and time are typed as the UI's language writes them (24-hour clock), in the browser's time zone:
// <input type="datetime-local"> would follow the browser's language instead (03/04/2026, 03:06 PM).
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { DateInput } from '../../components/DateInput.tsx'

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/

export function AsOfControl(props: {
  asOf: string | null
  shownAt: string
  onChange: (asOf: string | null) => void
}) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const initial = props.asOf ? toLocalParts(props.asOf) : { date: '', time: '' }
  const [date, setDate] = useState(initial.date)
  const [time, setTime] = useState(initial.time)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const clock = TIME.exec(time.trim() === '' ? '23:59' : time.trim())
    const at =
      /^\d{4}-\d{2}-\d{2}$/.test(date) && clock
        ? new Date(`${date}T${clock[1]!.padStart(2, '0')}:${clock[2]}`)
        : null
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
          <DateInput
            value={date}
            onChange={setDate}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'as-of-problem' : undefined}
          />
        </label>
        <label className="inline-label">
          <span>{t('asOf.time')}</span>
          <input
            className="time-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('asOf.timePlaceholder')}
            value={time}
            onChange={(event) => setTime(event.target.value)}
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
              setDate('')
              setTime('')
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

/** An ISO instant as a YYYY-MM-DD date and an HH:MM time in the browser's time zone. */
function toLocalParts(iso: string): { date: string; time: string } {
  const date = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  }
}
