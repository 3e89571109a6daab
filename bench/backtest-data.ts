// The backtest bench's workspace: a year of demo histories written straight into the tables a live
// workspace fills (leads, events, decisions, transitions), not through ingestion: the demo generator's
// touchpoints, the demo reps' decisions (simulateSales) and the stage history the live fold makes of
// both under the active version, bulk-inserted as column arrays (INSERT … SELECT FROM unnest). The
// generator runs in chunks of leads with their own seeds, so memory holds one chunk at a time.
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { generateDemoData } from '../packages/core/src/demo/generate-demo-data.ts'
import { simulateSales } from '../packages/core/src/demo/simulate-sales.ts'
import { replayLead } from '../packages/core/src/lifecycle/replay-lead.ts'
import { toTransitionRows, type ProjectionContext } from '../packages/core/src/projection/projected-lead.ts'
import type { Touchpoint } from '../packages/core/src/touchpoint/touchpoint.ts'
import type { StoredDecision } from '../packages/server/src/db/decision.repository.ts'
import { decisionRepository } from '../packages/server/src/db/decision.repository.ts'
import { leadRepository } from '../packages/server/src/db/lead.repository.ts'
import type { Database } from '../packages/server/src/db/tables.ts'

/** Leads generated (and inserted) together: ~23 touchpoints each over 12 months, ~280 MB per 10,000. */
const CHUNK = 5_000
const INSERT_ROWS = 10_000

export type SeededHistory = { leads: number; events: number; decisions: number; transitions: number }

export async function seedBacktestHistory(
  db: Kysely<Database>,
  workspaceId: string,
  options: {
    leads: number
    now: Date
    context: ProjectionContext
    userIdByEmail: ReadonlyMap<string, string>
    onProgress?: (seeded: SeededHistory) => void
  },
): Promise<SeededHistory> {
  const seeded: SeededHistory = { leads: 0, events: 0, decisions: 0, transitions: 0 }
  for (let chunk = 0; seeded.leads < options.leads; chunk++) {
    const size = Math.min(CHUNK, options.leads - seeded.leads)
    const made = generateChunk(chunk, size, options)
    await insertLeads(db, workspaceId, made.leads, options.now)
    await insertEvents(db, workspaceId, made.events)
    await decisionRepository.insertMany(db, workspaceId, made.decisions)
    for (let start = 0; start < made.transitions.length; start += INSERT_ROWS) {
      const rows = made.transitions.slice(start, start + INSERT_ROWS)
      // Every lead is new: no stored tail to replace (firstSeq 0 deletes nothing).
      const tails = [...new Set(rows.map((row) => row.lead_id))].map((leadId) => ({ leadId, firstSeq: 0 }))
      await leadRepository.writeTransitions(db, workspaceId, tails, rows)
    }
    seeded.leads += made.leads.length
    seeded.events += made.events.length
    seeded.decisions += made.decisions.length
    seeded.transitions += made.transitions.length
    options.onProgress?.(seeded)
  }
  return seeded
}

type SeedLead = { id: string; email: string; stage: string; firstTouchAt: number; touchpoints: number }
type SeedEvent = Touchpoint & { leadId: string }

function generateChunk(
  chunk: number,
  size: number,
  options: { now: Date; context: ProjectionContext; userIdByEmail: ReadonlyMap<string, string> },
) {
  const data = generateDemoData({ seed: 1_000 + chunk, leads: size, now: options.now, months: 12 })
  const catalog = new Map(data.contentItems.map((item) => [item.id, item]))
  // Chunks draw the same names: a prefix keeps addresses and client ids unique in the workspace.
  const emailOf = (email: string) => `c${chunk}.${email.toLowerCase()}`
  const byEmail = new Map<string, SeedEvent[]>()
  const leadIds = new Map<string, string>()
  for (const event of data.events) {
    const email = emailOf(event.lead.email)
    let leadId = leadIds.get(email)
    if (!leadId) leadIds.set(email, (leadId = randomUUID()))
    const item = event.contentId === undefined ? undefined : catalog.get(event.contentId)
    // As ingestion stores a touchpoint: stage and topics from the catalog, the lead's fields as sent.
    const touchpoint: SeedEvent = {
      id: `c${chunk}-${event.id}`,
      leadId,
      type: event.type,
      occurredAt: Date.parse(event.occurredAt),
      source: event.source,
      ...(event.contentId === undefined ? {} : { contentId: event.contentId }),
      ...(item?.journeyStage ? { journeyStage: item.journeyStage } : {}),
      ...(item ? { topics: item.topics } : {}),
      properties: event.properties ?? {},
      leadFields: { ...event.lead, email },
    }
    const list = byEmail.get(email)
    if (list) list.push(touchpoint)
    else byEmail.set(email, [touchpoint])
  }
  const leads: SeedLead[] = []
  const events: SeedEvent[] = []
  const decisions: StoredDecision[] = []
  const transitions: ReturnType<typeof toTransitionRows> = []
  const now = options.now.getTime()
  for (const [index, plan] of data.plans.entries()) {
    const email = emailOf(plan.email)
    const touchpoints = byEmail.get(email)
    if (!touchpoints) continue
    const leadId = leadIds.get(email)!
    const leadDecisions: StoredDecision[] = []
    for (const decision of simulateSales({
      plan,
      touchpoints,
      versions: options.context.versions,
      seed: chunk * 100_003 + index,
      now,
    }).decisions) {
      const userId = decision.actorEmail === null ? undefined : options.userIdByEmail.get(decision.actorEmail)
      if (decision.actorEmail !== null && !userId) continue
      leadDecisions.push({
        id: randomUUID(),
        leadId,
        at: decision.at,
        actor: userId ? { type: 'user', id: userId } : decision.actor,
        command: decision.command,
      })
    }
    // The stage history live projection would have stored for this log.
    const replay = replayLead({
      email,
      touchpoints,
      decisions: leadDecisions,
      versions: options.context.versions,
      until: now,
    })
    leads.push({
      id: leadId,
      email,
      stage: replay.state?.stage ?? 'lead',
      firstTouchAt: touchpoints[0]!.occurredAt,
      touchpoints: touchpoints.length,
    })
    for (const touchpoint of touchpoints) events.push(touchpoint)
    for (const decision of leadDecisions) decisions.push(decision)
    for (const row of toTransitionRows(leadId, replay.transitions, 0, options.context)) transitions.push(row)
  }
  return { leads, events, decisions, transitions }
}

async function insertLeads(db: Kysely<Database>, workspaceId: string, leads: readonly SeedLead[], now: Date) {
  for (let start = 0; start < leads.length; start += INSERT_ROWS) {
    const page = leads.slice(start, start + INSERT_ROWS)
    await sql`
      insert into leads (workspace_id, id, email, stage, stage_entered_at, scored_at, first_touch_at,
        touchpoint_count)
      select ${workspaceId}::uuid, v.id, v.email, v.stage, v.first_touch_at, ${now}, v.first_touch_at, v.count
      from unnest(${page.map((lead) => lead.id)}::uuid[], ${page.map((lead) => lead.email)}::text[],
        ${page.map((lead) => lead.stage)}::text[],
        ${page.map((lead) => new Date(lead.firstTouchAt).toISOString())}::timestamptz[],
        ${page.map((lead) => lead.touchpoints)}::int[]) as v(id, email, stage, first_touch_at, count)`.execute(
      db,
    )
  }
}

async function insertEvents(db: Kysely<Database>, workspaceId: string, events: readonly SeedEvent[]) {
  for (let start = 0; start < events.length; start += INSERT_ROWS) {
    const page = events.slice(start, start + INSERT_ROWS)
    const column = <T>(pick: (event: SeedEvent) => T) => page.map(pick)
    await sql`
      insert into events (workspace_id, client_id, lead_id, type, occurred_at, source, content_id,
        journey_stage, topics, properties, lead_fields, payload_hash)
      select ${workspaceId}::uuid, v.*, 'bench' from unnest(
        ${column((event) => event.id)}::text[], ${column((event) => event.leadId)}::uuid[],
        ${column((event) => event.type)}::text[],
        ${column((event) => new Date(event.occurredAt).toISOString())}::timestamptz[],
        ${column((event) => event.source ?? null)}::text[], ${column((event) => event.contentId ?? null)}::text[],
        ${column((event) => event.journeyStage ?? null)}::text[],
        ${column((event) => (event.topics ? JSON.stringify(event.topics) : null))}::jsonb[],
        ${column((event) => JSON.stringify(event.properties))}::jsonb[],
        ${column((event) => JSON.stringify(event.leadFields ?? {}))}::jsonb[])
      as v(client_id, lead_id, type, occurred_at, source, content_id, journey_stage, topics, properties,
        lead_fields)`.execute(db)
  }
}
