// How a report splits its figures: one SQL expression per grouping over a transitions row. The values
// are those recorded with the transition (source, lane, version, owner at that moment), except the
// campaign: the `utm_campaign` of the lead's first touchpoint, read through events_first_touch_idx
// (migration 0025) as one index probe per row, so the campaign grouping costs more than the others.
import { sql, type RawBuilder } from 'kysely'
import type { ReportGrouping } from './report-request.ts'
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
      return sql<string | null>`(select e.properties->>'utm_campaign' from events e
        where e.workspace_id = ${column('workspace_id')} and e.lead_id = ${column('lead_id')}
        order by e.occurred_at, e.seq limit 1)`
  }
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
