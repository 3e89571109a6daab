// The board's view lives in the URL query, named as the API names it, so a copied link opens the same
// view. Values the API would refuse are dropped when read, so a mangled link still opens a board.
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
// Spelled out with .d.ts: the node test of this file type-checks it under nodenext resolution.
import type { paths } from '../../api/openapi.d.ts'
import { LEAD_STAGES } from '../../../../core/src/lifecycle/lead-stage.ts'

type LeadsQuery = NonNullable<paths['/api/v1/leads']['get']['parameters']['query']>
export type Stage = NonNullable<LeadsQuery['stage']>[number]
export type Sort = NonNullable<LeadsQuery['sort']>

export const STAGES: readonly Stage[] = LEAD_STAGES
export const SORTS: readonly Sort[] = ['engagement', 'fit', 'stageEntered', 'lastTouch', 'email', 'updated']
export const PERIOD_DAYS = [7, 30, 90, 365] as const
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

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
  sort: Sort
  order: 'asc' | 'desc'
  /** the deal board (open deals by deal stage) instead of the table; undefined: the table */
  view?: 'deals'
}

/** What the counts depend on: everything but the stage choice, the order, the paging and the view. */
export type CountFilters = Omit<BoardFilters, 'stage' | 'sort' | 'order' | 'view'>

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
  const owner = params.get('owner') ?? ''
  const sort = params.get('sort') as Sort
  return {
    stage: params
      .getAll('stage')
      .flatMap((value) => value.split(','))
      .filter((value): value is Stage => STAGES.includes(value as Stage)),
    owner: owner === 'me' || owner === 'none' || UUID.test(owner) ? owner : undefined,
    source: text('source', 64),
    q: text('q', 200),
    minFit: score('minFit'),
    maxFit: score('maxFit'),
    minEngagement: score('minEngagement'),
    maxEngagement: score('maxEngagement'),
    enteredWithinDays: days('enteredWithinDays'),
    touchedWithinDays: days('touchedWithinDays'),
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
  ] as const) {
    const value = filters[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  if (filters.sort !== DEFAULT_SORT.sort || filters.order !== DEFAULT_SORT.order) {
    params.set('sort', filters.sort)
    params.set('order', filters.order)
  }
  if (filters.view) params.set('view', filters.view)
  return params
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
