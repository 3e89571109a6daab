// What a report's row carries so the UI can open the leads behind a number: the query of the pipeline
// list (GET /api/v1/leads, see lead-filters.ts). The list filters leads as they stand now, by current
// stage, first source, lane and owner; it cannot yet say "entered SQL between two dates" or "was owned
// by this rep at the hand-off". A link whose list holds exactly the counted leads says `exact: true`;
// otherwise the list is the narrowest one that contains them, and says so, rather than a half filter.
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import type { ReportFilters } from './report-request.ts'

export type LeadListQuery = { stage?: LeadStage[]; source?: string; lane?: string; owner?: string }

export type LeadLink = {
  /** the parameters of GET /api/v1/leads */
  query: LeadListQuery
  /** true when the list holds exactly the leads counted; false when it holds them among others */
  exact: boolean
}

/** The list narrowed by the report's filters that the list understands, plus `extra`. */
export function leadLink(filters: ReportFilters, extra: LeadListQuery = {}, exact = false): LeadLink {
  // The report's owner and version are those recorded at the transition; the list knows only the
  // current owner, and no version: a filtered report's link is never exact.
  const query: LeadListQuery = {
    ...(filters.source === null ? {} : { source: filters.source }),
    ...(filters.owner === null ? {} : { owner: filters.owner }),
    ...extra,
  }
  return { query, exact: exact && filters.owner === null && filters.version === null }
}
