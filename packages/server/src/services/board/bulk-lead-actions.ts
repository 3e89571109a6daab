// One command for many leads, as the board's bulk actions send it. Each lead goes through the same use
// case a single action does (decideLead for lifecycle commands: visibility, stage rules, the agreement's
// reasons; createTask for a follow-up task) and gets its own savepoint: a lead that fails is rolled
// back and reported, the others stay applied. Savepoints rather than separate transactions because the
// request already runs in one transaction under the workspace's row-level security, and PGlite has a
// single connection to open another on.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { isDomainError } from '#core/errors.ts'
import type { Actor, LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { decideLead } from '../decide-lead.ts'
import type { Visibility } from '../lead-visibility.ts'
import { audit, type AuditActor } from '../audit.ts'
import { createTask } from '../lead-tasks.ts'

export type BulkCommand =
  | { kind: 'decide'; command: LeadCommand }
  | { kind: 'add_task'; title: string; dueAt: Date; ownerId?: string }

export type BulkWorker = {
  actor: Actor
  auditActor: AuditActor
  userId: string | null
  visibility: Visibility
}

export type BulkLeadResult =
  | { leadId: string; ok: true; stage?: string; taskId?: string }
  | { leadId: string; ok: false; code: string; message: string }

type StageMoves = Awaited<ReturnType<typeof decideLead>>['moved']

export type BulkLeadOutcome = {
  results: BulkLeadResult[]
  /** the stage changes the applied commands made, for metrics */
  moved: StageMoves
}

export async function applyBulkLeadAction(
  db: Kysely<Database>,
  workspaceId: string,
  leadIds: readonly string[],
  bulk: BulkCommand,
  worker: BulkWorker,
  now: Date,
): Promise<BulkLeadOutcome> {
  const results: BulkLeadResult[] = []
  const moved: StageMoves = []
  for (const leadId of leadIds) {
    await sql`savepoint bulk_lead`.execute(db)
    try {
      if (bulk.kind === 'add_task') {
        const task = await createTask(
          db,
          workspaceId,
          {
            leadId,
            title: bulk.title,
            dueAt: bulk.dueAt,
            ...(bulk.ownerId ? { ownerId: bulk.ownerId } : {}),
          },
          { auditActor: worker.auditActor, userId: worker.userId, visibility: worker.visibility },
          now,
        )
        results.push({ leadId, ok: true, taskId: task.id })
      } else {
        const { command } = bulk
        const decided = await decideLead(
          db,
          workspaceId,
          leadId,
          command,
          worker.actor,
          now,
          worker.visibility,
        )
        // Audited as the single action is, inside the lead's savepoint: an entry exists exactly when the change does.
        await audit(db, workspaceId, worker.auditActor, `lead.${command.kind}`, leadId, {
          after: { stage: decided.stage, reason: decided.transition.reason, bulk: true },
        })
        moved.push(...decided.moved)
        results.push({ leadId, ok: true, stage: decided.stage })
      }
      await sql`release savepoint bulk_lead`.execute(db)
    } catch (error) {
      await sql`rollback to savepoint bulk_lead`.execute(db)
      if (!isDomainError(error)) throw error
      results.push({ leadId, ok: false, code: error.code, message: error.message })
    }
  }
  return { results, moved }
}
