// What routing needs to know about a workspace right now: the agreement's compiled routing, the reps
// with their open leads and absences, and the round-robin cursors. Shared by the hand-off of waiting
// MQLs and by SLA reassignment, so both weigh capacity and absence the same way.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { userRepository, type User } from '../db/user.repository.ts'
import { compileRouting, type CompiledRouting } from '#core/routing/compile-routing.ts'
import type { RepState, RoundRobinCursors, RoutingDecision } from '#core/routing/route-lead.ts'
import { agreementVersionAt, type AgreementVersion } from '#core/lifecycle/replay-lead.ts'
import type { LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'
import type { Explanation } from '#core/explanation/explanation.ts'

export type RoutingState = {
  version: AgreementVersion
  routing: CompiledRouting
  users: User[]
  emailById: Map<string, string>
  reps: Map<string, RepState>
  cursors: RoundRobinCursors
}

const compiledRouting = new WeakMap<object, CompiledRouting>()

/** The document's routing, compiled once per agreement version; undefined when it has none. */
export function compiledRoutingOf(document: AgreementDocument): CompiledRouting | undefined {
  if (!document.routing) return undefined
  let routing = compiledRouting.get(document.routing)
  if (!routing) {
    routing = compileRouting(document.routing, document.signals)
    compiledRouting.set(document.routing, routing)
  }
  return routing
}

/** Undefined when the agreement in force at `now` has no routing section. */
export async function loadRoutingState(
  db: Kysely<Database>,
  workspaceId: string,
  versions: readonly AgreementVersion[],
  now: Date,
): Promise<RoutingState | undefined> {
  const version = agreementVersionAt(versions, now.getTime())
  const document = version.agreement.document
  if (!document.routing) return undefined
  const routing = compiledRoutingOf(document)!
  const [users, open, cursorRows] = await Promise.all([
    userRepository.list(db, workspaceId),
    db
      .selectFrom('leads')
      .select(['owner_id', sql<number>`count(*)::int`.as('count')])
      .where('workspace_id', '=', workspaceId)
      .where('stage', 'in', ['mql', 'sal'])
      .where('owner_id', 'is not', null)
      .groupBy('owner_id')
      .execute(),
    db
      .selectFrom('routing_cursors')
      .select(['team', 'last_rep'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
  ])
  const emailById = new Map(users.map((user) => [user.id, user.email]))
  const openById = new Map(open.map((row) => [row.owner_id, Number(row.count)]))
  const reps = new Map<string, RepState>(
    users
      .filter((user) => user.role === 'sales' || user.role === 'sales_manager')
      .map((user) => [
        user.email,
        {
          email: user.email,
          openLeads: openById.get(user.id) ?? 0,
          available: !isOutOfOffice(user, now.getTime()),
        },
      ]),
  )
  const cursors = Object.fromEntries(cursorRows.map((row) => [row.team, row.last_rep]))
  return { version, routing, users, emailById, reps, cursors }
}

/** Absences are half-open periods [from, until) of instants. */
export function isOutOfOffice(user: Pick<User, 'outOfOffice'>, at: number): boolean {
  return user.outOfOffice.some((period) => Date.parse(period.from) <= at && at < Date.parse(period.until))
}

/** Counts a fresh assignment against the rep's capacity for the rest of the run. */
export function noteAssignment(state: RoutingState, decision: RoutingDecision, at: number) {
  state.cursors = decision.cursors
  if (decision.kind !== 'assigned') return
  const rep = state.reps.get(decision.rep)
  if (rep) state.reps.set(rep.email, { ...rep, openLeads: rep.openLeads + 1, lastAssignedAt: at })
}

export function assignCommand(
  decision: Extract<RoutingDecision, { kind: 'assigned' }>,
  leading: Explanation[] = [],
): LeadCommand {
  return {
    kind: 'assign',
    rep: decision.rep,
    ...(decision.team ? { team: decision.team } : {}),
    reasons: [...leading, ...decision.reasons],
  }
}

export async function saveCursors(
  db: Kysely<Database>,
  workspaceId: string,
  cursors: RoundRobinCursors,
  now: Date,
) {
  for (const [team, lastRep] of Object.entries(cursors)) {
    await db
      .insertInto('routing_cursors')
      .values({ workspace_id: workspaceId, team, last_rep: lastRep })
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'team']).doUpdateSet({ last_rep: lastRep, updated_at: now }),
      )
      .execute()
  }
}
