// What a report's row carries so the UI can open the leads behind a number: the query of the pipeline
// list (GET /api/v1/leads, see lead-filters.ts). Three kinds of number, three kinds of list:
// - a count of stage changes in the period (funnel flow, reasons): the leads with such a change, the
//   report's owner and version bounding that same change (`entered…`);
// - a count of the leads created in the period (funnel cohort, source quality): first touch in the
//   period, and the stage reached or a later one;
// - a count of hand-offs in the period (SLA): the leads handed to that rep or team then (`handOff…`);
// - a count of the leads first MQL in the period by their score then (calibration): `firstMql…`;
// - a count of leads as they stand now (waiting right now): current stage, source and owner.
// A link whose list holds exactly the counted leads says `exact: true`; otherwise the list is the
// narrowest one that contains them, and says so, rather than a half filter. A count of changes is never
// exact (a lead that changed twice is counted twice and listed once); a count of the leads with such a
// change is.
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import type { ReportFilters, ReportGrouping, ResolvedRequest } from './report-request.ts'
import { scoreRangeText, type ScoreRange } from '#core/util/score-range.ts'

export type LeadListQuery = {
  stage?: LeadStage[]
  source?: string
  lane?: string
  owner?: string
  entered?: LeadStage[]
  enteredFrom?: string
  enteredTo?: string
  enteredOwner?: string
  enteredVersion?: number
  enteredLeaving?: LeadStage[]
  enteredReason?: string
  enteredBy?: 'person' | 'system'
  firstTouchFrom?: string
  firstTouchTo?: string
  firstMqlFrom?: string
  firstMqlTo?: string
  firstMqlVersion?: number
  firstMqlFit?: string
  firstMqlEngagement?: string
  handOffFrom?: string
  handOffTo?: string
  handOffRep?: string
  handOffTeam?: string
  handOffVersion?: number
}

export type LeadLink = {
  /** the parameters of GET /api/v1/leads */
  query: LeadListQuery
  /** true when the list holds exactly the leads counted; false when it holds them among others */
  exact: boolean
}

/** A row of a grouped report: the grouping and the row's key (null: the leads without a value). */
export type LinkGroup = { by: ReportGrouping; key: string | null }

/** The list of leads as they stand now, narrowed by the report's filters the list understands. */
export function leadLink(filters: ReportFilters, extra: LeadListQuery = {}): LeadLink {
  // The report's owner and version are those recorded at the transition; the list knows only the
  // current owner, and no version.
  const query: LeadListQuery = {
    ...(filters.source === null ? {} : { source: filters.source }),
    ...(filters.owner === null ? {} : { owner: filters.owner }),
    ...extra,
  }
  return { query, exact: false }
}

/** The kind of change counted: into one of `stages`, and optionally out of `leaving`, with a reason, by whom. */
export type CountedChange = {
  stages: LeadStage[]
  leaving?: LeadStage[]
  reason?: string
  by?: 'person' | 'system'
}

/**
 * The leads with a change of this kind in the period; the report's owner and version filters and an
 * owner or version group bound that same change, a source or lane group the lead's own. `counts` says
 * what the number counts: the changes, or the leads with one.
 */
export function changeLink(
  request: ResolvedRequest,
  change: CountedChange,
  group?: LinkGroup,
  counts: 'changes' | 'leads' = 'changes',
): LeadLink {
  const { filters } = request
  const query: LeadListQuery = {
    ...(filters.source === null ? {} : { source: filters.source }),
    entered: change.stages,
    enteredFrom: request.start.toISOString(),
    enteredTo: request.end.toISOString(),
    ...(change.leaving ? { enteredLeaving: change.leaving } : {}),
    ...(change.reason === undefined ? {} : { enteredReason: change.reason }),
    ...(change.by === undefined ? {} : { enteredBy: change.by }),
  }
  let owner = filters.owner
  let version = filters.version
  if (group?.by === 'source' && group.key !== null) query.source = group.key
  if (group?.by === 'lane' && group.key !== null) query.lane = group.key
  if (group?.by === 'owner' && group.key !== null) owner = group.key
  if (group?.by === 'version' && group.key !== null) version = Number(group.key)
  if (owner !== null) query.enteredOwner = owner
  if (version !== null) query.enteredVersion = version
  const listable = group === undefined || (group.key !== null && group.by !== 'campaign')
  return { query, exact: counts === 'leads' && listable }
}

/**
 * The leads first touched in the period that reached one of `stages` (by now); the owner is the lead's
 * current one, as the cohort reads it. Exact unless the report narrows by what the list cannot: the
 * agreement version, the campaign, a lead without a source or lane.
 */
export function cohortLink(request: ResolvedRequest, stages: LeadStage[], group?: LinkGroup): LeadLink {
  const { filters } = request
  const query: LeadListQuery = {
    ...(filters.source === null ? {} : { source: filters.source }),
    ...(filters.owner === null ? {} : { owner: filters.owner }),
    entered: stages,
    firstTouchFrom: request.start.toISOString(),
    firstTouchTo: request.end.toISOString(),
  }
  let listable = filters.version === null
  if (group?.by === 'source' && group.key !== null) query.source = group.key
  else if (group?.by === 'lane' && group.key !== null) query.lane = group.key
  else if (group?.by === 'owner') query.owner = group.key ?? 'none'
  else if (group !== undefined) listable = false
  return { query, exact: listable }
}

/**
 * The leads handed off in the period, to `to.rep` or `to.team` when given; the report's version is the
 * handed MQL entry's, its owner filter the rep (`ownerRep`, by e-mail). A count of hand-offs is never
 * exact, and a team of null (hand-offs without a team) cannot be told apart.
 */
export function handOffLink(
  request: ResolvedRequest,
  to: { rep?: string; team?: string | null } = {},
  ownerRep?: string,
): LeadLink {
  const { filters } = request
  const rep = to.rep ?? ownerRep
  const query: LeadListQuery = {
    ...(filters.source === null ? {} : { source: filters.source }),
    handOffFrom: request.start.toISOString(),
    handOffTo: request.end.toISOString(),
    ...(rep === undefined ? {} : { handOffRep: rep }),
    ...(to.team === undefined || to.team === null ? {} : { handOffTeam: to.team }),
    ...(filters.version === null ? {} : { handOffVersion: filters.version }),
  }
  return { query, exact: false }
}

/**
 * The leads that first became MQL in the period with `score` in `range` then, narrowed as the
 * calibration report narrows them: the first source, the owner now, the version of that MQL entry.
 */
export function firstMqlLink(
  request: ResolvedRequest,
  score: 'fit' | 'engagement',
  range: ScoreRange,
): LeadLink {
  const { filters } = request
  const query: LeadListQuery = {
    ...(filters.source === null ? {} : { source: filters.source }),
    ...(filters.owner === null ? {} : { owner: filters.owner }),
    firstMqlFrom: request.start.toISOString(),
    firstMqlTo: request.end.toISOString(),
    ...(filters.version === null ? {} : { firstMqlVersion: filters.version }),
    [score === 'fit' ? 'firstMqlFit' : 'firstMqlEngagement']: scoreRangeText(range),
  }
  return { query, exact: true }
}
