// A saved view holds the board's filters as the API's list parameters (what the board writes into its
// URL), typed numbers and stage lists included; choosing a view puts them back into the URL.
// Spelled out with .d.ts: the node test of this file type-checks it under nodenext resolution.
import type { paths } from '../../api/openapi.d.ts'
import { writeBoardFilters, type BoardFilters } from './use-board-filters.ts'

export type SavedView =
  paths['/api/v1/views']['get']['responses'][200]['content']['application/json']['items'][number]
export type ViewFilters = SavedView['filters']

const NUMERIC = new Set([
  'minFit',
  'maxFit',
  'minEngagement',
  'maxEngagement',
  'enteredWithinDays',
  'touchedWithinDays',
  'enteredVersion',
  'handOffVersion',
  'firstMqlVersion',
])
// Stage lists, written comma-joined into the URL (a report's `entered` and `enteredLeaving` too).
const LISTS = new Set(['stage', 'entered', 'enteredLeaving'])

/** The board's filters as a view stores them: what the URL holds, minus the table/deal board choice. */
export function viewFiltersOf(filters: BoardFilters): ViewFilters {
  const stored: Record<string, unknown> = {}
  for (const [key, value] of writeBoardFilters({ ...filters, view: undefined })) {
    stored[key] = LISTS.has(key) ? value.split(',') : NUMERIC.has(key) ? Number(value) : value
  }
  return stored as ViewFilters
}

/** A view's filters as the board's URL, keeping the current choice between table and deal board. */
export function viewParams(filters: ViewFilters, current: Pick<BoardFilters, 'view'>): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue
    params.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  if (current.view) params.set('view', current.view)
  return params
}
