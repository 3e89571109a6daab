// Fires the SLA breach steps that fell due on assigned MQLs: tells the rep or team lead, hands the lead
// to the next rep, or returns it to marketing, as the agreement's `sla.onBreach` says. Each step is a
// system decision with a dedupe key, so it happens once however many instances or retries run it.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { notificationRepository, type NewNotification } from '../db/notification.repository.ts'
import { agreementVersionAt, type ReplayResult } from '#core/lifecycle/replay-lead.ts'
import type { Actor, LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { pendingBreachSteps, type SlaStep } from '#core/sla/sla-deadline.ts'
import { routeLead } from '#core/routing/route-lead.ts'
import { projectionContext } from './projection-context.ts'
import type { ProjectionContext } from '#core/projection/projected-lead.ts'
import type { LeadIdentity } from '#core/projection/lead-row.ts'
import { reprojectLeads } from './lead-projection.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'
import {
  assignCommand,
  loadRoutingState,
  noteAssignment,
  saveCursors,
  type RoutingState,
} from './routing-state.ts'

type LeadState = NonNullable<ReplayResult['state']>

/** Fires what is due on the given leads (locked by the caller); returns how many breach steps fired. */
export async function fireSlaBreaches(
  db: Kysely<Database>,
  workspaceId: string,
  leads: LeadIdentity[],
  now: Date,
): Promise<number> {
  if (leads.length === 0) return 0
  const context = await projectionContext(db, workspaceId)
  const projections = await reprojectLeads(db, workspaceId, leads, context, now)
  const version = agreementVersionAt(context.versions, now.getTime())
  const system: Actor = { type: 'system', agreementVersion: version.version }
  let routing: RoutingState | undefined
  const loadRouting = async () => (routing ??= await loadRoutingState(db, workspaceId, context.versions, now))
  const notifications: NewNotification[] = []
  const changed: LeadIdentity[] = []
  let fired = 0

  for (const { lead, replay, row } of projections) {
    const state = replay.state
    if (!state || state.assignedAt === undefined || state.ownerRef === undefined) continue
    const policy = slaPolicyFor(version.agreement.document.sla, context.regionOf(row.owner_id))
    if (!policy) continue
    const due = pendingBreachSteps(policy, state).filter((step) => step.at <= now.getTime())
    const record = (command: LeadCommand, key: string) =>
      decisionRepository.insertOnce(
        db,
        workspaceId,
        { id: randomUUID(), leadId: lead.id, at: now.getTime(), actor: system, command },
        key,
      )
    const tell = (
      userId: string | null,
      kind: string,
      step: SlaStep,
      extra: Record<string, unknown> = {},
    ) => {
      if (!userId) return
      notifications.push({
        userId,
        kind,
        leadId: lead.id,
        data: {
          lead: { email: lead.email, name: leadName(replay), company: replay.profile.company?.name ?? null },
          rep: state.ownerRef,
          action: step.action,
          afterBusinessHours: step.afterBusinessHours,
          ...extra,
        },
        dedupeKey: `${breachKey(lead.id, state, step)}:${kind}:${userId}`,
        at: now,
      })
    }

    for (const step of due) {
      const command: LeadCommand = {
        kind: 'sla_breach',
        step: step.index,
        action: step.action,
        afterBusinessHours: step.afterBusinessHours,
        ...(step.reason ? { reason: step.reason } : {}),
      }
      if (!(await record(command, breachKey(lead.id, state, step)))) break
      fired += 1
      changed.push(lead)
      const ownerId = row.owner_id
      if (step.action === 'notify') {
        const target = step.notify === 'team_lead' ? teamLeadOf(state, await loadRouting(), context) : ownerId
        tell(target ?? ownerId, 'sla_breached', step)
        continue
      }
      if (step.action === 'return_to_marketing') {
        tell(ownerId, 'sla_returned_to_marketing', step)
        break
      }
      const reassigned = await reassign(state, replay, await loadRouting(), now)
      if (reassigned) {
        await record(reassigned.command, `${breachKey(lead.id, state, step)}:assign`)
        tell(ownerId, 'sla_reassigned', step, { to: reassigned.rep })
        tell(context.resolveOwner(reassigned.rep), 'sla_reassigned_to_you', step, { from: state.ownerRef })
      } else {
        // Nobody else can take it now: it stays with the rep, and the team lead has to step in.
        tell(teamLeadOf(state, routing, context) ?? ownerId, 'sla_reassign_failed', step)
      }
      break
    }
  }
  await notificationRepository.insertMany(db, workspaceId, notifications)
  if (routing) await saveCursors(db, workspaceId, routing.cursors, now)
  if (changed.length > 0) await reprojectLeads(db, workspaceId, unique(changed), context, now)
  return fired
}

function breachKey(leadId: string, state: LeadState, step: SlaStep): string {
  return `sla:${leadId}:${state.assignedAt}:${step.index}`
}

/** The next rep by the agreement's routing, passing over the one who let the SLA lapse. */
async function reassign(
  state: LeadState,
  replay: ReplayResult,
  routing: RoutingState | undefined,
  now: Date,
) {
  if (!routing) return undefined
  const current = state.ownerRef!
  const reps = [...routing.reps.values()].map((rep) =>
    rep.email === current || routing.emailById.get(current) === rep.email ? { ...rep, missedSla: true } : rep,
  )
  const decision = routeLead(routing.routing, {
    profile: replay.profile,
    reps,
    cursors: routing.cursors,
    at: now.getTime(),
  })
  noteAssignment(routing, decision, now.getTime())
  if (decision.kind !== 'assigned') return undefined
  const lapsed = { code: 'sla_lapsed' as const, rep: routing.emailById.get(current) ?? current }
  return { rep: decision.rep, command: assignCommand(decision, [lapsed]) }
}

function teamLeadOf(state: LeadState, routing: RoutingState | undefined, context: ProjectionContext) {
  if (!routing) return null
  const assignment = state.assignments.at(-1)
  const team =
    (assignment?.team ? routing.routing.teamById.get(assignment.team) : undefined) ??
    routing.routing.teamOfRep(routing.emailById.get(state.ownerRef ?? '') ?? state.ownerRef ?? '')
  return context.resolveOwner(team?.lead)
}

function leadName(replay: ReplayResult): string | null {
  const name = [replay.profile.firstName, replay.profile.lastName].filter(Boolean).join(' ')
  return name === '' ? null : name
}

function unique(leads: LeadIdentity[]): LeadIdentity[] {
  return [...new Map(leads.map((lead) => [lead.id, lead])).values()]
}
