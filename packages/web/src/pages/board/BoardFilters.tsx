// The board's filters: text, source, owner, score ranges and period. Choices apply at once; typed
// values apply after a short pause (or Enter), so each key press does not start a query.
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useSession } from '../../session/session.tsx'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { useFormat } from '../../hooks/format.ts'
import {
  dayRangeOf,
  isFiltered,
  PERIOD_DAYS,
  reportFilterOf,
  WITHOUT_REPORT_FILTER,
  type BoardFilters as Filters,
} from './use-board-filters.ts'
import type { Pipeline } from './use-pipeline.ts'

const TYPING_PAUSE_MS = 350

export function BoardFilters({
  filters,
  owners,
  onChange,
}: {
  filters: Filters
  owners: Pipeline['owners']
  onChange: (change: Partial<Filters>) => void
}) {
  const { t } = useTranslation('board')
  const session = useSession()
  // Whoever may own leads picks themselves as "me"; their name is not offered a second time.
  const mayOwn = can(session.user.role).work
  const others = mayOwn ? owners.filter((owner) => owner.id !== session.user.id) : owners
  const number = (value: string) => (value.trim() === '' ? undefined : Number(value))
  const scoreInput = (key: 'minFit' | 'maxFit' | 'minEngagement' | 'maxEngagement') => (
    <DebouncedInput
      type="number"
      inputMode="decimal"
      step="any"
      className="board-score-input"
      aria-label={t(`filters.${key}`)}
      placeholder={key.startsWith('min') ? t('filters.from') : t('filters.to')}
      value={filters[key] === undefined ? '' : String(filters[key])}
      onCommit={(value) => onChange({ [key]: number(value) })}
    />
  )
  return (
    <>
      <ReportFilterChip filters={filters} owners={owners} onChange={onChange} />
      <form
        className="board-filters"
        aria-label={t('filters.label')}
        onSubmit={(event) => event.preventDefault()}
      >
        <label className="board-filter-q">
          {t('filters.q')}
          <DebouncedInput
            type="search"
            name="q"
            maxLength={200}
            placeholder={t('filters.qPlaceholder')}
            value={filters.q ?? ''}
            onCommit={(value) => onChange({ q: value.trim() ? value : undefined })}
          />
        </label>
        <label>
          {t('filters.source')}
          <SourceSelect value={filters.source} onChange={(source) => onChange({ source })} />
        </label>
        <label>
          {t('filters.owner')}
          <select
            name="owner"
            value={filters.owner ?? ''}
            onChange={(event) => onChange({ owner: event.target.value || undefined })}
          >
            <option value="">{t('filters.anyOwner')}</option>
            {mayOwn && <option value="me">{t('filters.me')}</option>}
            <option value="none">{t('filters.nobody')}</option>
            {others.length > 0 && (
              <optgroup label={t('filters.reps')}>
                {others.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name}
                  </option>
                ))}
              </optgroup>
            )}
            {filters.owner && !['me', 'none', ...owners.map((owner) => owner.id)].includes(filters.owner) && (
              <option value={filters.owner}>{t('table.formerOwner')}</option>
            )}
          </select>
        </label>
        <fieldset className="board-score-range">
          <legend>{t('filters.fit')}</legend>
          {scoreInput('minFit')}
          <span aria-hidden="true">–</span>
          {scoreInput('maxFit')}
        </fieldset>
        <fieldset className="board-score-range">
          <legend>{t('filters.engagement')}</legend>
          {scoreInput('minEngagement')}
          <span aria-hidden="true">–</span>
          {scoreInput('maxEngagement')}
        </fieldset>
        <label>
          {t('filters.period')}
          <PeriodSelect filters={filters} onChange={onChange} />
        </label>
      </form>
    </>
  )
}

// A report's link narrows the list by a stage change (and a cohort): one chip says so, and removes it.
function ReportFilterChip({
  filters,
  owners,
  onChange,
}: {
  filters: Filters
  owners: Pipeline['owners']
  onChange: (change: Partial<Filters>) => void
}) {
  const { t, i18n } = useTranslation('board')
  const { timeZone } = useFormat()
  const label = useLabel()
  const reasons = useAgreement().data?.document.recycling?.reasons ?? []
  const reasonName = (id: string) => label(reasons.find((reason) => reason.id === id)?.label, id)
  const filter = reportFilterOf(filters)
  if (!filter) return null
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  const period = (from?: string, to?: string) => {
    const days = dayRangeOf(from, to, locale, timeZone)
    return (
      days.range ??
      (days.from ? t('reportFilter.from', { date: days.from }) : '') +
        (days.to ? t('reportFilter.to', { date: days.to }) : '')
    )
  }
  const parts: string[] = []
  if (filter.entered) {
    const stages = filter.entered.map((stage) => t(`stageShort.${stage}`)).join(', ')
    parts.push(
      [t('reportFilter.entered', { stages }), period(filter.enteredFrom, filter.enteredTo)]
        .filter(Boolean)
        .join(' '),
    )
  }
  if (filter.enteredOwner) {
    const name = owners.find((owner) => owner.id === filter.enteredOwner)?.name ?? t('table.formerOwner')
    parts.push(t('reportFilter.owner', { name }))
  }
  if (filter.enteredLeaving) {
    const stages = filter.enteredLeaving.map((stage) => t(`stageShort.${stage}`)).join(', ')
    parts.push(t('reportFilter.leaving', { stages }))
  }
  if (filter.enteredReason) parts.push(t('reportFilter.reason', { reason: reasonName(filter.enteredReason) }))
  if (filter.enteredBy)
    parts.push(t(filter.enteredBy === 'person' ? 'reportFilter.byPerson' : 'reportFilter.bySystem'))
  if (filter.enteredVersion !== undefined)
    parts.push(t('reportFilter.version', { version: filter.enteredVersion }))
  if (filter.firstTouchFrom || filter.firstTouchTo) {
    parts.push(t('reportFilter.firstTouch', { period: period(filter.firstTouchFrom, filter.firstTouchTo) }))
  }
  if (filter.firstMqlFrom || filter.firstMqlTo) {
    parts.push(t('reportFilter.firstMql', { period: period(filter.firstMqlFrom, filter.firstMqlTo) }))
  }
  if (filter.firstMqlFit) parts.push(t('reportFilter.fitRange', { range: filter.firstMqlFit }))
  if (filter.firstMqlEngagement)
    parts.push(t('reportFilter.engagementRange', { range: filter.firstMqlEngagement }))
  if (filter.firstMqlVersion !== undefined)
    parts.push(t('reportFilter.version', { version: filter.firstMqlVersion }))
  if (filter.handOffFrom || filter.handOffTo) {
    parts.push(t('reportFilter.handOff', { period: period(filter.handOffFrom, filter.handOffTo) }))
  }
  if (filter.handOffRep) {
    parts.push(t('reportFilter.handOffRep', { rep: filter.handOffRep }))
  }
  if (filter.handOffTeam) parts.push(t('reportFilter.handOffTeam', { team: filter.handOffTeam }))
  if (filter.handOffVersion !== undefined)
    parts.push(t('reportFilter.version', { version: filter.handOffVersion }))
  return (
    <p className="board-report-chip" data-testid="report-filter-chip">
      <span>
        <strong>{t('reportFilter.label')}</strong> {parts.join(' · ')}
      </span>
      <button
        type="button"
        className="board-report-chip-remove"
        aria-label={t('reportFilter.remove')}
        title={t('reportFilter.remove')}
        onClick={() => onChange(WITHOUT_REPORT_FILTER)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </p>
  )
}

/** Copy the view's link (the filters are in it) and reset the filters. */
export function BoardViewActions({ filters, onReset }: { filters: Filters; onReset: () => void }) {
  const { t } = useTranslation('board')
  const [copied, setCopied] = useState(false)
  useEffect(() => setCopied(false), [filters])
  const copyLink = async () => {
    await navigator.clipboard.writeText(location.href)
    setCopied(true)
  }
  return (
    <div className="board-view-actions">
      <span className="board-copied" role="status">
        {copied ? t('filters.copied') : ''}
      </span>
      <button type="button" onClick={() => void copyLink()}>
        {t('filters.copyLink')}
      </button>
      <button type="button" disabled={!isFiltered(filters)} onClick={onReset}>
        {t('filters.reset')}
      </button>
    </div>
  )
}

// Sources grouped by the agreement's lanes (inbound, cold outreach), labelled in the UI's language.
function SourceSelect({ value, onChange }: { value?: string; onChange: (source?: string) => void }) {
  const { t } = useTranslation('board')
  const label = useLabel()
  const lanes = useAgreement().data?.document.sources ?? []
  const known = lanes.flatMap((lane) => lane.sources)
  const sourceLabel = (source: string) => t(`common:source.${source}`, { defaultValue: source })
  return (
    <select name="source" value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
      <option value="">{t('filters.anySource')}</option>
      {lanes.map((lane) => (
        <optgroup key={lane.id} label={label(lane.label, lane.id)}>
          {lane.sources.map((source) => (
            <option key={source} value={source}>
              {sourceLabel(source)}
            </option>
          ))}
        </optgroup>
      ))}
      {value && !known.includes(value) && <option value={value}>{sourceLabel(value)}</option>}
    </select>
  )
}

// One choice for both periods: "entered the stage" or "last touch", within 7, 30, 90 or 365 days.
function PeriodSelect({
  filters,
  onChange,
}: {
  filters: Filters
  onChange: (change: Partial<Filters>) => void
}) {
  const { t } = useTranslation('board')
  const current = filters.enteredWithinDays
    ? `entered:${filters.enteredWithinDays}`
    : filters.touchedWithinDays
      ? `touched:${filters.touchedWithinDays}`
      : ''
  const choose = (value: string) => {
    const [kind, days] = value.split(':')
    onChange({
      enteredWithinDays: kind === 'entered' ? Number(days) : undefined,
      touchedWithinDays: kind === 'touched' ? Number(days) : undefined,
    })
  }
  const options = (kind: 'entered' | 'touched') => {
    const chosen = kind === 'entered' ? filters.enteredWithinDays : filters.touchedWithinDays
    const days = [...new Set([...PERIOD_DAYS, ...(chosen ? [chosen] : [])])].sort((a, b) => a - b)
    return days.map((count) => (
      <option key={count} value={`${kind}:${count}`}>
        {kind === 'entered'
          ? t('filters.enteredWithin', { days: count })
          : t('filters.touchedWithin', { days: count })}
      </option>
    ))
  }
  return (
    <select name="period" value={current} onChange={(event) => choose(event.target.value)}>
      <option value="">{t('filters.anyPeriod')}</option>
      <optgroup label={t('filters.entered')}>{options('entered')}</optgroup>
      <optgroup label={t('filters.touched')}>{options('touched')}</optgroup>
    </select>
  )
}

/** An input that reports its value after a pause in typing, on Enter and on leaving it. */
function DebouncedInput({
  value,
  onCommit,
  ...props
}: { value: string; onCommit: (value: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>) {
  const [draft, setDraft] = useState(value)
  const committed = useRef(value)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  // A value from elsewhere (reset, back button, a pasted link) replaces what was typed; the echo of
  // our own commit does not, or typing on after a pause could lose characters.
  useEffect(() => {
    if (value === committed.current) return
    committed.current = value
    setDraft(value)
  }, [value])
  useEffect(() => () => clearTimeout(timer.current), [])
  const commit = (next: string) => {
    clearTimeout(timer.current)
    if (next === committed.current) return
    committed.current = next
    onCommit(next)
  }
  return (
    <input
      {...props}
      value={draft}
      onChange={(event) => {
        const next = event.target.value
        setDraft(next)
        clearTimeout(timer.current)
        timer.current = setTimeout(() => commit(next), TYPING_PAUSE_MS)
      }}
      onBlur={() => commit(draft)}
      onKeyDown={(event) => event.key === 'Enter' && commit(draft)}
    />
  )
}
