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
    if (rows.length === 0) return new Set()
    // One JSON parameter instead of twelve per row: thousands of bind parameters cost more to build,
    // send and parse than the insert itself. Rows keep their order, so `seq` follows the batch.
    const values = rows.map((row) => ({
      client_id: row.clientId,
      lead_id: row.leadId,
      type: row.type,
      occurred_at: row.occurredAt.toISOString(),
      source: row.source,
      content_id: row.contentId,
      journey_stage: row.journeyStage,
      topics: row.topics,
      properties: row.properties,
      lead_fields: row.leadFields,
      payload_hash: row.payloadHash,
    }))
    const { rows: inserted } = await sql<{ client_id: string }>`
      insert into events (workspace_id, client_id, lead_id, type, occurred_at, source, content_id,
        journey_stage, topics, properties, lead_fields, payload_hash)
      select ${workspaceId}::uuid, v.client_id, v.lead_id, v.type, v.occurred_at, v.source, v.content_id,
        v.journey_stage, v.topics, v.properties, v.lead_fields, v.payload_hash
      from rows from (jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as (
        client_id text, lead_id uuid, type text, occurred_at timestamptz, source text, content_id text,
        journey_stage text, topics jsonb, properties jsonb, lead_fields jsonb, payload_hash text))
        with ordinality as v(client_id, lead_id, type, occurred_at, source, content_id, journey_stage,
        topics, properties, lead_fields, payload_hash, n)
      order by v.n
      on conflict (workspace_id, client_id) do nothing
      returning client_id`.execute(db)
    return new Set(inserted.map((row) => row.client_id))
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
      .where('lead_id', '=', sql<string>`any(${leadIds}::uuid[])`)
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
