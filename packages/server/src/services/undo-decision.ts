// Undo: a person takes back their latest decision on a lead within a minute. The decision is marked
// retracted (kept for history and audit) and the lead is folded again without it, in one transaction,
// so its row, stage history, SLA checks and change events say what it is without it.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { DomainError } from '#core/errors.ts'
import type { Actor } from '#core/lifecycle/lead-lifecycle.ts'
import { refuseRetraction } from '#core/lifecycle/decision-retraction.ts'
import { projectionContext } from './projection-context.ts'
import { reprojectLeads } from './lead-projection.ts'
import { isVisible, type Visibility } from './lead-visibility.ts'
import { inTransaction } from '../db/tenant-scope.ts'

export async function undoDecision(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  decisionId: string,
  actor: Exclude<Actor, { type: 'system' }>,
  now: Date,
  visibility: Visibility = {},
) {
  return inTransaction(db, async (trx) => {
    // The same row lock as decideLead: an undo and a new decision on the lead take turns.
    const lead = await leadRepository.lockForDecision(trx, workspaceId, leadId)
    const decision = lead && (await decisionRepository.find(trx, workspaceId, leadId, decisionId))
    const own = decision !== undefined && decision.actor.type === actor.type && decision.actor.id === actor.id
    // A rep who rejected a lead no longer sees it, yet may take their own rejection back; anyone else's
    // decision on a lead they cannot see does not exist for them.
    if (!lead || !decision || (!own && !isVisible(lead, visibility))) {
      throw new DomainError('DECISION_NOT_FOUND', `No decision ${decisionId} on lead ${leadId}.`, {
        leadId,
        decisionId,
      })
    }
    const latestId = await decisionRepository.latestStandingId(trx, workspaceId, leadId)
    const refusal = refuseRetraction(decision, latestId, actor, now.getTime())
    if (refusal) throw refusal
    const before = { stage: lead.stage, ownerId: lead.owner_id }
    await decisionRepository.retract(trx, workspaceId, decisionId, actor.id, now)
    const context = await projectionContext(trx, workspaceId)
    // Folded from the whole log, not from a snapshot: the lead's whole history comes back, so the stage
    // it returns to (entered before the decision) is there to tell webhook subscribers about. One lead,
    // rarely: the cost of a full fold does not matter here.
    const stored = (await leadRepository.storedProjections(trx, workspaceId, [lead.id])).get(lead.id)
    const identity = { id: lead.id, email: lead.email, accountId: lead.account_id }
    const [after] = await reprojectLeads(
      trx,
      workspaceId,
      [
        {
          ...identity,
          stored: { snapshot: null, checkpoints: null, slaCheckAt: stored?.slaCheckAt ?? null },
        },
      ],
      context,
      now,
    )
    return {
      kind: decision.kind,
      before,
      stage: after!.row.stage,
      ownerId: after!.row.owner_id,
      transition: await leadRepository.lastTransition(trx, workspaceId, leadId),
    }
  })
}
