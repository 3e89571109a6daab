// One lead as it stands now, or as it stood at any past instant, rebuilt from its log and explained.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { contentRepository } from '../db/content.repository.ts'
import { userRepository } from '../db/user.repository.ts'
import { DomainError } from '#core/errors.ts'
import { allowedCommands, type LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { projectionContext } from './projection-context.ts'
import { projectLead, type ProjectionContext } from '#core/projection/projected-lead.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'
import { businessHours } from '#core/sla/sla-deadline.ts'
import { CHECKLIST_FRAMEWORK_ITEMS } from '#core/agreement/checklist-frameworks.ts'
import { applicableChecklists, checkChecklist } from '#core/lifecycle/qualification-checklist.ts'
import { formatPermissions } from './lead-privacy.ts'
import { isVisible, workedOnBy, type Visibility } from './lead-visibility.ts'
import { agreementVersionAt, type ReplayResult, type TransitionRecord } from '#core/lifecycle/replay-lead.ts'
import { explanationText, type Explanation } from '#core/explanation/explanation.ts'
import { mqlDistanceOf, type MqlDistance } from '#core/lifecycle/mql-distance.ts'
import { routeText } from '#core/agreement/distance-text.ts'

/** The lifecycle state the projection stores on the row (see projectLead), as the detail shows it. */
type LeadStateView = {
  coolDownUntil?: number | null
  recycleQueue?: 'nurture' | 'data_quality' | null
  nurtureTrack?: string | null
  recycleCount?: number
  recycleReasons?: string[]
  closedReason?: string | null
  deal?: { amount: number; currency: string; expectedCloseDate: string } | null
  checklist?: { confirmed: Record<string, string[]>; expectedAmount?: number } | null
  [key: string]: unknown
}

export async function getLeadDetail(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  at: Date,
  visibility: Visibility = {},
) {
  const lead = await db
    .selectFrom('leads')
    .leftJoin('accounts', (join) =>
      join
        .onRef('accounts.workspace_id', '=', 'leads.workspace_id')
        .onRef('accounts.id', '=', 'leads.account_id'),
    )
    .select([
      'leads.id',
      'leads.email',
      'leads.account_id',
      'leads.owner_id',
      'leads.stage',
      'leads.created_at',
      'accounts.domain as account_domain',
      'accounts.name as account_name',
      'accounts.industry as account_industry',
      'accounts.employees as account_employees',
      'accounts.country as account_country',
      'accounts.owner_id as account_owner_id',
    ])
    .where('leads.workspace_id', '=', workspaceId)
    .where('leads.id', '=', leadId)
    .executeTakeFirst()
  // Someone else's lead answers like a missing one: a rep learns nothing about leads they may not see.
  const readOnly =
    lead !== undefined &&
    !isVisible(lead, visibility) &&
    (await workedOnBy(db, workspaceId, lead.id, visibility))
  if (!lead || (!isVisible(lead, visibility) && !readOnly)) {
    throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
  }

  const users = await userRepository.list(db, workspaceId)
  const [touchpoints, decisions, context] = await Promise.all([
    eventRepository.listForLeads(db, workspaceId, [lead.id]),
    decisionRepository.listForLeads(db, workspaceId, [lead.id]),
    projectionContext(db, workspaceId, undefined, users),
  ])
  const projection = projectLead(
    { id: lead.id, email: lead.email, accountId: lead.account_id },
    touchpoints.get(lead.id) ?? [],
    decisions.get(lead.id) ?? [],
    context,
    at.getTime(),
  )
  const { replay, score, row } = projection
  const content = await contentRepository.findByIds(db, workspaceId, [
    ...new Set(
      replay.touchpoints.flatMap((touchpoint) => (touchpoint.contentId ? [touchpoint.contentId] : [])),
    ),
  ])
  const userById = new Map(users.map((user) => [user.id, user]))
  const nameByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user.name]))
  const person = (id: string | null) => {
    const user = id ? userById.get(id) : undefined
    return user ? { id: user.id, name: user.name, email: user.email } : null
  }
  const pointsByTouchpoint = new Map<string, number>()
  for (const contribution of score.contributions) {
    if (contribution.kind !== 'engagement') continue
    pointsByTouchpoint.set(
      contribution.touchpointId,
      (pointsByTouchpoint.get(contribution.touchpointId) ?? 0) + contribution.points,
    )
  }
  const stage = replay.state?.stage ?? 'lead'
  return {
    id: lead.id,
    email: lead.email,
    asOf: at.toISOString(),
    firstName: row.first_name,
    lastName: row.last_name,
    title: row.title,
    phone: row.phone,
    company: replay.profile.company ?? null,
    custom: replay.profile.custom ?? {},
    account: lead.account_id
      ? {
          id: lead.account_id,
          domain: lead.account_domain,
          name: lead.account_name,
          industry: lead.account_industry,
          employees: lead.account_employees,
          country: lead.account_country,
          owner: person(lead.account_owner_id ?? null),
        }
      : null,
    lane: row.lane,
    stage,
    stageEnteredAt: row.stage_entered_at,
    owner: person(row.owner_id),
    agreementVersion: row.agreement_version,
    scores: {
      at: new Date(score.at).toISOString(),
      fit: score.fit,
      engagement: score.engagement,
      total: score.total,
      contributions: score.contributions.map((contribution) =>
        contribution.kind === 'fit'
          ? { ...contribution, because: contribution.explanations.map(explanationText) }
          : { ...contribution, occurredAt: new Date(contribution.occurredAt).toISOString() },
      ),
    },
    history: replay.transitions.map((transition) => describeTransition(transition, person)),
    timeline: [...replay.touchpoints].reverse().map((touchpoint) => {
      const item = touchpoint.contentId ? content.get(touchpoint.contentId) : undefined
      return {
        id: touchpoint.id,
        type: touchpoint.type,
        occurredAt: new Date(touchpoint.occurredAt).toISOString(),
        source: touchpoint.source ?? null,
        contentId: touchpoint.contentId ?? null,
        contentTitle: item?.title ?? null,
        journeyStage: touchpoint.journeyStage ?? null,
        properties: touchpoint.properties,
        points: pointsByTouchpoint.get(touchpoint.id) ?? 0,
      }
    }),
    state: row.state as LeadStateView,
    assignment: assignmentOf(replay, context, row.owner_id, at.getTime(), nameByEmail),
    slaBreaches: (replay.state?.slaBreaches ?? []).map((breach) => ({
      ...breach,
      at: new Date(breach.at).toISOString(),
      assignedAt: new Date(breach.assignedAt).toISOString(),
    })),
    qualification: qualificationOf(replay, decisions.get(lead.id) ?? [], context, person, at.getTime()),
    mqlDistance: mqlDistanceView(
      mqlDistanceOf(replay, agreementVersionAt(context.versions, at.getTime()).agreement, at.getTime()),
    ),
    // null once the person is erased
    permissions: projection.permissions ? formatPermissions(projection.permissions) : null,
    nextCheckAt: row.next_check_at,
    // A rep reading a lead they no longer own sees its story but may not act on it.
    allowedActions: readOnly ? [] : allowedCommands(stage),
    refusedDecisions: replay.refusedDecisions.map((refused) => ({
      id: refused.id,
      code: refused.error.code,
      message: refused.error.message,
      details: refused.error.details,
    })),
  }
}

/** What the lead still needs to become MQL, each route in words as well. */
function mqlDistanceView(distance: MqlDistance) {
  if (distance.status === 'not_applicable') {
    return { status: distance.status, lane: null, coolDownUntil: null, met: false, routes: [] }
  }
  return {
    status: distance.status,
    lane: distance.lane,
    coolDownUntil: distance.coolDownUntil === null ? null : new Date(distance.coolDownUntil).toISOString(),
    met: distance.distance.met,
    routes: distance.distance.routes.map((route) => ({
      ...route,
      text: { de: routeText(route, 'de'), en: routeText(route, 'en') },
    })),
  }
}

function describeTransition(
  transition: TransitionRecord,
  person: (id: string | null) => { id: string; name: string; email: string } | null,
) {
  return {
    from: transition.from,
    to: transition.to,
    at: new Date(transition.at).toISOString(),
    actor:
      transition.actor.type === 'system'
        ? { type: 'system' as const, agreementVersion: transition.actor.agreementVersion }
        : { type: transition.actor.type, id: transition.actor.id, user: person(transition.actor.id) },
    agreementVersion: transition.agreementVersion,
    reason: transition.reason,
    because: transition.explanations.map(explanationText),
    explanations: transition.explanations,
    trigger: transition.trigger,
    fit: transition.fit,
    engagement: transition.engagement,
  }
}

/** The current hand-off and its SLA clock in business hours of the owner's region: running, met or missed. */
function assignmentOf(
  { state, transitions }: Pick<ReplayResult, 'state' | 'transitions'>,
  context: ProjectionContext,
  ownerId: string | null,
  at: number,
  nameByEmail: ReadonlyMap<string, string>,
) {
  const last = state?.assignments.at(-1)
  if (!state || !last || state.assignedAt === undefined) return null
  const policy = slaPolicyFor(
    agreementVersionAt(context.versions, at).agreement.document.sla,
    context.regionOf(ownerId),
  )
  let status = null
  if (policy && (state.stage === 'mql' || state.respondedAt !== undefined)) {
    const current = policy.slaStatus(state.assignedAt, at, state.respondedAt)
    const hours = businessHours
    status = {
      state: current.state,
      dueAt: new Date(current.dueAt).toISOString(),
      remainingBusinessHours: hours(current.remainingBusinessMs),
      // The rep's first answer to this hand-off; the time it took is the rep's delay.
      respondedAt: state.respondedAt === undefined ? null : new Date(state.respondedAt).toISOString(),
      responseBusinessHours:
        state.respondedAt === undefined
          ? null
          : hours(policy.calendar.businessMsBetween(state.assignedAt, state.respondedAt)),
      // How long the MQL waited for a rep before this hand-off: the system's delay, not the rep's.
      systemDelayBusinessHours: hours(
        policy.calendar.businessMsBetween(mqlSince(transitions, state.assignedAt), state.assignedAt),
      ),
      nextStep: current.nextStep
        ? { at: new Date(current.nextStep.at).toISOString(), action: current.nextStep.action }
        : null,
    }
  }
  return {
    rep: last.rep,
    team: last.team ?? null,
    at: new Date(last.at).toISOString(),
    reasons: last.reasons.map(explanationText),
    explanations: last.reasons,
    people: peopleNamed(last.reasons, nameByEmail),
    sla: status,
  }
}

/** The names of the workspace's users whom the explanations name by e-mail (reps passed over, rotated after). */
function peopleNamed(explanations: readonly Explanation[], nameByEmail: ReadonlyMap<string, string>) {
  const emails = explanations.flatMap((explanation) => [
    ...('rep' in explanation ? [explanation.rep] : []),
    ...('after' in explanation && explanation.after !== null ? [explanation.after] : []),
  ])
  return Object.fromEntries(
    emails.flatMap((email) => {
      const name = nameByEmail.get(email.toLowerCase())
      return name === undefined ? [] : [[email, name]]
    }),
  )
}

/**
 * When the lead last became an MQL before the hand-off at `assignedAt`, from its stage history: it stays
 * put once the rep accepts (the stage clock moves on then).
 */
function mqlSince(transitions: readonly TransitionRecord[], assignedAt: number): number {
  return (
    transitions.findLast((transition) => transition.to === 'mql' && transition.at <= assignedAt)?.at ??
    assignedAt
  )
}

/**
 * The sales checklists that apply, what is confirmed, whether the agreement is satisfied and every change
 * (qualify, update_checklist) with who and when.
 */
function qualificationOf(
  replay: ReplayResult,
  decisions: ReadonlyArray<{
    id: string
    at: number
    actor: TransitionRecord['actor']
    command: LeadCommand
  }>,
  context: ProjectionContext,
  person: (id: string | null) => { id: string; name: string; email: string } | null,
  at: number,
) {
  const checklists = agreementVersionAt(context.versions, at).agreement.document.sql?.checklists ?? []
  if (checklists.length === 0) return null
  const state = replay.state
  const refused = new Set(replay.refusedDecisions.map((decision) => decision.id))
  const evidence = state?.checklist ?? { confirmed: {} }
  const problem = checkChecklist(checklists, evidence)
  return {
    satisfied: problem === undefined,
    problem: problem ? { code: problem.code, message: problem.message, details: problem.details } : null,
    expectedAmount: evidence.expectedAmount ?? null,
    checklists: applicableChecklists(checklists, evidence.expectedAmount ?? state?.deal?.amount).map(
      (checklist) => ({
        id: checklist.id,
        label: checklist.label ?? null,
        framework: checklist.framework,
        mandatory: checklist.mandatory ?? [],
        minConfirmed: checklist.minConfirmed ?? 0,
        items: (checklist.framework === 'custom'
          ? (checklist.items ?? [])
          : CHECKLIST_FRAMEWORK_ITEMS[checklist.framework]
        ).map((item) => ({
          id: item.id,
          label: item.label,
          confirmed: (evidence.confirmed[checklist.id] ?? []).includes(item.id),
        })),
      }),
    ),
    history: decisions
      .filter((decision) => decision.at <= at && !refused.has(decision.id))
      .flatMap((decision) =>
        decision.command.kind === 'qualify' || decision.command.kind === 'update_checklist'
          ? [
              {
                kind: decision.command.kind,
                at: new Date(decision.at).toISOString(),
                by: decision.actor.type === 'system' ? null : person(decision.actor.id),
                actor: decision.actor.type,
                confirmed: Object.fromEntries(
                  Object.entries(decision.command.checklist.confirmed).map(([id, items]) => [id, [...items]]),
                ),
                expectedAmount: decision.command.checklist.expectedAmount ?? null,
                note: decision.command.note ?? null,
              },
            ]
          : [],
      ),
  }
}
