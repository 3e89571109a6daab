// A rep logs what they did with a lead: a call (with its outcome), an e-mail, a meeting or a note,
// optionally with a follow-up task. The first call, e-mail or meeting on an MQL handed to a rep answers
// its SLA as accepting would (a `respond` decision, so the fold and the breach job see it); a note is
// sales' own memo and answers nothing.
import type { Kysely } from 'kysely'
import type { ActivityKind, Database } from '../db/tables.ts'
import { activityRepository, type Activity } from '../db/activity.repository.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import type { Actor } from '#core/lifecycle/lead-lifecycle.ts'
import { audit } from './audit.ts'
import { decideLead } from './decide-lead.ts'
import { findWorkableLead, isVisible, workedOnBy } from './lead-visibility.ts'
import { DomainError } from '#core/errors.ts'
import { createTask, type TaskView, type Worker } from './lead-tasks.ts'
import { queueLeadWorkEvent } from './lead-work-events.ts'

export const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'note'] as const satisfies readonly ActivityKind[]
export const CALL_OUTCOMES = ['reached', 'no_answer', 'voicemail', 'busy', 'wrong_number'] as const

export type ActivityInput = {
  kind: ActivityKind
  outcome?: (typeof CALL_OUTCOMES)[number]
  subject?: string
  body?: string
  durationMinutes?: number
  occurredAt?: Date
  followUp?: { title: string; dueAt: Date; ownerId?: string }
}

export function activityView(activity: Activity) {
  return {
    id: activity.id,
    leadId: activity.leadId,
    kind: activity.kind,
    outcome: activity.outcome,
    subject: activity.subject,
    body: activity.body,
    durationMinutes: activity.durationMinutes,
    occurredAt: activity.occurredAt.toISOString(),
    author: activity.authorId ? { id: activity.authorId, name: activity.authorName } : null,
    createdAt: activity.createdAt.toISOString(),
    erased: activity.erasedAt !== null,
  }
}

export type ActivityView = ReturnType<typeof activityView>

export async function logActivity(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  input: ActivityInput,
  worker: Worker & { actor: Actor },
  now: Date,
): Promise<{ activity: ActivityView; answeredSla: boolean; task: TaskView | null }> {
  return inTransaction(db, async (trx) => {
    const lead = await findWorkableLead(trx, workspaceId, leadId, worker.visibility, { forUpdate: true })
    const occurredAt = input.occurredAt ?? now
    const id = await activityRepository.insert(trx, workspaceId, {
      leadId,
      kind: input.kind,
      outcome: input.outcome ?? null,
      subject: input.subject ?? null,
      body: input.body ?? null,
      durationMinutes: input.durationMinutes ?? null,
      occurredAt,
      authorId: worker.userId,
      createdAt: now,
    })
    // Only contact made after this hand-off answers it; a call from before the lead was assigned does not.
    const answersSla =
      input.kind !== 'note' &&
      lead.stage === 'mql' &&
      lead.owner_id !== null &&
      lead.assigned_at !== null &&
      lead.responded_at === null &&
      occurredAt.getTime() >= lead.assigned_at
    if (answersSla) {
      await decideLead(
        trx,
        workspaceId,
        leadId,
        { kind: 'respond', activity: id },
        worker.actor,
        now,
        worker.visibility,
      )
    }
    const activity = activityView((await activityRepository.find(trx, workspaceId, id))!)
    const task = input.followUp
      ? await createTask(trx, workspaceId, { leadId, ...input.followUp }, worker, now)
      : null
    await audit(trx, workspaceId, worker.auditActor, 'lead.activity_logged', leadId, {
      after: { activityId: id, kind: input.kind, outcome: input.outcome ?? null, answeredSla: answersSla },
    })
    await queueLeadWorkEvent(trx, workspaceId, {
      type: 'activity.logged',
      leadId,
      at: now,
      data: { activity, lead: { id: lead.id, email: lead.email, stage: lead.stage, ownerId: lead.owner_id } },
    })
    return { activity, answeredSla: answersSla, task }
  })
}

/**
 * Reading is wider than working, as for the lead itself: a rep still reads the activities of a lead they
 * rejected, and an erased lead keeps its activities' kinds and times.
 */
export async function listActivities(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  worker: Pick<Worker, 'visibility'>,
): Promise<ActivityView[]> {
  const lead = await db
    .selectFrom('leads')
    .select(['owner_id', 'stage'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', leadId)
    .executeTakeFirst()
  const readable =
    lead !== undefined &&
    (isVisible(lead, worker.visibility) || (await workedOnBy(db, workspaceId, leadId, worker.visibility)))
  if (!readable) throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
  return (await activityRepository.listForLead(db, workspaceId, leadId)).map(activityView)
}
