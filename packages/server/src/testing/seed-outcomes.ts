// Lead histories with known outcomes, written straight into the tables the predictive score reads
// (leads, events, transitions, and the per-lead read model), for tests that need hundreds of outcomes
// a test cannot afford to ingest and decide one by one.
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { LeadFields } from '#core/lead/lead-profile.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'

export type SeedTouchpoint = {
  type: string
  at: Date
  source?: string
  leadFields?: Partial<LeadFields>
}

export type SeedChange = {
  from: LeadStage | null
  to: LeadStage
  at: Date
  /** a person's move (accept, reject, qualify) or the system's (rules) */
  by: 'user' | 'system'
  reason?: string
}

export type SeedLead = { email: string; touchpoints: SeedTouchpoint[]; changes: SeedChange[] }

/** Inserts the leads; returns their ids in the order given. */
export async function seedOutcomeHistories(
  db: Kysely<Database>,
  workspaceId: string,
  leads: readonly SeedLead[],
): Promise<string[]> {
  const ids = leads.map(() => randomUUID())
  if (leads.length === 0) return ids
  await db
    .insertInto('leads')
    .values(
      leads.map((lead, index) => {
        const last = lead.changes.at(-1)
        const first = lead.touchpoints[0]?.at ?? null
        return {
          workspace_id: workspaceId,
          id: ids[index]!,
          email: lead.email,
          stage: last?.to ?? 'lead',
          stage_entered_at: last?.at ?? first ?? new Date(0),
          scored_at: last?.at ?? first ?? new Date(0),
          first_touch_at: first,
          last_touch_at: lead.touchpoints.at(-1)?.at ?? null,
          touchpoint_count: lead.touchpoints.length,
        }
      }),
    )
    .execute()
  const events = leads.flatMap((lead, index) =>
    lead.touchpoints.map((touchpoint, seq) => ({
      workspace_id: workspaceId,
      client_id: `seed-${ids[index]}-${seq}`,
      lead_id: ids[index]!,
      type: touchpoint.type,
      occurred_at: touchpoint.at,
      source: touchpoint.source ?? null,
      properties: '{}',
      lead_fields: JSON.stringify({ email: lead.email, ...touchpoint.leadFields }),
      payload_hash: 'seed',
    })),
  )
  for (let start = 0; start < events.length; start += 2_000) {
    await db
      .insertInto('events')
      .values(events.slice(start, start + 2_000))
      .execute()
  }
  const transitions = leads.flatMap((lead, index) =>
    lead.changes.map((change, seq) => ({
      workspace_id: workspaceId,
      lead_id: ids[index]!,
      seq,
      from_stage: change.from,
      to_stage: change.to,
      at: change.at,
      actor_type: change.by,
      actor_id: null,
      agreement_version: null,
      reason: change.reason ?? null,
      trigger: JSON.stringify({ kind: 'seed' }),
      fit_score: 0,
      engagement_score: 0,
      source: lead.touchpoints[0]?.source?.toLowerCase() ?? null,
      lane: null,
      owner_id: null,
      from_at: seq === 0 ? null : lead.changes[seq - 1]!.at,
    })),
  )
  for (let start = 0; start < transitions.length; start += 2_000) {
    await db
      .insertInto('transitions')
      .values(transitions.slice(start, start + 2_000))
      .execute()
  }
  // The per-lead read model, as the projection keeps it (migration 0026).
  await sql`select takt_refresh_lead_milestones(${workspaceId}::uuid, ${ids}::uuid[])`.execute(db)
  return ids
}
