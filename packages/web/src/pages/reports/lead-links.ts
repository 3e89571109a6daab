// Every number of a report opens the leads behind it: the report row's `leads` link is the query of the
// lead list, which the board reads from its URL under the same names. Lists are comma-joined, as the
// board writes them; a link whose list also holds other leads (`exact: false`) says so on the screen.
import type { ReportOf } from './report-query.ts'

export type LeadLink = ReportOf<'funnel'>['stages'][number]['leads']

/** The board's address for a link's query; keys the board does not know are passed on as they are. */
export function boardHref(link: Pick<LeadLink, 'query'>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(link.query as Record<string, unknown>)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','))
    } else {
      params.set(key, String(value))
    }
  }
  const query = params.toString()
  return query ? `/board?${query}` : '/board'
}
