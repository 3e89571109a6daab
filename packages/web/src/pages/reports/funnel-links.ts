// The leads behind a funnel number, as a query of the lead list. The API's links (report-links.ts on
// the server) still name only current stages, source, lane and owner: a list that holds the counted
// leads among others. The list now filters by a stage change in a period (`entered`, `enteredFrom`, …)
// and by first touch, which is what a funnel number counts; until the API's links say so themselves,
// the link is built here from the report's period, view, filters and group. A link the API already
// bounds by a stage change is kept as it is.
import { FUNNEL_STAGES, type FunnelStage } from './report-figures.ts'
import { addDays, type Grouping, type ReportOf } from './report-query.ts'
import type { LeadLink } from './lead-links.ts'

type Funnel = Pick<ReportOf<'funnel'>, 'period' | 'view' | 'filters'>

/** The instant a calendar day starts in a time zone (RFC 3339, UTC). */
export function zonedMidnight(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`)
  // The zone's offset at an instant: its wall clock read as if it were UTC, minus the instant.
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(instant))
    const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value)
    const wall = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    )
    return wall - instant
  }
  // Twice: the offset at midnight may differ from the one at the first guess across a change of time.
  const first = guess - offsetAt(guess)
  return new Date(guess - offsetAt(first)).toISOString()
}

/** The period's first instant and the instant after its last day, in the workspace's zone. */
export function periodInstants(period: Funnel['period']): { from: string; to: string } {
  return {
    from: zonedMidnight(period.from, period.timezone),
    to: zonedMidnight(addDays(period.to, 1), period.timezone),
  }
}

/** The stage and the funnel stages after it: the leads that "reached it or a later one". */
export function laterStages(stage: FunnelStage): FunnelStage[] {
  return FUNNEL_STAGES.slice(FUNNEL_STAGES.indexOf(stage))
}

/**
 * The list behind a funnel stage's number (of the whole report, or of one group). Cohort: the leads
 * whose first touch lies in the period and that reached the stage or a later one: exact unless the
 * report narrows by what the list cannot (agreement version, campaign). Flow: the leads with a change
 * into the stage in the period; never exact, since a lead that entered twice counts twice in the flow.
 */
export function funnelStageLink(
  report: Funnel,
  stage: FunnelStage,
  apiLink: LeadLink,
  group?: { by: Grouping; key: string | null },
): LeadLink {
  const given = apiLink.query as Record<string, unknown>
  if (given.entered !== undefined || given.firstTouchFrom !== undefined) return apiLink
  const { from, to } = periodInstants(report.period)
  const filters = report.filters
  const query: Record<string, unknown> = filters.source === null ? {} : { source: filters.source }
  const by = group?.by
  const key = group?.key ?? null
  if (by === 'source' && key !== null) query.source = key
  if (by === 'lane' && key !== null) query.lane = key
  if (report.view === 'cohort') {
    Object.assign(query, { entered: laterStages(stage), firstTouchFrom: from, firstTouchTo: to })
    // The cohort is narrowed and grouped by the lead's current owner, as the list filters.
    const owner = by === 'owner' ? (key ?? 'none') : filters.owner
    if (owner !== null) query.owner = owner
    const listable = by === undefined || by === 'source' || by === 'lane' || by === 'owner'
    return { query: query as LeadLink['query'], exact: listable && filters.version === null }
  }
  Object.assign(query, { entered: [stage], enteredFrom: from, enteredTo: to })
  // The flow is narrowed by the owner and version recorded with the change, as `entered…` filters.
  const owner = by === 'owner' ? key : filters.owner
  if (owner !== null) query.enteredOwner = owner
  const version = by === 'version' && key !== null ? Number(key) : filters.version
  if (version !== null) query.enteredVersion = version
  return { query: query as LeadLink['query'], exact: false }
}
