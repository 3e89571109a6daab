// The leads whose outcome a candidate version changes, each with why under both versions: what people
// read to judge a change to the agreement, lead by lead.
import type { BacktestLead, VersionOutcome } from './backtest-lead.ts'
import { isoWeekOf, isoWeekStartOf } from './backtest-weeks.ts'

/** How a lead's outcome differs between the versions. */
export type LeadChange = 'only_candidate' | 'only_baseline' | 'different_week'

export type ChangedLead = {
  leadId: string
  change: LeadChange
  /** each version's outcome with the ISO week of its MQL (null: never MQL) */
  candidate: VersionOutcome & { week: string | null }
  baseline: VersionOutcome & { week: string | null }
}

/**
 * A page of changed leads in lead-id order (plain code-unit order). Keyset paging: `after` is the
 * `next` of the previous page (the last lead id it held), so pages stay stable however many leads
 * there are and whatever else changes; `next` is null on the last page.
 */
export type ChangedLeadsPage = { items: ChangedLead[]; next: string | null }

export const MAX_CHANGED_LEADS_PAGE = 500

/**
 * MQL under one version and not the other, or MQL in another ISO week (in `zone`); undefined when
 * the lead's outcome does not change.
 */
export function changeOf(lead: BacktestLead, zone: string): LeadChange | undefined {
  const candidate = lead.candidate.mqlAt
  const baseline = lead.baseline.mqlAt
  if (candidate === null) return baseline === null ? undefined : 'only_baseline'
  if (baseline === null) return 'only_candidate'
  // Most leads become MQL at the same instant under both: no week to look up.
  if (candidate === baseline) return undefined
  return isoWeekStartOf(candidate, zone) === isoWeekStartOf(baseline, zone) ? undefined : 'different_week'
}

/**
 * One page of the leads whose outcome changes, optionally only one kind of change.
 * @example
 * const first = listChangedLeads(leads, 'Europe/Berlin', { limit: 50 })
 * const second = listChangedLeads(leads, 'Europe/Berlin', { limit: 50, after: first.next! })
 */
export function listChangedLeads(
  leads: readonly BacktestLead[],
  zone: string,
  page: { limit: number; after?: string; change?: LeadChange },
): ChangedLeadsPage {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_CHANGED_LEADS_PAGE) {
    throw new Error(`page limit must be 1–${MAX_CHANGED_LEADS_PAGE}, got ${page.limit}`)
  }
  const after = page.after
  const changed: ChangedLead[] = []
  for (const lead of leads) {
    if (after !== undefined && lead.leadId <= after) continue
    const change = changeOf(lead, zone)
    if (change === undefined || (page.change !== undefined && change !== page.change)) continue
    changed.push({
      leadId: lead.leadId,
      change,
      candidate: withWeek(lead.candidate, zone),
      baseline: withWeek(lead.baseline, zone),
    })
  }
  changed.sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0))
  const items = changed.slice(0, page.limit)
  return { items, next: changed.length > page.limit ? items.at(-1)!.leadId : null }
}

function withWeek(outcome: VersionOutcome, zone: string): VersionOutcome & { week: string | null } {
  return { ...outcome, week: outcome.mqlAt === null ? null : isoWeekOf(outcome.mqlAt, zone) }
}
