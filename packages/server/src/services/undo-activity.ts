// Undo for a logged activity: its author takes it back within the undo window (a call logged on the
// wrong lead). The SLA answer it recorded goes with it, through the same retraction as any decision.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { activityRepository } from '../db/activity.repository.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { DomainError } from '#core/errors.ts'
import type { Actor } from '#core/lifecycle/lead-lifecycle.ts'
import { UNDO_WINDOW_MS } from '#core/lifecycle/decision-retraction.ts'
import { audit } from './audit.ts'
import { findWorkableLead } from './lead-visibility.ts'
import { undoDecision } from './undo-decision.ts'
import type { Worker } from './lead-tasks.ts'

export async function undoActivity(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  activityId: string,
  worker: Worker & { actor: Exclude<Actor, { type: 'system' }> },
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    await findWorkableLead(trx, workspaceId, leadId, worker.visibility, { forUpdate: true })
    const activity = await activityRepository.find(trx, workspaceId, activityId)
    if (!activity || activity.leadId !== leadId) {
      throw new DomainError('ACTIVITY_NOT_FOUND', `No activity ${activityId} on lead ${leadId}.`, {
        leadId,
        activityId,
      })
    }
    if (activity.authorId === null || activity.authorId !== worker.userId) {
      throw new DomainError('DECISION_NOT_YOURS', 'Only who logged an activity takes it back.', {
        activityId,
      })
    }
    if (now.getTime() - activity.createdAt.getTime() > UNDO_WINDOW_MS) {
      throw new DomainError(
        'UNDO_WINDOW_PASSED',
        `An activity is taken back within ${UNDO_WINDOW_MS / 1000} s.`,
        {
          activityId,
        },
      )
    }
    const answer = await trx
      .selectFrom('decisions')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .where('kind', '=', 'respond')
      .where(sql<string>`data->>'activity'`, '=', activityId)
      .where('retracted_at', 'is', null)
      .executeTakeFirst()
    if (answer) await undoDecision(trx, workspaceId, leadId, answer.id, worker.actor, now, worker.visibility)
    await activityRepository.remove(trx, workspaceId, activityId)
    await audit(trx, workspaceId, worker.auditActor, 'lead.activity_undone', leadId, {
      before: { activityId, kind: activity.kind, answeredSla: answer !== undefined },
    })
    const lead = await trx
      .selectFrom('leads')
      .select('stage')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', leadId)
      .executeTakeFirstOrThrow()
    return { activityId, undone: activity.kind, stage: lead.stage }
  })
}
