// Recording a shadow: the leads created since it started that got a touchpoint or a decision since its
// checkpoint are replayed whole, with the fold that runs live, under the shadow version and under the
// baseline, and one row per lead says what each would have decided. Nothing else is written: no stage,
// no routing, no webhook, no notification.
//
// A round goes page by page in lead-id order (keyset), one transaction per page that holds the shadow's
// row (FOR UPDATE SKIP LOCKED) and moves its cursor with the rows it wrote, so a crash resumes at the
// page it was on and a second instance skips a shadow that is being recorded. The checkpoint moves in
// the transaction of the round's last page.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, ShadowRunTable } from '../../db/tables.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { versionOutcomeOf, type VersionOutcome } from '#core/backtest/backtest-lead.ts'
import type { PeriodBounds } from '#core/backtest/backtest-weeks.ts'
import { replayLead } from '#core/lifecycle/replay-lead.ts'
import { erasureOf } from '#core/projection/erased-lead.ts'
import { loadBaseline, loadCandidate, type ComparedVersion } from '../backtest/backtest-versions.ts'
import { readHistoriesOf, type LeadHistory } from '../backtest/backtest-history.ts'

export const SHADOW_PAGE = 200
/**
 * updated_at is stamped when its transaction began, so a batch that began before a checkpoint may
 * commit after it. Looking back this far past the checkpoint replays a few leads twice,
 * which changes nothing, instead of missing one for good.
 */
export const RECORDING_OVERLAP_MS = 5 * 60_000

export type ShadowPage = { leads: number; roundDone: boolean }

type ShadowRow = Selectable<ShadowRunTable>
type Round = { beganAt: Date; until: Date; after: string | null }

/**
 * One page of one shadow's round at `now`; undefined when the shadow is not running or another
 * instance holds it. The round ends (checkpoint moved, cursor cleared) with its first short page;
 * a round that reached the shadow's end finishes it.
 */
export async function recordShadowPage(
  db: Kysely<Database>,
  workspaceId: string,
  shadowId: string,
  now: Date,
  pageSize = SHADOW_PAGE,
): Promise<ShadowPage | undefined> {
  return withWorkspace(db, workspaceId, async (scoped) => {
    const shadow = await scoped
      .selectFrom('shadow_runs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', shadowId)
      .where('status', '=', 'running')
      .forUpdate()
      .skipLocked()
      .executeTakeFirst()
    if (!shadow) return undefined
    const round = await roundOf(scoped, shadow, now)
    const leads = await leadsToReplay(scoped, shadow, round, pageSize)
    const histories = await readHistoriesOf(scoped, workspaceId, leads)
    await writeOutcomes(scoped, shadow, histories, round, now)
    const roundDone = leads.length < pageSize
    const seen = await scoped
      .selectFrom('shadow_leads')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('shadow_id', '=', shadowId)
      .executeTakeFirstOrThrow()
    const over = round.until.getTime() >= shadow.ends_at.getTime()
    await scoped
      .updateTable('shadow_runs')
      .set({
        leads_seen: Number(seen.count),
        ...(roundDone
          ? {
              checkpoint_at: round.beganAt,
              round_began_at: null,
              round_until: null,
              round_after: null,
              last_run_at: now,
              ...(over ? { status: 'finished' as const, finished_at: now } : {}),
            }
          : { round_began_at: round.beganAt, round_until: round.until, round_after: leads.at(-1)!.id }),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', shadowId)
      .execute()
    return { leads: leads.length, roundDone }
  })
}

/** The round under way, or a new one: up to now, and past the end only as far as the end. */
async function roundOf(scoped: Kysely<Database>, shadow: ShadowRow, now: Date): Promise<Round> {
  if (shadow.round_began_at && shadow.round_until) {
    return { beganAt: shadow.round_began_at, until: shadow.round_until, after: shadow.round_after }
  }
  // The next checkpoint is the database's clock, which stamped what this round will read.
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(scoped)
  return {
    beganAt: rows[0]!.now,
    until: new Date(Math.min(now.getTime(), shadow.ends_at.getTime())),
    after: null,
  }
}

/**
 * The shadow's leads with a touchpoint or a decision (or an undo) recorded since the checkpoint. Each of
 * those reprojects its lead, which stamps leads.updated_at (leadRepository.saveProjections), so that
 * column finds them through its index instead of probing every lead's log. Leads reprojected for other
 * reasons (a score decaying, an SLA step) come along and are replayed to the same or a later result.
 */
function leadsToReplay(scoped: Kysely<Database>, shadow: ShadowRow, round: Round, pageSize: number) {
  return scoped
    .selectFrom('leads')
    .select(['id', 'email'])
    .where('workspace_id', '=', shadow.workspace_id)
    .where('updated_at', '>=', new Date(shadow.checkpoint_at.getTime() - RECORDING_OVERLAP_MS))
    .where('created_at', '>=', shadow.created_from)
    .$if(round.after !== null, (query) => query.where('id', '>', round.after!))
    .orderBy('id')
    .limit(pageSize)
    .execute()
}

async function writeOutcomes(
  scoped: Kysely<Database>,
  shadow: ShadowRow,
  histories: readonly LeadHistory[],
  round: Round,
  now: Date,
): Promise<void> {
  if (histories.length === 0) return
  const [candidate, baseline] = await Promise.all([
    loadCandidate(scoped, shadow.workspace_id, { version: shadow.version }),
    loadBaseline(scoped, shadow.workspace_id, shadow.baseline_version),
  ])
  const bounds: PeriodBounds = { start: shadow.started_at.getTime(), end: shadow.ends_at.getTime() }
  // Nothing after the round's instant is recorded yet; a replay past it would only let time fire early.
  const until = Math.min(round.until.getTime(), bounds.end - 1)
  const outcomeUnder = (compared: ComparedVersion, history: LeadHistory): VersionOutcome =>
    versionOutcomeOf(
      replayLead({
        email: history.email,
        touchpoints: history.touchpoints,
        decisions: history.decisions,
        versions: compared.timeline,
        until,
      }).transitions,
      bounds,
    )
  // Erasure wiped the fields the lead's path was decided on, and the row would keep them: it goes.
  const erased = histories.filter((history) => erasureOf(history.decisions))
  const kept = histories.filter((history) => !erasureOf(history.decisions))
  if (erased.length > 0) {
    await scoped
      .deleteFrom('shadow_leads')
      .where('workspace_id', '=', shadow.workspace_id)
      .where('shadow_id', '=', shadow.id)
      .where(
        'lead_id',
        'in',
        erased.map((history) => history.leadId),
      )
      .execute()
  }
  if (kept.length === 0) return
  const rows = kept.map((history) => {
    const shadowOutcome = outcomeUnder(candidate, history)
    const baselineOutcome = outcomeUnder(baseline, history)
    return {
      workspace_id: shadow.workspace_id,
      shadow_id: shadow.id,
      lead_id: history.leadId,
      ...columnsOf('shadow', shadowOutcome),
      ...columnsOf('baseline', baselineOutcome),
      updated_at: now,
    }
  })
  await scoped
    .insertInto('shadow_leads')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['workspace_id', 'shadow_id', 'lead_id'])
        .doUpdateSet((update) => ({
          shadow_mql_at: update.ref('excluded.shadow_mql_at'),
          shadow_explanations: update.ref('excluded.shadow_explanations'),
          shadow_lane: update.ref('excluded.shadow_lane'),
          shadow_source: update.ref('excluded.shadow_source'),
          baseline_mql_at: update.ref('excluded.baseline_mql_at'),
          baseline_explanations: update.ref('excluded.baseline_explanations'),
          baseline_lane: update.ref('excluded.baseline_lane'),
          baseline_source: update.ref('excluded.baseline_source'),
          updated_at: update.ref('excluded.updated_at'),
        }))
        // A replay that decides the same leaves the row as it was, updated_at included.
        .where(
          sql<boolean>`(shadow_leads.shadow_mql_at, shadow_leads.shadow_explanations, shadow_leads.shadow_lane,
            shadow_leads.shadow_source, shadow_leads.baseline_mql_at, shadow_leads.baseline_explanations,
            shadow_leads.baseline_lane, shadow_leads.baseline_source)
            is distinct from (excluded.shadow_mql_at, excluded.shadow_explanations, excluded.shadow_lane,
            excluded.shadow_source, excluded.baseline_mql_at, excluded.baseline_explanations,
            excluded.baseline_lane, excluded.baseline_source)`,
        ),
    )
    .execute()
}

function columnsOf<Side extends 'shadow' | 'baseline'>(side: Side, outcome: VersionOutcome) {
  return {
    [`${side}_mql_at`]: outcome.mqlAt === null ? null : new Date(outcome.mqlAt),
    [`${side}_explanations`]: JSON.stringify(outcome.explanations),
    [`${side}_lane`]: outcome.lane,
    [`${side}_source`]: outcome.source,
  } as Record<`${Side}_mql_at`, Date | null> &
    Record<`${Side}_explanations`, string> &
    Record<`${Side}_lane` | `${Side}_source`, string | null>
}
