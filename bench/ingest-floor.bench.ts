// The floor under ingest.*.ratioToRawInsert: what the database alone spends on the writes a synchronous
// ingestion cannot avoid, with no HTTP and no Takt code in the loop. The ingest bench's touchpoints go
// in batches of 1,000 from 2 connections (PGlite: one) (a) into a bare table (the ingest bench's raw
// baseline), (b) into the real events table (its keys, indexes and foreign keys), and (c) into the
// events table while updating each touched lead's row, of the size a projection writes, in the same
// transaction. No implementation that keeps lead rows current before answering can beat (c).
// PGlite always, PostgreSQL too when DATABASE_URL is set (TAKT_BENCH_DATABASES picks). Sizes:
// TAKT_BENCH_EVENTS, TAKT_BENCH_LEADS.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import { demoContentItems } from '../packages/core/src/demo/content-catalog.ts'
import type { DemoEvent } from '../packages/core/src/demo/generate-demo-data.ts'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import type { Database } from '../packages/server/src/db/tables.ts'
import { DEMO_AGREEMENT_PATH } from '../packages/server/src/demo/seed-demo-workspace.ts'
import { createWorkspace } from '../packages/server/src/services/create-workspace.ts'
import { runOnServer } from '../packages/server/src/testing/database-templates.ts'
import { round, sizeFromEnv } from './http-load.ts'
import { benchTouchpoints, inBatches } from './ingest-data.ts'
import { timeRawInsert } from './raw-insert.ts'
import { recordResults } from './results.ts'

const EVENTS = sizeFromEnv('TAKT_BENCH_EVENTS', 200_000)
const LEADS = sizeFromEnv('TAKT_BENCH_LEADS', Math.ceil(EVENTS / 10))
const BATCH = 1_000
const CONNECTIONS = 2

type Kind = 'pglite' | 'pg'

async function openFresh(kind: Kind) {
  if (kind === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'takt-bench-floor-'))
    const database = await openDatabase({ dataDir })
    return { database, drop: () => rm(dataDir, { recursive: true, force: true }) }
  }
  const serverUrl = process.env.DATABASE_URL!
  const name = `takt_bench_floor_${randomBytes(4).toString('hex')}`
  await runOnServer(serverUrl, `create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.toString() })
  return { database, drop: () => runOnServer(serverUrl, `drop database ${name} with (force)`) }
}

/** A lead row as a projection writes it: scalars that change with every touchpoint, and its JSON. */
function projectedRow(event: DemoEvent, id: string, index: number) {
  const at = new Date(event.occurredAt).toISOString()
  const state = {
    lane: 'inbound',
    stage: 'lead',
    assignments: [],
    firstSource: event.source,
    slaBreaches: [],
    recycleCount: 0,
    recycleReasons: [],
    stageEnteredAt: Date.parse(event.occurredAt),
  }
  return {
    id,
    first_name: event.lead.firstName ?? null,
    last_name: event.lead.lastName ?? null,
    company_name: event.lead.company?.name ?? null,
    stage: 'lead',
    stage_entered_at: at,
    fit_score: index % 60,
    engagement_score: index % 45,
    engagement_terms: [[index % 45, Date.parse(event.occurredAt), 30]],
    engagement_ceiling: index % 45,
    scored_at: at,
    last_touch_at: at,
    touchpoint_count: 1 + (index % 12),
    profile: event.lead,
    state: { ...state, permissions: { basis: 'legitimate_interest', channels: ['email'] } },
    snapshot: {
      at: Date.parse(event.occurredAt),
      state,
      profile: event.lead,
      versions: [[1, 0]],
      touchpoints: 1,
    },
  }
}

async function timeWrites(
  db: Kysely<Database>,
  workspaceId: string,
  events: readonly DemoEvent[],
  leadIdOf: ReadonlyMap<string, string>,
  withLeads: boolean,
): Promise<number> {
  const batches = inBatches(events, BATCH).map((batch) => ({
    events: JSON.stringify(
      batch.map((event) => ({
        client_id: event.id,
        lead_id: leadIdOf.get(event.lead.email),
        type: event.type,
        occurred_at: event.occurredAt,
        source: event.source,
        content_id: event.contentId ?? null,
        properties: event.properties ?? {},
        lead_fields: event.lead,
        payload_hash: randomBytes(32).toString('hex'),
      })),
    ),
    leadIds: [...new Set(batch.map((event) => leadIdOf.get(event.lead.email)!))].sort(),
    leads: JSON.stringify(
      batch.map((event, index) => projectedRow(event, leadIdOf.get(event.lead.email)!, index)),
    ),
  }))
  let next = 0
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      const { events: rows, leadIds, leads } = batch
      await db.transaction().execute(async (trx) => {
        if (withLeads) {
          await sql`select id from leads where workspace_id = ${workspaceId}
            and id = any(${leadIds}::uuid[]) order by id for no key update`.execute(trx)
        }
        await sql`
          insert into events (workspace_id, client_id, lead_id, type, occurred_at, source, content_id,
            properties, lead_fields, payload_hash)
          select ${workspaceId}::uuid, v.* from jsonb_to_recordset(${rows}::jsonb) as v(client_id text,
            lead_id uuid, type text, occurred_at timestamptz, source text, content_id text, properties jsonb,
            lead_fields jsonb, payload_hash text)
          on conflict do nothing`.execute(trx)
        if (!withLeads) return
        // The last row of a lead in the batch wins, as the projection's does.
        await sql`
          update leads as l set first_name = v.first_name, last_name = v.last_name,
            company_name = v.company_name, stage = v.stage, stage_entered_at = v.stage_entered_at,
            fit_score = v.fit_score, engagement_score = v.engagement_score, engagement_terms = v.engagement_terms,
            engagement_ceiling = v.engagement_ceiling, scored_at = v.scored_at, last_touch_at = v.last_touch_at,
            touchpoint_count = v.touchpoint_count, profile = v.profile, state = v.state, snapshot = v.snapshot,
            updated_at = now()
          from (select distinct on (r.id) r.* from rows from (jsonb_to_recordset(${leads}::jsonb) as (id uuid,
            first_name text, last_name text, company_name text, stage text, stage_entered_at timestamptz,
            fit_score float8, engagement_score float8, engagement_terms jsonb, engagement_ceiling float8,
            scored_at timestamptz, last_touch_at timestamptz, touchpoint_count int, profile jsonb, state jsonb,
            snapshot jsonb)) with ordinality as r order by r.id, r.ordinality desc) as v
          where l.workspace_id = ${workspaceId} and l.id = v.id`.execute(trx)
      })
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONNECTIONS }, worker))
  return (performance.now() - started) / 1000
}

async function measure(kind: Kind, events: readonly DemoEvent[]) {
  const { database, drop } = await openFresh(kind)
  const { db } = database
  try {
    await migrateToLatest(db)
    const { workspace } = await createWorkspace(
      db,
      {
        slug: 'floor',
        name: 'Ingest floor',
        admin: { email: 'admin@floor.test', name: 'Admin', password: 'benchmark-password' },
        agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
        content: demoContentItems(),
      },
      new Date('2026-01-01T00:00:00Z'),
    )
    const rawSeconds = await timeRawInsert(db, workspace.id, events, BATCH, CONNECTIONS)
    const leadIdOf = new Map<string, string>()
    for (const event of events)
      if (!leadIdOf.has(event.lead.email)) leadIdOf.set(event.lead.email, crypto.randomUUID())
    await sql`
      insert into leads (workspace_id, id, email, stage, stage_entered_at, scored_at)
      select ${workspace.id}::uuid, k.id, k.email, 'lead', now(), now()
      from unnest(${[...leadIdOf.values()]}::uuid[], ${[...leadIdOf.keys()]}::text[]) as k(id, email)`.execute(
      db,
    )
    const logSeconds = await timeWrites(db, workspace.id, events, leadIdOf, false)
    // Each pass starts from an empty log and vacuumed tables (autovacuum may be off).
    await sql`delete from events`.execute(db)
    await sql`vacuum (analyze) events, leads`.execute(db)
    const leadSeconds = await timeWrites(db, workspace.id, events, leadIdOf, true)
    const rate = (seconds: number) => Math.round(events.length / seconds)
    return {
      rawEventsPerSecond: rate(rawSeconds),
      eventsTable: { eventsPerSecond: rate(logSeconds), ratioToRawInsert: round(rawSeconds / logSeconds, 3) },
      eventsAndLeadRows: {
        eventsPerSecond: rate(leadSeconds),
        ratioToRawInsert: round(rawSeconds / leadSeconds, 3),
      },
    }
  } finally {
    await database.close()
    await drop()
  }
}

const kinds = (process.env.TAKT_BENCH_DATABASES ?? (process.env.DATABASE_URL ? 'pglite,pg' : 'pglite'))
  .split(',')
  .filter((kind): kind is Kind => kind === 'pglite' || kind === 'pg')
const events = benchTouchpoints(LEADS, EVENTS)
const results: Record<string, unknown> = {}
for (const kind of kinds) {
  const figures = await measure(kind, events)
  results[kind] = figures
  console.log(
    `${kind}: raw insert ${figures.rawEventsPerSecond}/s; events table ${figures.eventsTable.eventsPerSecond}/s ` +
      `(ratio ${figures.eventsTable.ratioToRawInsert}); events and lead rows ` +
      `${figures.eventsAndLeadRows.eventsPerSecond}/s (ratio ${figures.eventsAndLeadRows.ratioToRawInsert})`,
  )
}
await recordResults('ingestFloor', {
  events: EVENTS,
  leads: LEADS,
  batch: BATCH,
  connections: CONNECTIONS,
  ...results,
})
