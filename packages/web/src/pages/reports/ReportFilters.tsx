// A report's filters, all in the URL: the period (the last 30, 90 or 365 days, or a custom period in
// the app's date fields), the funnel's view, the grouping, the agreement version, the source and the
// owner. Choices apply at once; a custom period applies as soon as both days are valid and in order.
import { useContext, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateInput } from '../../components/DateInput.tsx'
import { WorkspaceTimeZone } from '../../hooks/format.ts'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import {
  GROUPINGS_OF,
  isCalendarDay,
  periodDays,
  QUICK_PERIODS,
  todayIn,
  type Grouping,
  type QuickPeriod,
  type ReportFilters as Filters,
  type ReportName,
} from './report-query.ts'
import { useAgreementVersions, useReps } from './use-report.ts'
import type { ReportWords } from './use-report-words.ts'

export function ReportFilters({
  name,
  filters,
  words,
  onChange,
}: {
  name: ReportName
  filters: Filters
  words: ReportWords
  onChange: (change: Partial<Filters>) => void
}) {
  const { t } = useTranslation('reports')
  const groupings = GROUPINGS_OF[name]
  const versions = (useAgreementVersions().data ?? []).filter((version) => version.status !== 'draft')
  const reps = useReps().data?.items ?? []
  return (
    <form
      className="report-filters"
      aria-label={t('filters.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <PeriodFields filters={filters} onChange={onChange} />
      {name === 'funnel' && (
        <label>
          {t('filters.view')}
          <select
            name="view"
            value={filters.view ?? 'flow'}
            onChange={(event) => onChange({ view: event.target.value === 'cohort' ? 'cohort' : undefined })}
          >
            <option value="flow">{t('filters.flow')}</option>
            <option value="cohort">{t('filters.cohort')}</option>
          </select>
        </label>
      )}
      {groupings.length > 0 && (
        <label>
          {t('filters.by')}
          <select
            name="by"
            value={filters.by ?? ''}
            onChange={(event) => onChange({ by: (event.target.value || undefined) as Grouping | undefined })}
          >
            <option value="">{t('filters.noGrouping')}</option>
            {groupings.map((grouping) => (
              <option key={grouping} value={grouping}>
                {t(`grouping.${grouping}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('filters.version')}
        <select
          name="version"
          value={filters.version ?? ''}
          onChange={(event) =>
            onChange({ version: event.target.value ? Number(event.target.value) : undefined })
          }
        >
          <option value="">{t('filters.anyVersion')}</option>
          {versions.map((version) => (
            <option key={version.version} value={version.version}>
              {t('versionN', { version: version.version })}
            </option>
          ))}
          {filters.version !== undefined &&
            !versions.some((version) => version.version === filters.version) && (
              <option value={filters.version}>{t('versionN', { version: filters.version })}</option>
            )}
        </select>
      </label>
      <label>
        {t('filters.source')}
        <SourceSelect value={filters.source} words={words} onChange={(source) => onChange({ source })} />
      </label>
      <label>
        {t('filters.owner')}
        <select
          name="owner"
          value={filters.owner ?? ''}
          onChange={(event) => onChange({ owner: event.target.value || undefined })}
        >
          <option value="">{t('filters.anyOwner')}</option>
          {reps.map((rep) => (
            <option key={rep.id} value={rep.id}>
              {rep.name}
            </option>
          ))}
          {filters.owner && !reps.some((rep) => rep.id === filters.owner) && (
            <option value={filters.owner}>{words.person(filters.owner)}</option>
          )}
        </select>
      </label>
    </form>
  )
}

/**
 * The quick choices, or a custom period whose days are kept as typed until both are valid. The content
 * gaps report, which filters by period only, puts these in its own form.
 */
export function PeriodFields({
  filters,
  onChange,
}: {
  filters: Pick<Filters, 'period'>
  onChange: (change: Pick<Filters, 'period'>) => void
}) {
  const { t } = useTranslation('reports')
  const id = useId()
  const timeZone = useContext(WorkspaceTimeZone)
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null)
  const shown = draft ?? ('from' in filters.period ? filters.period : null)
  const valid = (next: { from: string; to: string }) =>
    isCalendarDay(next.from) && isCalendarDay(next.to) && next.from <= next.to
  const edit = (change: Partial<{ from: string; to: string }>) => {
    const next = { ...shown!, ...change }
    setDraft(next)
    if (valid(next)) onChange({ period: next })
  }
  const choose = (value: string) => {
    if (value === 'custom') {
      // Starts from the days the report shows now, so the fields are never empty.
      const days = periodDays(filters.period, todayIn(timeZone, new Date()))
      setDraft(days)
      onChange({ period: days })
    } else {
      setDraft(null)
      onChange({ period: { days: Number(value) as QuickPeriod } })
    }
  }
  const invalid = draft !== null && !valid(draft)
  return (
    <>
      <label>
        {t('filters.period')}
        <select
          name="period"
          value={'days' in filters.period && !draft ? String(filters.period.days) : 'custom'}
          onChange={(event) => choose(event.target.value)}
        >
          {QUICK_PERIODS.map((days) => (
            <option key={days} value={days}>
              {t('filters.last', { days })}
            </option>
          ))}
          <option value="custom">{t('filters.custom')}</option>
        </select>
      </label>
      {shown && (
        <fieldset className="report-period">
          <legend className="visually-hidden">{t('filters.custom')}</legend>
          <label htmlFor={`${id}-from`}>{t('filters.from')}</label>
          <DateInput
            id={`${id}-from`}
            value={shown.from}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${id}-error` : undefined}
            onChange={(from) => edit({ from })}
          />
          <label htmlFor={`${id}-to`}>{t('filters.to')}</label>
          <DateInput
            id={`${id}-to`}
            value={shown.to}
            min={isCalendarDay(shown.from) ? shown.from : undefined}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${id}-error` : undefined}
            onChange={(to) => edit({ to })}
          />
          {invalid && (
            <p id={`${id}-error`} className="report-field-error" role="alert">
              {t('filters.invalidDates')}
            </p>
          )}
        </fieldset>
      )}
    </>
  )
}

// Sources grouped by the agreement's lanes (inbound, cold outreach), as the board offers them.
function SourceSelect({
  value,
  words,
  onChange,
}: {
  value?: string | undefined
  words: ReportWords
  onChange: (source?: string) => void
}) {
  const { t } = useTranslation('reports')
  const label = useLabel()
  const lanes = useAgreement().data?.document.sources ?? []
  const known = lanes.flatMap((lane) => lane.sources)
  return (
    <select name="source" value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
      <option value="">{t('filters.anySource')}</option>
      {lanes.map((lane) => (
        <optgroup key={lane.id} label={label(lane.label, lane.id)}>
          {lane.sources.map((source) => (
            <option key={source} value={source}>
              {words.source(source)}
            </option>
          ))}
        </optgroup>
      ))}
      {value && !known.includes(value) && <option value={value}>{words.source(value)}</option>}
    </select>
  )
}
