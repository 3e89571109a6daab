// Follow-up tasks on leads: created by the rep for themselves (or by a manager for a rep), done with one
// click, reopened when clicked by mistake. Every change is audited and sent to webhook subscribers.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { taskRepository, type Task } from '../db/task.repository.ts'
import { DomainError } from '#core/errors.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { audit, type AuditActor } from './audit.ts'
import { findWorkableLead, type Visibility } from './lead-visibility.ts'
import { queueLeadWorkEvent } from './lead-work-events.ts'

/** Who is acting: their audit identity, their user id (none for an API key) and what they may see. */
export type Worker = { auditActor: AuditActor; userId: string | null; visibility: Visibility }

export type TaskInput = { leadId: string; title: string; dueAt: Date; ownerId?: string }

export type TaskChanges = { done?: boolean; title?: string; dueAt?: Date; ownerId?: string }

// People who work leads; marketing hands leads over and does not own sales tasks.
const TASK_OWNER_ROLES = ['sales', 'sales_manager', 'admin']

export function taskView(task: Task, now: Date) {
  return {
    id: task.id,
    leadId: task.leadId,
    lead: task.lead,
    title: task.title,
    dueAt: task.dueAt.toISOString(),
    overdue: task.doneAt === null && task.dueAt.getTime() < now.getTime(),
    owner: { id: task.ownerId, name: task.ownerName },
    createdBy: task.createdBy,
    createdAt: task.createdAt.toISOString(),
    doneAt: task.doneAt?.toISOString() ?? null,
    doneBy: task.doneBy,
  }
}

export type TaskView = ReturnType<typeof taskView>

async function checkOwner(db: Kysely<Database>, workspaceId: string, ownerId: string) {
  const owner = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ownerId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (!owner || !TASK_OWNER_ROLES.includes(owner.role)) {
    throw new DomainError('INVALID_TASK_OWNER', `${ownerId} is no active sales user of this workspace.`, {
      errors: [{ path: 'body/ownerId', message: 'is no active sales user of this workspace' }],
    })
  }
}

/** Creates a task in the caller's transaction (or its own). */
export async function createTask(
  db: Kysely<Database>,
  workspaceId: string,
  input: TaskInput,
  worker: Worker,
  now: Date,
): Promise<TaskView> {
  return inTransaction(db, async (trx) => {
    await findWorkableLead(trx, workspaceId, input.leadId, worker.visibility)
    const ownerId = input.ownerId ?? worker.userId
    if (!ownerId) {
      throw new DomainError('INVALID_TASK_OWNER', 'A task created with an API key needs an ownerId.', {
        errors: [{ path: 'body/ownerId', message: 'is required when an API key creates the task' }],
      })
    }
    await checkOwner(trx, workspaceId, ownerId)
    const id = await taskRepository.insert(trx, workspaceId, {
      leadId: input.leadId,
      title: input.title,
      dueAt: input.dueAt,
      ownerId,
      createdBy: worker.userId,
      createdAt: now,
    })
    const task = taskView((await taskRepository.find(trx, workspaceId, id))!, now)
    await audit(trx, workspaceId, worker.auditActor, 'task.created', input.leadId, {
      after: { taskId: id, dueAt: task.dueAt, ownerId },
    })
    await queueLeadWorkEvent(trx, workspaceId, {
      type: 'task.created',
      leadId: input.leadId,
      at: now,
      data: task,
    })
    return task
  })
}

/**
 * Completes, reopens, renames, reschedules or hands over a task. A rep changes the tasks they own or
 * created; managers, admins and admin keys any task on a lead they can see.
 */
export async function updateTask(
  db: Kysely<Database>,
  workspaceId: string,
  taskId: string,
  changes: TaskChanges,
  worker: Worker,
  now: Date,
): Promise<TaskView> {
  return inTransaction(db, async (trx) => {
    const row = await taskRepository.lock(trx, workspaceId, taskId)
    const rep = worker.visibility.ownLeadsOf
    if (!row || (rep !== undefined && row.owner_id !== rep && row.created_by !== rep)) {
      throw new DomainError('TASK_NOT_FOUND', `No task ${taskId} in this workspace.`, { taskId })
    }
    if (changes.ownerId !== undefined && changes.ownerId !== row.owner_id) {
      await checkOwner(trx, workspaceId, changes.ownerId)
    }
    const completes = changes.done === true && row.done_at === null
    const reopens = changes.done === false && row.done_at !== null
    await taskRepository.update(trx, workspaceId, taskId, {
      ...(changes.title === undefined ? {} : { title: changes.title }),
      ...(changes.dueAt === undefined ? {} : { due_at: changes.dueAt }),
      ...(changes.ownerId === undefined ? {} : { owner_id: changes.ownerId }),
      ...(completes ? { done_at: now, done_by: worker.userId } : {}),
      ...(reopens ? { done_at: null, done_by: null } : {}),
    })
    const task = taskView((await taskRepository.find(trx, workspaceId, taskId))!, now)
    const action = completes ? 'task.completed' : reopens ? 'task.reopened' : 'task.updated'
    await audit(trx, workspaceId, worker.auditActor, action, row.lead_id, {
      before: { taskId, dueAt: row.due_at.toISOString(), ownerId: row.owner_id, done: row.done_at !== null },
      after: { taskId, dueAt: task.dueAt, ownerId: task.owner.id, done: task.doneAt !== null },
    })
    if (completes) {
      await queueLeadWorkEvent(trx, workspaceId, {
        type: 'task.completed',
        leadId: row.lead_id,
        at: now,
        data: task,
      })
    }
    return task
  })
}
