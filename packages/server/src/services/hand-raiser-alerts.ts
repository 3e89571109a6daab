// A lead that asks for sales while marketing holds it back (recycled, still cooling down) or after it
// was disqualified would otherwise wait silently until the cool-down ends, or forever. Ingestion calls
// this with the leads it just projected: each hand-raiser touchpoint stored now on such a lead tells
// the person who had the lead, else their team lead, else the sales managers, once per touchpoint.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { notificationRepository, type NewNotification } from '../db/notification.repository.ts'
import { userRepository } from '../db/user.repository.ts'
import { agreementVersionAt, type LeadState } from '#core/lifecycle/replay-lead.ts'
import type { Projection, ProjectionContext } from '#core/projection/projected-lead.ts'
import type { Touchpoint } from '#core/touchpoint/touchpoint.ts'
import { compiledRoutingOf } from './routing-state.ts'

export async function alertHandRaisers(
  db: Kysely<Database>,
  workspaceId: string,
  projections: readonly Projection[],
  inserted: ReadonlySet<string>,
  context: ProjectionContext,
  now: Date,
): Promise<number> {
  const alerts = projections.flatMap(({ lead, replay }) => {
    const state = replay.state
    if (!state || (state.stage !== 'recycled' && state.stage !== 'disqualified')) return []
    const raised = replay.touchpoints.filter(
      (touchpoint) =>
        inserted.has(touchpoint.id) && isHeldBack(state, touchpoint) && isHandRaiser(touchpoint),
    )
    return raised.map((touchpoint) => ({ lead, replay, state, touchpoint }))
  })
  if (alerts.length === 0) return 0

  let managers: string[] | undefined
  const salesManagers = async () =>
    (managers ??= (await userRepository.list(db, workspaceId))
      .filter((user) => user.role === 'sales_manager')
      .map((user) => user.id))
  const notifications: NewNotification[] = []
  for (const { lead, replay, state, touchpoint } of alerts) {
    const owner = context.resolveOwner(state.ownerRef ?? state.assignments.at(-1)?.rep)
    const recipients = owner ? [owner] : (teamLeadOf(state, context) ?? (await salesManagers()))
    const name = [replay.profile.firstName, replay.profile.lastName].filter(Boolean).join(' ')
    for (const userId of recipients) {
      notifications.push({
        userId,
        kind: 'hand_raiser',
        leadId: lead.id,
        data: {
          lead: { email: lead.email, name: name || null, company: replay.profile.company?.name ?? null },
          stage: state.stage,
          touchpointType: touchpoint.type,
          occurredAt: new Date(touchpoint.occurredAt).toISOString(),
          coolDownUntil:
            state.stage === 'recycled' && state.coolDownUntil !== undefined
              ? new Date(state.coolDownUntil).toISOString()
              : null,
          reason:
            state.stage === 'disqualified'
              ? (state.closedReason ?? null)
              : (state.recycleReasons.at(-1) ?? null),
        },
        dedupeKey: `hand_raiser:${lead.id}:${touchpoint.id}:${userId}`,
        at: now,
      })
    }
  }
  await notificationRepository.insertMany(db, workspaceId, notifications)
  return notifications.length

  function isHandRaiser(touchpoint: Touchpoint) {
    return agreementVersionAt(context.versions, touchpoint.occurredAt).agreement.isHandRaiser(touchpoint)
  }
}

/** Whether the touchpoint came while the lead was held back: after it left sales, within its cool-down. */
function isHeldBack(state: LeadState, touchpoint: Touchpoint): boolean {
  if (touchpoint.occurredAt < state.stageEnteredAt) return false
  // A cool-down that a hand-raiser ended (recycling.handRaiserEndsCoolDown) ends at that touchpoint.
  return state.stage === 'disqualified' || touchpoint.occurredAt <= (state.coolDownUntil ?? Infinity)
}

function teamLeadOf(state: LeadState, context: ProjectionContext): string[] | undefined {
  const team = state.assignments.at(-1)?.team
  if (team === undefined) return undefined
  const document = agreementVersionAt(context.versions, state.stageEnteredAt).agreement.document
  const lead = context.resolveOwner(compiledRoutingOf(document)?.teamById.get(team)?.lead)
  return lead ? [lead] : undefined
}
