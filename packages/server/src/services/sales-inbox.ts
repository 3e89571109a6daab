// A rep's inbox: the MQLs handed to them and waiting for accept or reject, most urgent first, each with
// its SLA clock in business hours, its scores, its source and why it became an MQL.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { loadAgreementVersions } from './agreement-versions.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'
import { businessHours } from '#core/sla/sla-deadline.ts'
import { asExplanation, type Explanation } from '#core/explanation/explanation.ts'

export type InboxItem = {
  id: string
  email: string
  name: string | null
  title: string | null
  companyName: string | null
  country: string | null
  source: string | null
  lane: string | null
  fit: number
  engagement: number
  assignedAt: string | null
  sla: { state: string; dueAt: string; remainingBusinessHours: number } | null
  /** why it became an MQL, in the agreement's words */
  because: string[]
  explanations: Explanation[]
}

export async function salesInbox(db: Kysely<Database>, workspaceId: string, ownerId: string, now: Date) {
  const [rows, versions, owner] = await Promise.all([
    db
      .selectFrom('leads')
      .select([
        'id',
        'email',
        'first_name',
        'last_name',
        'title',
        'company_name',
        'country',
        'lane',
        'fit_score',
        sql<number>`takt_engagement(engagement_terms, scored_at, ${now})`.as('engagement_score'),
        'stage_entered_at',
        sql<string | null>`profile->>'source'`.as('source'),
        sql<number | null>`(state->>'assignedAt')::bigint`.as('assigned_at'),
        (eb) =>
          eb
            .selectFrom('transitions')
            .select('trigger')
            .whereRef('transitions.workspace_id', '=', 'leads.workspace_id')
            .whereRef('transitions.lead_id', '=', 'leads.id')
            .where('transitions.to_stage', '=', 'mql')
            .orderBy('transitions.seq', 'desc')
            .limit(1)
            .as('mql_trigger'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('owner_id', '=', ownerId)
      .where('stage', '=', 'mql')
      .limit(500)
      .execute(),
    loadAgreementVersions(db, workspaceId),
    db
      .selectFrom('users')
      .select('region')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', ownerId)
      .executeTakeFirst(),
  ])
  const policy = slaPolicyFor(
    agreementVersionAt(versions, now.getTime()).agreement.document.sla,
    owner?.region,
  )
  const items: Array<InboxItem & { urgency: [number, number] }> = rows.map((row) => {
    const assignedAt = row.assigned_at === null ? null : Number(row.assigned_at)
    const status = policy && assignedAt !== null ? policy.slaStatus(assignedAt, now.getTime()) : undefined
    // Rows projected before explanations were data have only the English texts.
    const trigger = row.mql_trigger as { because?: string[]; explanations?: Explanation[] } | null
    return {
      id: row.id,
      email: row.email,
      name: [row.first_name, row.last_name].filter(Boolean).join(' ') || null,
      title: row.title,
      companyName: row.company_name,
      country: row.country,
      source: row.source,
      lane: row.lane,
      fit: row.fit_score,
      engagement: row.engagement_score,
      assignedAt: assignedAt === null ? null : new Date(assignedAt).toISOString(),
      sla: status
        ? {
            state: status.state,
            dueAt: new Date(status.dueAt).toISOString(),
            remainingBusinessHours: businessHours(status.remainingBusinessMs),
          }
        : null,
      because: trigger?.because ?? [],
      explanations: trigger?.explanations ?? (trigger?.because ?? []).map(asExplanation),
      urgency: status
        ? [
            status.state === 'breached' ? 0 : 1,
            status.state === 'breached' ? status.dueAt : status.remainingBusinessMs,
          ]
        : [2, 0],
    }
  })
  // Overdue first (longest overdue on top), then the least business time left; no SLA comes last.
  items.sort(
    (a, b) =>
      a.urgency[0]! - b.urgency[0]! ||
      a.urgency[1]! - b.urgency[1]! ||
      b.fit + b.engagement - (a.fit + a.engagement),
  )
  return items.map(({ urgency: _urgency, ...item }) => item)
}
