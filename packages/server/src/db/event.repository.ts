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

/** One touchpoint as listTouchpointsForReplay receives it: lead id first, the instant in epoch ms. */
type CompactTouchpoint = [
  leadId: string,
  clientId: string,
  type: string,
  occurredAt: number,
  source: string | null,
  contentId: string | null,
  journeyStage: string | null,
  topics: string[] | null,
  properties: Touchpoint['properties'] | null,
  leadFields: Touchpoint['leadFields'] | null,
]

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

  /**
   * The touchpoints of `leadIds` as a fold reads them (no seq, no receivedAt), by lead in replay
   * order, for bulk replays (backtests). One JSON text of compact rows per call: read as row objects,
   * a page of 10,000 touchpoints costs the driver two JSON parses and two Dates per row, about three
   * times the client CPU of one parse of arrays (bench/backtest.bench.ts).
   */
  async listTouchpointsForReplay(
    db: Kysely<Database>,
    workspaceId: string,
    leadIds: readonly string[],
  ): Promise<Map<string, Touchpoint[]>> {
    const byLead = new Map<string, Touchpoint[]>()
    if (leadIds.length === 0) return byLead
    // floor: a Date keeps whole milliseconds of the stored microseconds, as listForLeads reads them.
    // Text, not json: the driver would parse json too, and string_agg costs the server less than json_agg.
    const { rows } = await sql<{ rows: string | null }>`
      select '[' || string_agg(json_build_array(lead_id, client_id, type,
          floor(extract(epoch from occurred_at) * 1000), source, content_id, journey_stage, topics,
          properties, lead_fields)::text, ',' order by lead_id, occurred_at, client_id) || ']' as rows
      from events
      where workspace_id = ${workspaceId} and lead_id = any(${[...leadIds]}::uuid[])`.execute(db)
    const compact = rows[0]?.rows ? (JSON.parse(rows[0].rows) as CompactTouchpoint[]) : []
    let leadId: string | undefined
    let list: Touchpoint[] = []
    for (const row of compact) {
      const [lead, id, type, occurredAt, source, contentId, journeyStage, topics, properties, fields] = row
      if (lead !== leadId) byLead.set((leadId = lead), (list = []))
      list.push({
        id,
        type,
        occurredAt,
        properties: properties ?? {},
        leadFields: fields ?? {},
        ...(source === null ? {} : { source }),
        ...(contentId === null ? {} : { contentId }),
        ...(journeyStage === null ? {} : { journeyStage: journeyStage as JourneyStage }),
        ...(topics === null ? {} : { topics }),
      })
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
