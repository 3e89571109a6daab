// A person's lifecycle command (accept, reject, qualify, …): checked against the lead as it stands,
// recorded as a decision, and folded into the lead's projection in the same transaction.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { DomainError } from '#core/errors.ts'
import { transitionLead, type Actor, type LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { projectionContext } from './projection-context.ts'
import { reprojectLeads } from './lead-projection.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { isVisible, type Visibility } from './lead-visibility.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'

export async function decideLead(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  command: LeadCommand,
  actor: Actor,
  now: Date,
  visibility: Visibility = {},
) {
  return inTransaction(db, async (trx) => {
    const lead = await leadRepository.lockForDecision(trx, workspaceId, leadId)
    if (lead && !isVisible(lead, visibility) && command.kind === 'accept' && lead.stage !== 'mql') {
      // A rep who lost the race for an MQL learns that it was taken, as a conflict, not that it vanished.
      throw new DomainError('ILLEGAL_TRANSITION', 'Another rep has taken this lead already.', {
        stage: lead.stage,
        command: command.kind,
        allowed: [],
      })
    }
    if (!lead || !isVisible(lead, visibility)) {
      throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
    }
    const identity = { id: lead.id, email: lead.email, accountId: lead.account_id }
    const context = await projectionContext(trx, workspaceId)
    const [current] = await reprojectLeads(trx, workspaceId, [identity], context, now)
    const state = current!.replay.state
    if (!state) throw new DomainError('LEAD_NOT_FOUND', `Lead ${leadId} has no touchpoints yet.`, { leadId })
    const version = agreementVersionAt(context.versions, now.getTime())
    const result = transitionLead(version.agreement, state, command, actor, now.getTime())
    if (!result.ok) throw result.error
    const decisionId = randomUUID()
    await decisionRepository.insert(trx, workspaceId, leadId, {
      id: decisionId,
      at: now.getTime(),
      actor,
      command,
    })
    const [after] = await reprojectLeads(
      trx,
      workspaceId,
      [{ ...identity, changedFrom: now.getTime() }],
      context,
      now,
    )
    return {
      // What the caller names to take the decision back (undo-decision.ts).
      decisionId,
      stage: after!.row.stage,
      transition: await leadRepository.lastTransition(trx, workspaceId, leadId),
      // The stage changes this decision made (none for an assignment or a checklist update), for metrics.
      moved: after!.replay.transitions.filter(
        ({ trigger }) => trigger.kind === 'decision' && trigger.id === decisionId,
      ),
    }
  })
}
