// The demo's bells. The SLA job told the team lead and the reps about each breach and reassignment while
// the history was simulated (seed-demo-workspace.ts); what is older than a few days has been read.
// Nobody else would hear anything (the job never tells marketing or admins, nor reps who kept their SLA),
// so each of them gets hand-raiser notices about held-back leads of the demo; a person's third is read.
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

const READ_AFTER_MS = 3 * 24 * HOUR
// The SLA job's kinds: told only when a breach really fired, never made up here.
const SLA_KINDS = ['sla_breached', 'sla_reassigned', 'sla_reassigned_to_you', 'sla_reassign_failed']

export async function seedDemoNotifications(db: Kysely<Database>, workspaceId: string, now: Date) {
  await db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.ref('created_at') }))
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '<', new Date(now.getTime() - READ_AFTER_MS))
    .execute()
  const [users, leads, told] = await Promise.all([
    userRepository.list(db, workspaceId),
    db
      .selectFrom('leads')
      .select(['id', 'email', 'first_name', 'last_name', 'company_name', 'stage', 'owner_id'])
      .where('workspace_id', '=', workspaceId)
      .where('stage', 'in', ['recycled', 'disqualified'])
      .orderBy('engagement_score', 'desc')
      .orderBy('id')
      .limit(300)
      .execute(),
    db
      .selectFrom('notifications')
      .select(['user_id', 'read_at'])
      .where('workspace_id', '=', workspaceId)
      .where('kind', 'in', SLA_KINDS)
      .execute(),
  ])
  // Someone with news of their own, and some history behind it, needs nothing made up.
  const hasNews = new Set(
    [...Map.groupBy(told, (row) => row.user_id)].flatMap(([userId, rows]) =>
      rows.length >= 2 && rows.some((row) => row.read_at === null) ? [userId] : [],
    ),
  )
  const notifications = users
    .filter((user) => !hasNews.has(user.id))
    .flatMap((user, index) =>
      plannedFor(index, leads).map((planned, step) => toNotification(user, planned, step, now)),
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

function plannedFor(index: number, held: DemoLead[]): Planned[] {
  // Each person gets other leads, so two people's bells do not tell the same story.
  const pick = (offset: number) => held[(index * 3 + offset) % Math.max(held.length, 1)]
  return [0, 1, 2].flatMap((offset) => {
    const lead = pick(offset)
    return lead ? [{ kind: 'hand_raiser', lead, data: handRaiserData(lead) }] : []
  })
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
