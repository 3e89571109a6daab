// What every report screen is made of: figures that say "nicht berechenbar" instead of a false 0,
// counts that open the leads behind them (and say when that list holds others too), and the frame of a
// chart, labelled and described, with its table beneath as the text alternative.
import { useId, type ReactNode } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { boardHref, type LeadLink } from './lead-links.ts'
import type { ReportWords } from './use-report-words.ts'
// Here and not only on the report pages: the home pages draw their charts and tables in these frames too.
import './reports.css'

/** A formatted figure; null is not a number and is worded so, muted, with the reason on hover. */
export function Figure({ text }: { text: string | null }) {
  const { t } = useTranslation('reports')
  if (text !== null) return <>{text}</>
  return (
    <span className="report-null" title={t('notComputableTitle')}>
      {t('notComputable')}
    </span>
  )
}

/**
 * A count that opens the leads behind it on the board. A link whose list also holds other leads is
 * marked with an asterisk and tied to the note beneath the table (`noteId`).
 */
export function LeadCount({
  value,
  link,
  words,
  noteId,
}: {
  value: number
  link?: LeadLink | undefined
  words: ReportWords
  noteId?: string | undefined
}) {
  const { t } = useTranslation('reports')
  const text = words.count(value)
  if (!link) return <>{text}</>
  return (
    <Link
      to={boardHref(link)}
      className="report-count"
      data-exact={link.exact}
      title={link.exact ? t('openList') : `${t('openList')} – ${t('inexact')}`}
      aria-describedby={link.exact ? undefined : noteId}
    >
      {text}
      {!link.exact && <span className="report-inexact">*</span>}
    </Link>
  )
}

/** The note an asterisk points to; shown only when some link of the table is not exact. */
export function InexactNote({ id, shown }: { id: string; shown: boolean }) {
  const { t } = useTranslation('reports')
  if (!shown) return null
  return (
    <p id={id} className="report-note muted">
      {t('inexactNote')}
    </p>
  )
}

/**
 * A chart, named and described for assistive technology; its numbers are in the table beneath. On a home
 * card, whose heading already names it, the frame takes the card's look (`className`) and the title is
 * for screen readers only (`titleHidden`).
 */
export function ChartFrame({
  title,
  description,
  testId,
  height = 280,
  className = 'report-chart',
  titleHidden = false,
  children,
}: {
  title: string
  description?: string
  testId?: string
  height?: number
  className?: string
  titleHidden?: boolean
  children: ReactNode
}) {
  const { t } = useTranslation('reports')
  const id = useId()
  return (
    <figure className={className} data-testid={testId}>
      <figcaption id={`${id}-title`} className={titleHidden ? 'visually-hidden' : undefined}>
        {title}
      </figcaption>
      <p id={`${id}-text`} className="visually-hidden">
        {description === undefined ? t('chartNote') : `${description} ${t('chartNote')}`}
      </p>
      <div
        className="report-chart-body"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        style={{ height }}
      >
        {children}
      </div>
    </figure>
  )
}

/** A table in its own scrolling frame, so a wide one never widens the page. */
export function ReportTable({
  caption,
  testId,
  children,
}: {
  caption: string
  testId?: string
  children: ReactNode
}) {
  return (
    <div className="table-scroll">
      <table className="table report-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </div>
  )
}

/** Whether any of these links is not exact: the table then carries the note. */
export function anyInexact(links: ReadonlyArray<LeadLink | undefined>): boolean {
  return links.some((link) => link !== undefined && !link.exact)
}

export const AXIS_TICK = { fontSize: 12, fill: '#57606a' }
/** Stage colours, dark to light along the funnel, distinct in grey too. */
export const STAGE_COLOURS: Record<string, string> = {
  lead: '#9fb3c8',
  mql: '#5b8cc2',
  sal: '#0b5cad',
  sql: '#08427d',
  opportunity: '#9a6700',
  customer: '#1a7f37',
}
export const SERIES_COLOURS = ['#0b5cad', '#9a6700', '#1a7f37', '#c11f2d', '#848d97']

/**
 * A category axis label on one line, shortened to `length` characters with its full text as the SVG's
 * title: recharts would wrap a long one over its neighbours. The table beside the chart has it in full.
 */
export function OneLineTick({
  x,
  y,
  payload,
  length,
}: {
  x?: number
  y?: number
  payload?: { value: string }
  length: number
}) {
  const label = String(payload?.value ?? '')
  const shown = label.length > length ? `${label.slice(0, length - 1).trimEnd()}…` : label
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill="#1b1f24">
      <title>{label}</title>
      {shown}
    </text>
  )
}

/** The period a report counts, in the workspace's time zone, and whether a new answer is on its way. */
export function ReportPeriodStatus({
  period,
  updating,
  words,
}: {
  period: { from: string; to: string; timezone: string } | undefined
  updating: boolean
  words: ReportWords
}) {
  const { t } = useTranslation('reports')
  return (
    <p className="muted report-period" role="status" aria-live="polite" data-testid="report-period">
      {period
        ? t('period', { period: words.format.period(period.from, period.to), timezone: period.timezone })
        : ''}
      {updating ? ` · ${t('updating')}` : ''}
    </p>
  )
}
