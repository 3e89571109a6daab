// How a report splits its figures: one SQL expression per grouping, over a transitions row (the values
// recorded with the transition: source, lane, version, owner at that moment) or over a lead_milestones
// row (what the lead's first transition recorded, and its owner now). The campaign is the `utm_campaign`
// of the lead's first touchpoint, kept on both (migrations 0026 and 0028).
import { sql, type RawBuilder } from 'kysely'
import type { ReportFilters, ReportGrouping } from './report-request.ts'

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
      return sql<string | null>`${column('campaign')}`
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
