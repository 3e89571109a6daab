// Models age as the market and the team move: every workspace gets a new version a week after its last
// one was asked for (by anyone), with the target that one had. A workspace still short of outcomes gets
// a run too, which records how many it has: the model page shows how far it is from enough. A new
// workspace waits a day for its first: there is nothing to learn from in its first hours.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { PREDICTION_TARGETS, type PredictionTarget } from '#core/prediction/training-example.ts'
import { startModelTraining } from './prediction-model-runs.ts'

export const RETRAIN_AFTER_MS = 7 * 86_400_000
const FIRST_AFTER_MS = 86_400_000
/** How often the schedule looks; a run is at most this late. */
export const RETRAIN_CHECK_EVERY_MS = 3_600_000
/** Workspaces started per round: the rest wait for the next round rather than queue all at once. */
export const RETRAIN_BATCH = 20

/** Starts the runs that are due; returns how many it started. */
export async function startDueRetraining(db: Kysely<Database>, now: Date): Promise<number> {
  const due = await sql<{ id: string; target: string | null }>`
    select w.id, last.target
    from workspaces w
    left join lateral (
      select m.target, m.created_at from prediction_models m
      where m.workspace_id = w.id and m.source = 'workspace'
      order by m.version desc limit 1
    ) last on true
    where case when last.created_at is null then w.created_at <= ${new Date(now.getTime() - FIRST_AFTER_MS)}
      else last.created_at <= ${new Date(now.getTime() - RETRAIN_AFTER_MS)} end
    order by last.created_at nulls first, w.id
    limit ${RETRAIN_BATCH}`.execute(db)
  let started = 0
  for (const workspace of due.rows) {
    const target: PredictionTarget = (PREDICTION_TARGETS as readonly (string | null)[]).includes(
      workspace.target,
    )
      ? (workspace.target as PredictionTarget)
      : 'sql'
    const { started: isNew } = await startModelTraining(
      db,
      workspace.id,
      { target, trigger: 'schedule' },
      null,
      now,
    )
    if (isNew) started++
  }
  return started
}
