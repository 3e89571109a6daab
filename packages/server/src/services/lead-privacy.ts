// The person behind a lead as DSGVO sees them: what they agreed to (consents are touchpoints, so the
// log stays the truth), and everything stored about them (Art. 15 access, Art. 20 portability).
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { activityRepository } from '../db/activity.repository.ts'
import { taskRepository } from '../db/task.repository.ts'
import { activityView } from './log-activity.ts'
import { taskView } from './lead-tasks.ts'
import { DomainError } from '#core/errors.ts'
import type { Channel, ChannelPermission, LeadPermissions } from '#core/privacy/lead-permissions.ts'
import { projectionContext } from './projection-context.ts'
import { projectLead } from '#core/projection/projected-lead.ts'
import { ingestEvents } from './ingest-events.ts'
import { erasedEmail } from '#core/projection/erased-lead.ts'
import { isVisible, type Visibility } from './lead-visibility.ts'

export type ConsentInput = {
  purpose: string
  channel: Channel
  granted: boolean
  source: string
  text?: string
  basis?: string
  occurredAt?: string
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/** The API shape: instants as ISO strings. */
export function formatPermissions(permissions: LeadPermissions) {
  const channel = (entry: ChannelPermission) => ({ ...entry, since: iso(entry.since) })
  return {
    lane: permissions.lane,
    lawfulBasis: { ...permissions.lawfulBasis, since: iso(permissions.lawfulBasis.since) },
    channels: { email: channel(permissions.channels.email), phone: channel(permissions.channels.phone) },
    emailNurture: permissions.emailNurture,
    consents: permissions.consents.map((consent) => ({ ...consent, at: iso(consent.at)! })),
  }
}

async function findLead(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  visibility: Visibility = {},
) {
  const lead = await db
    .selectFrom('leads')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', leadId)
    .executeTakeFirst()
  // As in the lead detail: a rep learns nothing about leads they may not see.
  if (!lead || !isVisible(lead, visibility))
    throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
  if (lead.email === erasedEmail(lead.id)) {
    throw new DomainError('LEAD_ERASED', `Lead ${leadId} was erased; nothing about the person is kept.`, {
      leadId,
    })
  }
  return lead
}

async function projectPerson(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  at: Date,
  visibility: Visibility = {},
) {
  const lead = await findLead(db, workspaceId, leadId, visibility)
  const [touchpoints, decisions, context] = await Promise.all([
    eventRepository.listForLeads(db, workspaceId, [leadId]),
    decisionRepository.listForLeads(db, workspaceId, [leadId]),
    projectionContext(db, workspaceId),
  ])
  const projection = projectLead(
    { id: lead.id, email: lead.email, accountId: lead.account_id },
    touchpoints.get(leadId) ?? [],
    decisions.get(leadId) ?? [],
    context,
    at.getTime(),
  )
  return { lead, touchpoints: touchpoints.get(leadId) ?? [], projection }
}

export async function getLeadPermissions(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  at: Date,
  visibility: Visibility = {},
) {
  const { projection } = await projectPerson(db, workspaceId, leadId, at, visibility)
  return { leadId, asOf: at.toISOString(), ...formatPermissions(projection.permissions!) }
}

/** Appends a consent touchpoint through the normal ingestion path and answers with the new permissions. */
export async function recordConsent(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  input: ConsentInput,
  now: Date,
) {
  const lead = await findLead(db, workspaceId, leadId)
  const touchpointId = `consent-${randomUUID()}`
  const properties = {
    purpose: input.purpose,
    channel: input.channel,
    ...(input.text === undefined ? {} : { text: input.text }),
    ...(input.basis === undefined ? {} : { basis: input.basis }),
  }
  const item = {
    id: touchpointId,
    type: input.granted ? 'consent_given' : 'consent_withdrawn',
    occurredAt: input.occurredAt ?? now.toISOString(),
    source: input.source,
    lead: { email: lead.email },
    properties,
  }
  const result = await ingestEvents(db, workspaceId, [item], now)
  // The route checked everything ingestion checks; a refusal here is a bug, not a bad request.
  if (result.accepted !== 1) throw new Error(`consent not stored: ${JSON.stringify(result.errors)}`)
  return { touchpointId, ...(await getLeadPermissions(db, workspaceId, leadId, now)) }
}

/** Everything stored about the person, as plain JSON (Art. 15 and 20 DSGVO). */
export async function exportLead(db: Kysely<Database>, workspaceId: string, leadId: string, now: Date) {
  const { lead, touchpoints, projection } = await projectPerson(db, workspaceId, leadId, now)
  const pattern = `%${lead.email.replace(/[%_\\]/g, '\\$&')}%`
  const [account, decisions, transitions, auditLog, activities, tasks] = await Promise.all([
    lead.account_id
      ? db
          .selectFrom('accounts')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', lead.account_id)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom('decisions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .orderBy('decided_at')
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('transitions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([
          eb('target', '=', leadId),
          eb(sql<string>`before::text`, 'ilike', pattern),
          eb(sql<string>`after::text`, 'ilike', pattern),
        ]),
      )
      .orderBy('id')
      .execute(),
    activityRepository.listForLead(db, workspaceId, leadId, 10_000),
    taskRepository.list(db, workspaceId, { leadId, status: 'all', limit: 10_000 }),
  ])
  const { profile, ...row } = lead
  const permissions = formatPermissions(projection.permissions!)
  return {
    format: 'takt.lead-export.v1',
    exportedAt: now.toISOString(),
    lead: { ...plain(row), id: lead.id, email: lead.email },
    profile: plain(profile as Record<string, unknown>),
    account: account ? plain(account) : null,
    touchpoints: touchpoints.map(({ id, leadId: _lead, occurredAt, receivedAt, ...rest }) => ({
      id,
      occurredAt: iso(occurredAt)!,
      receivedAt: receivedAt.toISOString(),
      ...rest,
    })),
    decisions: decisions.map(plain),
    transitions: transitions.map(plain),
    activities: activities.map(activityView),
    tasks: tasks.map((task) => taskView(task, now)),
    consents: permissions.consents,
    permissions,
    auditLog: auditLog.map(plain),
  }
}

// Rows as the API speaks: camelCase keys, ISO instants, no tenant id (the caller knows their workspace).
function plain(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key === 'workspace_id') continue
    const name = key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())
    out[name] = value instanceof Date ? value.toISOString() : value
  }
  return out
}
