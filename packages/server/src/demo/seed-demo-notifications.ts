// A few notifications for every demo user, so the bell is not empty on first sign-in: what each role
// would have been told lately (SLA breaches and reassignments for sales, hand-raisers on held-back
// leads for managers, marketing and admins), about real leads of the demo; a person's third is read.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { User } from '../db/user.repository.ts'
import { userRepository } from '../db/user.repository.ts'
import { notificationRepository, type NewNotification } from '../db/notification.repository.ts'

const HOUR = 3_600_000

type DemoLead = {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  company_name: string | null
  stage: string
  owner_id: string | null
}

type Planned = { kind: string; lead: DemoLead; data?: Record<string, unknown> }

export async function seedDemoNotifications(db: Kysely<Database>, workspaceId: string, now: Date) {
  const [users, leads] = await Promise.all([
    userRepository.list(db, workspaceId),
    db
      .selectFrom('leads')
      .select(['id', 'email', 'first_name', 'last_name', 'company_name', 'stage', 'owner_id'])
      .where('workspace_id', '=', workspaceId)
      .where('stage', 'in', ['mql', 'recycled', 'disqualified'])
      .orderBy('engagement_score', 'desc')
      .orderBy('id')
      .limit(300)
      .execute(),
  ])
  const held = leads.filter((lead) => lead.stage === 'recycled' || lead.stage === 'disqualified')
  const unowned = leads.filter((lead) => lead.stage === 'mql' && lead.owner_id === null)
  const notifications = users.flatMap((user, index) =>
    plannedFor(user, index, leads, held, unowned).map((planned, step) =>
      toNotification(user, planned, step, now),
    ),
  )
  await notificationRepository.insertMany(db, workspaceId, notifications)
  // The third of a person's is an older one they have read: the panel shows both looks.
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', 'like', 'demo:%:2')
    .execute()
}

function plannedFor(
  user: User,
  index: number,
  leads: DemoLead[],
  held: DemoLead[],
  unowned: DemoLead[],
): Planned[] {
  // Each person gets other leads, so two reps' bells do not tell the same story.
  const pick = (from: DemoLead[], offset = 0) => from[(index * 3 + offset) % Math.max(from.length, 1)]
  const mqls = leads.filter((lead) => lead.stage === 'mql')
  const own = mqls.filter((lead) => lead.owner_id === user.id)
  // A rep whose inbox is empty in this demo still hears about some MQL of the team.
  const mql = (offset: number) =>
    own[offset] ?? pick(unowned, offset) ?? pick(mqls, offset) ?? pick(leads, offset)
  const handRaiser = (lead: DemoLead | undefined): Planned[] =>
    lead ? [{ kind: 'hand_raiser', lead, data: handRaiserData(lead) }] : []
  const sla = (kind: string, lead: DemoLead | undefined): Planned[] =>
    lead ? [{ kind, lead, data: { action: 'notify', afterBusinessHours: 8 } }] : []
  switch (user.role) {
    case 'sales':
      return [
        ...sla('sla_breached', mql(0)),
        ...sla('sla_reassigned_to_you', mql(1)),
        ...handRaiser(pick(held)),
      ]
    case 'sales_manager':
    case 'admin':
      return [...sla('sla_reassign_failed', mql(0)), ...handRaiser(pick(held)), ...handRaiser(pick(held, 1))]
    case 'marketing':
      return [...handRaiser(pick(held)), ...sla('sla_returned_to_marketing', pick(held, 2))]
  }
}

function handRaiserData(lead: DemoLead): Record<string, unknown> {
  return {
    stage: lead.stage,
    touchpointType: lead.stage === 'disqualified' ? 'demo_request' : 'contact_sales',
  }
}

function toNotification(user: User, planned: Planned, step: number, now: Date): NewNotification {
  const name = [planned.lead.first_name, planned.lead.last_name].filter(Boolean).join(' ')
  // Newest first in the panel; the oldest of each person's is read already, the rest wait.
  const at = new Date(now.getTime() - (step * 5 + 1) * HOUR)
  return {
    userId: user.id,
    kind: planned.kind,
    leadId: planned.lead.id,
    data: {
      lead: { email: planned.lead.email, name: name || null, company: planned.lead.company_name },
      demo: true,
      ...planned.data,
    },
    dedupeKey: `demo:${user.id}:${step}`,
    at,
  }
}
