// How a report splits its figures: one SQL expression per grouping, over a transitions row (the values
// recorded with the transition: source, lane, version, owner at that moment) or over a lead_milestones
// row (what the lead's first transition recorded, and its owner now). The campaign is the `utm_campaign`
// of the lead's first touchpoint, kept in lead_milestones: a transitions query grouped by campaign joins
// that table (flowFigures).
import { sql, type RawBuilder } from 'kysely'
import type { ReportFilters, ReportGrouping } from './report-request.ts'
import type { LeadListQuery } from './report-links.ts'

/** The group key as text (null: the lead has no value), over a transitions row aliased `alias`. */
export function groupKey(by: ReportGrouping, alias: string): RawBuilder<string | null> {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  switch (by) {
    case 'source':
      return sql<string | null>`lower(${column('source')})`
    case 'lane':
      return sql<string | null>`${column('lane')}`
    case 'version':
      return sql<string | null>`${column('agreement_version')}::text`
    case 'owner':
      return sql<string | null>`${column('owner_id')}::text`
    case 'campaign':
      return sql<string | null>`(select m.campaign from lead_milestones m
        where m.workspace_id = ${column('workspace_id')} and m.lead_id = ${column('lead_id')})`
  }
}

/**
 * The group key over a lead_milestones row aliased `alias` (migration 0026): what the lead's first
 * transition recorded, the campaign of its first touchpoint and its current owner.
 */
export function milestoneGroupKey(by: ReportGrouping, alias: string): RawBuilder<string | null> {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  switch (by) {
    case 'source':
      return sql<string | null>`${column('source')}`
    case 'lane':
      return sql<string | null>`${column('lane')}`
    case 'version':
      return sql<string | null>`${column('agreement_version')}::text`
    case 'owner':
      return sql<string | null>`${column('owner_id')}::text`
    case 'campaign':
      return sql<string | null>`${column('campaign')}`
  }
}

/** The filters over a lead_milestones row aliased `alias`: first source and version, current owner. */
export function milestoneFilters(alias: string, filters: ReportFilters): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  const parts: RawBuilder<unknown>[] = []
  if (filters.source !== null) parts.push(sql`and ${column('source')} = ${filters.source}`)
  if (filters.version !== null) parts.push(sql`and ${column('agreement_version')} = ${filters.version}`)
  if (filters.owner !== null) parts.push(sql`and ${column('owner_id')} = ${filters.owner}`)
  return sql.join(parts, sql` `)
}

/** The part of a group the lead list can filter by (it has no campaign or version filter). */
export function groupQuery(by: ReportGrouping, key: string | null): LeadListQuery {
  if (by === 'source' && key !== null) return { source: key }
  if (by === 'lane' && key !== null) return { lane: key }
  if (by === 'owner') return { owner: key ?? 'none' }
  return {}
}

/** Whether the list can filter exactly by this grouping's key. */
export function isListGrouping(by: ReportGrouping | null): boolean {
  return by === null || by === 'source' || by === 'lane'
}
