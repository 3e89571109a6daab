// Touchpoints are append-only; these are the only ways they are written and read in bulk.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { StoredTouchpoint, Touchpoint } from '#core/touchpoint/touchpoint.ts'
import type { JourneyStage } from '#core/agreement/agreement-document.ts'

export type NewEventRow = {
  clientId: string
  leadId: string
  type: string
  occurredAt: Date
  source: string | null
  contentId: string | null
  journeyStage: string | null
  topics: string[] | null
  properties: Record<string, unknown>
  leadFields: Record<string, unknown>
  payloadHash: string
}

// Rows per INSERT: keeps bind parameters far below PostgreSQL's 65,535 limit.
const CHUNK = 1000

export const eventRepository = {
  async hashesByClientId(
    db: Kysely<Database>,
    workspaceId: string,
    clientIds: string[],
  ): Promise<Map<string, string>> {
    if (clientIds.length === 0) return new Map()
    // One array parameter: a list of thousands costs more to plan than to run.
    const rows = await db
      .selectFrom('events')
      .select(['client_id', 'payload_hash'])
      .where('workspace_id', '=', workspaceId)
      .where('client_id', '=', sql<string>`any(${clientIds}::text[])`)
      .execute()
    return new Map(rows.map((row) => [row.client_id, row.payload_hash]))
  },

  /** Inserts what is new and returns the client ids actually inserted (a concurrent twin loses quietly). */
  async insertMany(db: Kysely<Database>, workspaceId: string, rows: NewEventRow[]): Promise<Set<string>> {
    const inserted = new Set<string>()
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK)
      const result = await db
        .insertInto('events')
        .values(
          chunk.map((row) => ({
            workspace_id: workspaceId,
            client_id: row.clientId,
            lead_id: row.leadId,
            type: row.type,
            occurred_at: row.occurredAt,
            source: row.source,
            content_id: row.contentId,
            journey_stage: row.journeyStage,
            topics: row.topics === null ? null : JSON.stringify(row.topics),
            properties: JSON.stringify(row.properties),
            lead_fields: JSON.stringify(row.leadFields),
            payload_hash: row.payloadHash,
          })),
        )
        .onConflict((conflict) => conflict.columns(['workspace_id', 'client_id']).doNothing())
        .returning('client_id')
        .execute()
      for (const row of result) inserted.add(row.client_id)
    }
    return inserted
  },

  async listForLeads(
    db: Kysely<Database>,
    workspaceId: string,
    leadIds: string[],
  ): Promise<Map<string, StoredTouchpoint[]>> {
    const byLead = new Map<string, StoredTouchpoint[]>()
    if (leadIds.length === 0) return byLead
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', 'in', leadIds)
      .orderBy('occurred_at')
      .orderBy('client_id')
      .execute()
    for (const row of rows) {
      const touchpoint: StoredTouchpoint = {
        id: row.client_id,
        seq: Number(row.seq),
        leadId: row.lead_id,
        type: row.type,
        occurredAt: row.occurred_at.getTime(),
        receivedAt: row.received_at,
        properties: (row.properties ?? {}) as Touchpoint['properties'],
        leadFields: (row.lead_fields ?? {}) as Touchpoint['leadFields'],
        ...(row.source === null ? {} : { source: row.source }),
        ...(row.content_id === null ? {} : { contentId: row.content_id }),
        ...(row.journey_stage === null ? {} : { journeyStage: row.journey_stage as JourneyStage }),
        ...(row.topics === null ? {} : { topics: row.topics as string[] }),
      }
      const list = byLead.get(row.lead_id)
      if (list) list.push(touchpoint)
      else byLead.set(row.lead_id, [touchpoint])
    }
    return byLead
  },

  async countForWorkspace(db: Kysely<Database>, workspaceId: string): Promise<number> {
    const row = await db
      .selectFrom('events')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    return Number(row.count)
  },
}
