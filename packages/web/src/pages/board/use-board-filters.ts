// The board's view lives in the URL query, named as the API names it, so a copied link opens the same
// view. Values the API would refuse are dropped when read, so a mangled link still opens a board.
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
// Spelled out with .d.ts: the node test of this file type-checks it under nodenext resolution.
import type { paths } from '../../api/openapi.d.ts'
import { LEAD_STAGES } from '../../../../core/src/lifecycle/lead-stage.ts'
import { parseScoreRange } from '../../../../core/src/util/score-range.ts'

type LeadsQuery = NonNullable<paths['/api/v1/leads']['get']['parameters']['query']>
export type Stage = NonNullable<LeadsQuery['stage']>[number]
export type Sort = NonNullable<LeadsQuery['sort']>

export const STAGES: readonly Stage[] = LEAD_STAGES
export const SORTS: readonly Sort[] = [
  'engagement',
  'fit',
  'predicted',
  'stageEntered',
  'lastTouch',
  'email',
  'updated',
]
export const PERIOD_DAYS = [7, 30, 90, 365] as const
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// RFC 3339 with seconds and an offset, as the API takes date-times.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

export type BoardFilters = {
  stage: Stage[]
  owner?: string
  source?: string
  q?: string
  minFit?: number
  maxFit?: number
  minEngagement?: number
  maxEngagement?: number
  enteredWithinDays?: number
  touchedWithinDays?: number
  /** a report's link: has a stage change into one of these stages, bounded by the four below */
  entered?: Stage[]
  /** that change at or after this instant */
  enteredFrom?: string
  /** that change before this instant */
  enteredTo?: string
  /** the owner recorded with that change */
  enteredOwner?: string
  /** the agreement version recorded with that change */
  enteredVersion?: number
  /** the stages that change left */
  enteredLeaving?: Stage[]
  /** the reason code recorded with that change */
  enteredReason?: string
  /** who made that change */
  enteredBy?: 'person' | 'system'
  /** a report's cohort: first touchpoint at or after */
  firstTouchFrom?: string
  /** first touchpoint before */
  firstTouchTo?: string
  /** a calibration band's link: first became MQL at or after, bounded by the four below */
  firstMqlFrom?: string
  firstMqlTo?: string
  /** the agreement version of that MQL entry */
  firstMqlVersion?: number
  /** the fit score at that entry, in interval notation ([40,65], [20,40), (,20)) */
  firstMqlFit?: string
  /** the engagement score at that entry, in interval notation */
  firstMqlEngagement?: string
  /** the SLA report's link: handed to a rep at or after, bounded by the four below */
  handOffFrom?: string
  /** that hand-off before */
  handOffTo?: string
  /** the rep of that hand-off, by e-mail */
  handOffRep?: string
  /** the team of that hand-off */
  handOffTeam?: string
  /** the agreement version of the MQL entry handed off */
  handOffVersion?: number
  sort: Sort
  order: 'asc' | 'desc'
  /** the deal board (open deals by deal stage) instead of the table; undefined: the table */
  view?: 'deals'
}

/** What the counts depend on: everything but the stage choice, the order, the paging and the view. */
export type CountFilters = Omit<BoardFilters, 'stage' | 'sort' | 'order' | 'view'>

/** The part of the filters a report's link sets; shown as one chip and removed together. */
export const REPORT_FILTER_KEYS = [
  'entered',
  'enteredFrom',
  'enteredTo',
  'enteredOwner',
  'enteredVersion',
  'enteredLeaving',
  'enteredReason',
  'enteredBy',
  'firstTouchFrom',
  'firstTouchTo',
  'firstMqlFrom',
  'firstMqlTo',
  'firstMqlVersion',
  'firstMqlFit',
  'firstMqlEngagement',
  'handOffFrom',
  'handOffTo',
  'handOffRep',
  'handOffTeam',
  'handOffVersion',
] as const
export type ReportFilter = Pick<BoardFilters, (typeof REPORT_FILTER_KEYS)[number]>

export const DEFAULT_SORT: Pick<BoardFilters, 'sort' | 'order'> = { sort: 'engagement', order: 'desc' }

export function readBoardFilters(params: URLSearchParams): BoardFilters {
  // Kept as typed (the API trims): trimming here would eat the space someone is typing.
  const text = (name: string, max: number) => {
    const value = params.get(name)
    return value?.trim() && value.length <= max ? value : undefined
  }
  const score = (name: string) => {
    const value = params.get(name)
    return value !== null && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined
  }
  const days = (name: string) => {
    const value = Number(params.get(name))
    return Number.isInteger(value) && value >= 1 && value <= 3650 ? value : undefined
  }
  const instant = (name: string) => {
    const value = params.get(name) ?? ''
    return INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined
  }
  const stages = (name: string) =>
    params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .filter((value): value is Stage => STAGES.includes(value as Stage))
  const owner = params.get('owner') ?? ''
  const sort = params.get('sort') as Sort
  return {
    stage: stages('stage'),
    owner: owner === 'me' || owner === 'none' || UUID.test(owner) ? owner : undefined,
    source: text('source', 64),
    q: text('q', 200),
    minFit: score('minFit'),
    maxFit: score('maxFit'),
    minEngagement: score('minEngagement'),
    maxEngagement: score('maxEngagement'),
    enteredWithinDays: days('enteredWithinDays'),
    touchedWithinDays: days('touchedWithinDays'),
    ...readReportFilter(params, { stages, instant, text }),
    sort: SORTS.includes(sort) ? sort : DEFAULT_SORT.sort,
    order:
      params.get('order') === 'asc' ? 'asc' : params.get('order') === 'desc' ? 'desc' : DEFAULT_SORT.order,
    view: params.get('view') === 'deals' ? 'deals' : undefined,
  }
}

export function writeBoardFilters(filters: BoardFilters): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.stage.length > 0) params.set('stage', filters.stage.join(','))
  for (const key of [
    'owner',
    'source',
    'q',
    'minFit',
    'maxFit',
    'minEngagement',
    'maxEngagement',
    'enteredWithinDays',
    'touchedWithinDays',
    ...REPORT_FILTER_KEYS,
  ] as const) {
    const value = Array.isArray(filters[key]) ? (filters[key] as Stage[]).join(',') : filters[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  if (filters.sort !== DEFAULT_SORT.sort || filters.order !== DEFAULT_SORT.order) {
    params.set('sort', filters.sort)
    params.set('order', filters.order)
  }
  if (filters.view) params.set('view', filters.view)
  return params
}

// The API refuses bounds of a stage change that name no stage: without one they are dropped, and the
// period's ends must be in order. Only the keys present are returned, so a plain board stays as it was.
function readReportFilter(
  params: URLSearchParams,
  read: {
    stages: (name: string) => Stage[]
    instant: (name: string) => string | undefined
    text: (name: string, max: number) => string | undefined
  },
): Partial<ReportFilter> {
  const { instant, text } = read
  const version = (name: string) => {
    const value = Number(params.get(name))
    return Number.isInteger(value) && value >= 1 && value <= 2_147_483_647 ? value : undefined
  }
  const filter: Partial<ReportFilter> = {}
  const entered = read.stages('entered')
  if (entered.length > 0) {
    filter.entered = entered
    const from = instant('enteredFrom')
    const to = instant('enteredTo')
    if (from) filter.enteredFrom = from
    if (to && !(from && Date.parse(to) < Date.parse(from))) filter.enteredTo = to
    const owner = params.get('enteredOwner') ?? ''
    if (UUID.test(owner)) filter.enteredOwner = owner
    filter.enteredVersion = version('enteredVersion')
    const leaving = read.stages('enteredLeaving')
    if (leaving.length > 0) filter.enteredLeaving = leaving
    filter.enteredReason = text('enteredReason', 64)
    const by = params.get('enteredBy')
    if (by === 'person' || by === 'system') filter.enteredBy = by
  }
  const mqlFrom = instant('firstMqlFrom')
  const mqlTo = instant('firstMqlTo')
  if (mqlFrom) filter.firstMqlFrom = mqlFrom
  if (mqlTo && !(mqlFrom && Date.parse(mqlTo) < Date.parse(mqlFrom))) filter.firstMqlTo = mqlTo
  filter.firstMqlVersion = version('firstMqlVersion')
  filter.firstMqlFit = scoreRange(params.get('firstMqlFit'))
  filter.firstMqlEngagement = scoreRange(params.get('firstMqlEngagement'))
  const handedFrom = instant('handOffFrom')
  const handedTo = instant('handOffTo')
  if (handedFrom) filter.handOffFrom = handedFrom
  if (handedTo && !(handedFrom && Date.parse(handedTo) < Date.parse(handedFrom))) filter.handOffTo = handedTo
  filter.handOffRep = text('handOffRep', 254)
  filter.handOffTeam = text('handOffTeam', 64)
  filter.handOffVersion = version('handOffVersion')
  for (const key of Object.keys(filter) as Array<keyof ReportFilter>) {
    if (filter[key] === undefined) delete filter[key]
  }
  const firstFrom = instant('firstTouchFrom')
  const firstTo = instant('firstTouchTo')
  if (firstFrom) filter.firstTouchFrom = firstFrom
  if (firstTo && !(firstFrom && Date.parse(firstTo) < Date.parse(firstFrom))) filter.firstTouchTo = firstTo
  return filter
}

// A score range in interval notation, as the API takes it: kept only when well formed and in order.
function scoreRange(value: string | null): string | undefined {
  return value !== null && parseScoreRange(value) ? value : undefined
}

/** The report link's part of the filters, or null when the board was not opened from a report. */
export function reportFilterOf(filters: BoardFilters): ReportFilter | null {
  const entries = REPORT_FILTER_KEYS.filter((key) => filters[key] !== undefined).map(
    (key) => [key, filters[key]] as const,
  )
  return entries.length === 0 ? null : (Object.fromEntries(entries) as ReportFilter)
}

/** The change that removes the report's part (the chip's ×), leaving the other filters. */
export const WITHOUT_REPORT_FILTER: Partial<BoardFilters> = Object.fromEntries(
  REPORT_FILTER_KEYS.map((key) => [key, undefined]),
)

/**
 * A period between two instants as calendar days in a time zone, the end excluded (the API's "before"):
 * "01.09. – 30.11.2026" for [1 Sep, 1 Dec). One end alone gives null for the other.
 */
export function dayRangeOf(
  from: string | undefined,
  to: string | undefined,
  locale: string,
  timeZone: string,
): { range?: string; from?: string; to?: string } {
  const format = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  })
  const start = from ? new Date(from) : undefined
  // The last instant inside the period names its last day.
  const end = to ? new Date(Date.parse(to) - 1) : undefined
  if (start && end) {
    return end < start ? { range: format.format(start) } : { range: format.formatRange(start, end) }
  }
  return { ...(start ? { from: format.format(start) } : {}), ...(end ? { to: format.format(end) } : {}) }
}

export function countFiltersOf(filters: BoardFilters): CountFilters {
  const { stage: _stage, sort: _sort, order: _order, view: _view, ...rest } = filters
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as CountFilters
}

export function isFiltered(filters: BoardFilters): boolean {
  return Object.keys(countFiltersOf(filters)).length > 0 || filters.stage.length > 0
}

export function useBoardFilters() {
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => readBoardFilters(params), [params])
  // Replacing, not pushing: typing a search should not fill the back button with one entry per key.
  const update = useCallback(
    (change: Partial<BoardFilters>) =>
      setParams((current) => writeBoardFilters({ ...readBoardFilters(current), ...change }), {
        replace: true,
      }),
    [setParams],
  )
  // Resetting clears the filters, not the choice between table and deal board.
  const reset = useCallback(
    () =>
      setParams(
        (current) => {
          const view = readBoardFilters(current).view
          return view ? new URLSearchParams({ view }) : new URLSearchParams()
        },
        { replace: true },
      ),
    [setParams],
  )
  return { filters, update, reset }
}
