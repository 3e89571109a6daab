// Hands MQLs that have no owner to a rep, as the agreement's routing says (account owner, territory,
// round-robin within capacity), and records each hand-off as a system decision in the log. Leads no rep
// can take stay unowned: they wait in their team's queue and are tried again on the next run.
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { decisionRepository, type StoredDecision } from '../db/decision.repository.ts'
import { userRepository } from '../db/user.repository.ts'
import { compileRouting, type CompiledRouting } from '#core/routing/compile-routing.ts'
import { routeLead, type RepState, type RoundRobinCursors } from '#core/routing/route-lead.ts'
import type { LeadProfile } from '#core/lead/lead-profile.ts'
import { projectionContext } from './projection-context.ts'
import { reprojectLeads } from './lead-projection.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { leadRepository } from '../db/lead.repository.ts'

// How many waiting MQLs one run hands out; the rest wait for the next run.
const BATCH = 500
const compiledRouting = new Map<string, CompiledRouting>()

export async function routeWaitingMqls(db: Kysely<Database>, workspaceId: string, now: Date) {
  const context = await projectionContext(db, workspaceId)
  const version = agreementVersionAt(context.versions, now.getTime())
  const document = version.agreement.document
  if (!document.routing) return { assigned: 0, waiting: 0 }
  const key = `${workspaceId}:${version.version}`
  let routing = compiledRouting.get(key)
  if (!routing) compiledRouting.set(key, (routing = compileRouting(document.routing, document.signals)))

  const waiting = await leadRepository.listWaitingMqls(db, workspaceId, BATCH)
  if (waiting.length === 0) return { assigned: 0, waiting: 0 }

  const users = await userRepository.list(db, workspaceId)
  const emailById = new Map(users.map((user) => [user.id, user.email]))
  const open = await db
    .selectFrom('leads')
    .select(['owner_id', sql<number>`count(*)::int`.as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('stage', 'in', ['mql', 'sal'])
    .where('owner_id', 'is not', null)
    .groupBy('owner_id')
    .execute()
  const openByEmail = new Map(open.map((row) => [emailById.get(row.owner_id!) ?? '', Number(row.count)]))
  const reps = new Map<string, RepState>(
    users
      .filter((user) => user.role === 'sales' || user.role === 'sales_manager')
      .map((user) => [
        user.email,
        { email: user.email, openLeads: openByEmail.get(user.email) ?? 0, available: true },
      ]),
  )
  const cursorRows = await db
    .selectFrom('routing_cursors')
    .select(['team', 'last_rep'])
    .where('workspace_id', '=', workspaceId)
    .execute()
  let cursors: RoundRobinCursors = Object.fromEntries(cursorRows.map((row) => [row.team, row.last_rep]))

  const decisions: StoredDecision[] = []
  for (const lead of waiting) {
    const ownerEmail = lead.account_owner_id ? emailById.get(lead.account_owner_id) : undefined
    const decision = routeLead(routing, {
      profile: { email: lead.email, ...(lead.profile as Partial<LeadProfile>) },
      ...(ownerEmail ? { account: { owner: ownerEmail } } : {}),
      reps: [...reps.values()],
      cursors,
      at: now.getTime(),
    })
    cursors = decision.cursors
    if (decision.kind !== 'assigned') continue
    const rep = reps.get(decision.rep)
    if (rep) reps.set(rep.email, { ...rep, openLeads: rep.openLeads + 1, lastAssignedAt: now.getTime() })
    decisions.push({
      id: randomUUID(),
      leadId: lead.id,
      at: now.getTime(),
      actor: { type: 'system', agreementVersion: version.version },
      command: {
        kind: 'assign',
        rep: decision.rep,
        ...(decision.team ? { team: decision.team } : {}),
        reasons: decision.reasons.map((reason) => reason.text),
      },
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
  for (const [team, lastRep] of Object.entries(cursors)) {
    await db
      .insertInto('routing_cursors')
      .values({ workspace_id: workspaceId, team, last_rep: lastRep })
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'team']).doUpdateSet({ last_rep: lastRep, updated_at: now }),
      )
      .execute()
  }
  return { assigned: decisions.length, waiting: waiting.length - decisions.length }
}
