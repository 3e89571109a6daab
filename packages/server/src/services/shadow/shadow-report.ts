// A shadow's report: the same comparison as a backtest's (core buildBacktestReport), over the leads the
// shadow recorded, with reality read from the leads' stored stage history when the report is asked for:
// hand-offs accepted or rejected since the last round count at once.
import { DateTime } from 'luxon'
import type { Kysely, Selectable } from 'kysely'
import type { Database, ShadowLeadTable } from '../../db/tables.ts'
import { listChangedLeads, type ChangedLeadsPage, type LeadChange } from '#core/backtest/backtest-changes.ts'
import {
  actualOutcomeOf,
  type ActualOutcome,
  type BacktestLead,
  type VersionOutcome,
} from '#core/backtest/backtest-lead.ts'
import { buildBacktestReport, weeklyCapacity, type BacktestReport } from '#core/backtest/backtest-report.ts'
import type { BacktestPeriod } from '#core/backtest/backtest-weeks.ts'
import { loadCandidate } from '../backtest/backtest-versions.ts'
import { readStageChanges } from '../backtest/backtest-history.ts'
import type { ShadowRun } from './shadow-runs.ts'

type ShadowLeadRow = Selectable<ShadowLeadTable>

// Stage histories are read this many leads at a time, as a backtest reads its pages.
const CHANGES_PAGE = 500

/** The report over the shadow's period so far (up to `now`, or to its end once it is over). */
export async function buildShadowReport(
  scoped: Kysely<Database>,
  workspaceId: string,
  run: ShadowRun,
  now: Date,
): Promise<BacktestReport> {
  const zone = await timezoneOf(scoped, workspaceId)
  const rows = await scoped
    .selectFrom('shadow_leads')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('shadow_id', '=', run.id)
    .orderBy('lead_id')
    .execute()
  // Outcomes of an MQL late in the period come after it: reality is read up to now, as a backtest does.
  const outcomes = { start: run.startedAt.getTime(), end: Math.max(run.endsAt.getTime(), now.getTime() + 1) }
  const leads: BacktestLead[] = []
  for (let index = 0; index < rows.length; index += CHANGES_PAGE) {
    const page = rows.slice(index, index + CHANGES_PAGE)
    const changes = await readStageChanges(
      scoped,
      workspaceId,
      page.map((row) => row.lead_id),
    )
    for (const row of page) {
      leads.push(backtestLeadOf(row, actualOutcomeOf(changes.get(row.lead_id) ?? [], outcomes)))
    }
  }
  const candidate = await loadCandidate(scoped, workspaceId, { version: run.version })
  return buildBacktestReport({
    period: periodOf(run, rows, zone, now),
    versions: { candidate: run.version, baseline: run.baselineVersion },
    capacityPerWeek: weeklyCapacity(candidate.document.routing),
    leads,
  })
}

/** A page of the leads whose outcome the shadow version changes, in lead-id order (as a backtest's). */
export async function listShadowChangedLeads(
  scoped: Kysely<Database>,
  workspaceId: string,
  run: ShadowRun,
  page: { limit: number; after?: string; change?: LeadChange },
): Promise<ChangedLeadsPage> {
  const zone = await timezoneOf(scoped, workspaceId)
  // Only the rows where the versions disagree can change; the week is compared in the core.
  const rows = await scoped
    .selectFrom('shadow_leads')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('shadow_id', '=', run.id)
    .where((where) => where('shadow_mql_at', 'is distinct from', where.ref('baseline_mql_at')))
    .$if(page.after !== undefined, (query) => query.where('lead_id', '>', page.after!))
    .orderBy('lead_id')
    .execute()
  return listChangedLeads(
    rows.map((row) => backtestLeadOf(row, NO_OUTCOME)),
    zone,
    page,
  )
}

// Changed leads compare the versions only; what really happened does not enter.
const NO_OUTCOME: ActualOutcome = {
  reachedAt: { mql: null, sal: null, sql: null, opportunity: null, customer: null },
  rejection: null,
}

function backtestLeadOf(row: ShadowLeadRow, actual: ActualOutcome): BacktestLead {
  const shadow: VersionOutcome = {
    mqlAt: row.shadow_mql_at?.getTime() ?? null,
    explanations: row.shadow_explanations,
    lane: row.shadow_lane,
    source: row.shadow_source,
  }
  const baseline: VersionOutcome = {
    mqlAt: row.baseline_mql_at?.getTime() ?? null,
    explanations: row.baseline_explanations,
    lane: row.baseline_lane,
    source: row.baseline_source,
  }
  return { leadId: row.lead_id, candidate: shadow, baseline, actual }
}

/**
 * Whole days in the workspace's time zone from the start to today (or the last day, once over). A
 * recorded MQL is never outside: the report would refuse it, so the period stretches to the latest.
 */
function periodOf(run: ShadowRun, rows: readonly ShadowLeadRow[], zone: string, now: Date): BacktestPeriod {
  let last = Math.max(run.startedAt.getTime(), Math.min(now.getTime(), run.endsAt.getTime() - 1))
  for (const row of rows) {
    for (const at of [row.shadow_mql_at, row.baseline_mql_at]) {
      if (at && at.getTime() > last) last = at.getTime()
    }
  }
  const day = (at: number) => DateTime.fromMillis(at, { zone }).toISODate()!
  return { from: day(run.startedAt.getTime()), to: day(last), timezone: zone }
}

async function timezoneOf(scoped: Kysely<Database>, workspaceId: string): Promise<string> {
  const workspace = await scoped
    .selectFrom('workspaces')
    .select('timezone')
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  return workspace.timezone
}
