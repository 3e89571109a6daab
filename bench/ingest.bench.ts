// Ingestion throughput against a raw bulk INSERT of the same rows into the same database, measured
// side by side in one run. Usage: npm run bench [-- --events 20000] (DATABASE_URL selects PostgreSQL).
import { recordResults } from './results.ts'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { createTestDatabase } from '../packages/server/src/testing/test-database.ts'
import { generateDemoData } from '../packages/core/src/demo/generate-demo-data.ts'
import { createWorkspace } from '../packages/server/src/services/create-workspace.ts'
import { ingestEvents } from '../packages/server/src/services/ingest-events.ts'
import { readFile } from 'node:fs/promises'
import { DEMO_AGREEMENT_PATH } from '../packages/server/src/demo/seed-demo-workspace.ts'
import { payloadHash } from '../packages/server/src/services/validate-ingest-items.ts'

const { values } = parseArgs({
  options: { events: { type: 'string', default: '20000' }, batch: { type: 'string', default: '5000' } },
})
const wanted = Number(values.events)
const batchSize = Number(values.batch)

// A fresh, migrated database of its own (dropped at the end), on PostgreSQL when DATABASE_URL is set.
const database = await createTestDatabase(process.env.DATABASE_URL ? 'postgres' : 'pglite')
const db = database.db
const now = new Date()
const data = generateDemoData({ seed: 1, leads: Math.ceil(wanted / 14), now })
const events = data.events.slice(0, wanted)
const slug = `bench-${Date.now()}`
const agreement = await readFile(DEMO_AGREEMENT_PATH, 'utf8')
const { workspace } = await createWorkspace(
  db,
  {
    slug,
    name: 'bench',
    admin: { email: `a@${slug}.test`, name: 'a', password: 'benchmark-password' },
    agreement: { text: agreement, format: 'yaml' },
    content: data.contentItems,
  },
  new Date(0),
)

// Baseline: the same rows, already shaped, straight into an events table without any processing.
await sql`create temporary table raw_events (like events including defaults including identity)`
  .execute(db)
  .catch(async () => {
    await sql`create table raw_events (like events including defaults including identity)`.execute(db)
  })
const rawRows = events.map((event) => ({
  workspace_id: workspace.id,
  client_id: event.id,
  lead_id: workspace.id,
  type: event.type,
  occurred_at: new Date(event.occurredAt),
  source: event.source,
  content_id: event.contentId ?? null,
  journey_stage: null,
  topics: null,
  properties: JSON.stringify(event.properties ?? {}),
  lead_fields: JSON.stringify(event.lead),
  payload_hash: payloadHash(event as never),
}))
let start = performance.now()
for (let index = 0; index < rawRows.length; index += 1000) {
  await db
    .insertInto('raw_events' as 'events')
    .values(rawRows.slice(index, index + 1000) as never)
    .execute()
}
const rawSeconds = (performance.now() - start) / 1000

start = performance.now()
for (let index = 0; index < events.length; index += batchSize) {
  await ingestEvents(db, workspace.id, events.slice(index, index + batchSize), now)
}
const ingestSeconds = (performance.now() - start) / 1000
const leads = await db
  .selectFrom('leads')
  .select(sql<number>`count(*)::int`.as('n'))
  .where('workspace_id', '=', workspace.id)
  .executeTakeFirstOrThrow()

const rate = (seconds: number) => Math.round(events.length / seconds)
console.log(
  `database: ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}; ${events.length} touchpoints of ${leads.n} leads, batches of ${batchSize}`,
)
console.log(`raw bulk INSERT:      ${rawSeconds.toFixed(2)} s  ${rate(rawSeconds)} events/s`)
console.log(`ingest (end to end):  ${ingestSeconds.toFixed(2)} s  ${rate(ingestSeconds)} events/s`)
console.log(`ratio ingest/raw:     ${(rawSeconds / ingestSeconds).toFixed(2)} (target ≥ 0.5)`)
await recordResults(`ingest-${process.env.DATABASE_URL ? 'postgres' : 'pglite'}`, {
  events: events.length,
  leads: leads.n,
  batch: batchSize,
  rawEventsPerSecond: rate(rawSeconds),
  ingestEventsPerSecond: rate(ingestSeconds),
  ratio: Number((rawSeconds / ingestSeconds).toFixed(3)),
})
await sql`drop table if exists raw_events`.execute(db)
await database.close()
