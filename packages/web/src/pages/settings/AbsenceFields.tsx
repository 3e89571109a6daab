// Out-of-office periods as whole days in the workspace's time zone. The API stores instants with an
// exclusive end; people think "from Monday to Friday", so the form shows the last day instead.
import { useTranslation } from 'react-i18next'
import type { User } from './useUsers.ts'
import { Field } from './FormField.tsx'
import { DateInput } from '../../components/DateInput.tsx'
import { ISO_DATE } from '../../components/date-entry.ts'

type Period = User['outOfOffice'][number]
export type AbsenceRow = { key: string; from: string; lastDay: string; note: string; original?: Period }

const DAY_MS = 86_400_000

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(at: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at))
}

function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at))
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0)
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  )
  return wall - Math.floor(at / 1000) * 1000
}

/** Midnight at the start of `date` (YYYY-MM-DD) in `timeZone`, as an ISO instant. */
export function startOfDay(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number)
  const wall = Date.UTC(year!, month! - 1, day!)
  // Twice, because the offset at the guess may differ from the offset at the answer (DST changes).
  const guess = wall - offsetMs(wall, timeZone)
  return new Date(wall - offsetMs(guess, timeZone)).toISOString()
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
}

/** The last day an absence covers, its end being exclusive. */
export function lastDayOf(until: string, timeZone: string): string {
  return localDate(Date.parse(until) - 1, timeZone)
}

export function toAbsenceRows(periods: Period[], timeZone: string): AbsenceRow[] {
  return periods.map((period, index) => ({
    key: `saved-${index}`,
    from: localDate(Date.parse(period.from), timeZone),
    lastDay: lastDayOf(period.until, timeZone),
    note: period.note ?? '',
    original: period,
  }))
}

/** The periods to send; untouched rows keep their exact instants, even ones not on midnight. */
export function toPeriods(rows: AbsenceRow[], timeZone: string): Period[] {
  return rows.map((row) => {
    const note = row.note.trim() ? { note: row.note.trim() } : {}
    const original = row.original
    if (
      original &&
      row.from === localDate(Date.parse(original.from), timeZone) &&
      row.lastDay === lastDayOf(original.until, timeZone)
    ) {
      return { from: original.from, until: original.until, ...note }
    }
    return {
      from: startOfDay(row.from, timeZone),
      until: startOfDay(nextDay(row.lastDay), timeZone),
      ...note,
    }
  })
}

/** Problems the form finds itself, keyed like the API's (`outOfOffice/0/until`). */
export function checkAbsences(
  rows: AbsenceRow[],
  message: { required: string; format: string; order: string },
) {
  const problems: Record<string, string> = {}
  const check = (date: string) =>
    !date ? message.required : ISO_DATE.test(date) ? undefined : message.format
  rows.forEach((row, index) => {
    const from = check(row.from)
    const until = check(row.lastDay) ?? (!from && row.lastDay < row.from ? message.order : undefined)
    if (from) problems[`outOfOffice/${index}/from`] = from
    if (until) problems[`outOfOffice/${index}/until`] = until
  })
  return problems
}

export function AbsenceFields({
  rows,
  onChange,
  errors,
}: {
  rows: AbsenceRow[]
  onChange: (rows: AbsenceRow[]) => void
  errors: Record<string, string>
}) {
  const { t } = useTranslation('settings')
  const update = (index: number, change: Partial<AbsenceRow>) =>
    onChange(rows.map((row, position) => (position === index ? { ...row, ...change } : row)))
  return (
    <fieldset className="absences">
      <legend>{t('users.absences')}</legend>
      <p className="hint">{t('users.absencesHint')}</p>
      {rows.length === 0 && <p className="muted">{t('users.noAbsences')}</p>}
      {rows.map((row, index) => {
        const fromError = errors[`outOfOffice/${index}/from`]
        const untilError = errors[`outOfOffice/${index}/until`]
        return (
          <div key={row.key} className="absence-row">
            <Field id={`absence-${row.key}-from`} label={t('users.absenceFrom')} error={fromError}>
              <DateInput value={row.from} onChange={(from) => update(index, { from })} />
            </Field>
            <Field id={`absence-${row.key}-until`} label={t('users.absenceUntil')} error={untilError}>
              <DateInput
                value={row.lastDay}
                min={ISO_DATE.test(row.from) ? row.from : undefined}
                onChange={(lastDay) => update(index, { lastDay })}
              />
            </Field>
            <Field id={`absence-${row.key}-note`} label={t('users.absenceNote')}>
              <input
                value={row.note}
                maxLength={200}
                onChange={(event) => update(index, { note: event.target.value })}
              />
            </Field>
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(rows.filter((_, position) => position !== index))}
            >
              {t('users.removeAbsence')}
            </button>
          </div>
        )
      })}
      <button
        type="button"
        onClick={() => onChange([...rows, { key: `new-${Date.now()}`, from: '', lastDay: '', note: '' }])}
      >
        {t('users.addAbsence')}
      </button>
    </fieldset>
  )
}
