// Hands MQLs that have no owner to a rep, as the agreement's routing says (account owner, territory,
// round-robin within capacity), and records each hand-off as a system decision in the log. Leads no rep
// can take stay unowned: they wait in their team's queue and are tried again on the next run.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { decisionRepository, type StoredDecision } from '../db/decision.repository.ts'
import { routeLead } from '#core/routing/route-lead.ts'
import type { LeadProfile } from '#core/lead/lead-profile.ts'
import { projectionContext } from './projection-context.ts'
import { reprojectLeads } from './lead-projection.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { assignCommand, loadRoutingState, noteAssignment, saveCursors } from './routing-state.ts'

// How many waiting MQLs one run hands out; the rest wait for the next run.
const BATCH = 500

export async function routeWaitingMqls(db: Kysely<Database>, workspaceId: string, now: Date) {
  const waiting = await leadRepository.listWaitingMqls(db, workspaceId, BATCH, now, { claim: true })
  if (waiting.length === 0) return { assigned: 0, waiting: 0 }
  const context = await projectionContext(db, workspaceId)
  const state = await loadRoutingState(db, workspaceId, context.versions, now)
  if (!state) return { assigned: 0, waiting: waiting.length }

  const decisions: StoredDecision[] = []
  for (const lead of waiting) {
    const ownerEmail = lead.account_owner_id ? state.emailById.get(lead.account_owner_id) : undefined
    const decision = routeLead(state.routing, {
      profile: { email: lead.email, ...(lead.profile as Partial<LeadProfile>) },
      ...(ownerEmail ? { account: { owner: ownerEmail } } : {}),
      reps: [...state.reps.values()],
      cursors: state.cursors,
      at: now.getTime(),
    })
    noteAssignment(state, decision, now.getTime())
    if (decision.kind !== 'assigned') continue
    decisions.push({
      id: randomUUID(),
      leadId: lead.id,
      at: now.getTime(),
      actor: { type: 'system', agreementVersion: state.version.version },
      command: assignCommand(decision),
    })
  }
  if (decisions.length > 0) {
    await decisionRepository.insertMany(db, workspaceId, decisions)
    const assignedIds = new Set(decisions.map((decision) => decision.leadId))
    const leads = waiting.filter((lead) => assignedIds.has(lead.id))
    await reprojectLeads(
      db,
      workspaceId,
      leads.map((lead) => ({ id: lead.id, email: lead.email, accountId: lead.account_id })),
      context,
      now,
    )
  }
  await saveCursors(db, workspaceId, state.cursors, now)
  return { assigned: decisions.length, waiting: waiting.length - decisions.length }
}
