// The lead API under 32 concurrent connections on one workspace of 1,000,000 leads, on PostgreSQL:
// GET /leads as boards and inboxes ask for it (a mix of filters and sorts, first pages) and GET
// /leads/:id (rebuilt from the lead's log), each for a measured while after a warm-up, through a
// `takt serve` process and an undici pool. Goal: p99 < 50 ms for both. The baseline, measured in the same
// run: the same list request in a workspace without leads (what any signed-in request costs). The database is created for
// the run (takt_bench_api_…), migrated by the project's migrations and dropped at the end.
// Usage: DATABASE_URL=postgres://… node bench/api.bench.ts (skipped without it). Sizes:
// TAKT_BENCH_API_LEADS (1000000), TAKT_BENCH_API_SECONDS (20 per endpoint), TAKT_BENCH_API_CONNECTIONS
// (32); TAKT_BENCH_KEEP=1 keeps the database afterwards, to EXPLAIN a slow query.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import { demoContentItems } from '../packages/core/src/demo/content-catalog.ts'
import { generateDemoData } from '../packages/core/src/demo/generate-demo-data.ts'
import { hashPassword } from '../packages/server/src/auth/password.ts'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { userRepository } from '../packages/server/src/db/user.repository.ts'
import { DEMO_AGREEMENT_PATH } from '../packages/server/src/demo/seed-demo-workspace.ts'
import { createWorkspace } from '../packages/server/src/services/create-workspace.ts'
import { issueApiKey } from '../packages/server/src/services/issue-api-key.ts'
import { runOnServer } from '../packages/server/src/testing/database-templates.ts'
import { startServerProcess } from '../packages/server/src/testing/server-process.ts'
import { insertGeneratedLeads } from './api-leads.ts'
import { runLoad, type LoadFigures } from './closed-loop-load.ts'
import { loadAverage, postEvents, round, sizeFromEnv } from './http-load.ts'
import { BENCH_NOW, inBatches } from './ingest-data.ts'
import { recordResults } from './results.ts'

const LEADS = sizeFromEnv('TAKT_BENCH_API_LEADS', 1_000_000)
const SECONDS = sizeFromEnv('TAKT_BENCH_API_SECONDS', 20)
const CONNECTIONS = sizeFromEnv('TAKT_BENCH_API_CONNECTIONS', 32)
// Ingested through POST /events: these have touchpoints, accounts and transitions, and their detail is read.
const INGESTED = Math.min(1_000, LEADS)
const WARM_UP_SECONDS = 3
const GOAL_MS = 50

const serverUrl = process.env.DATABASE_URL
if (!serverUrl) {
  console.log('api bench skipped: it runs on PostgreSQL (set DATABASE_URL)')
  process.exit(0)
}
const loadBefore = loadAverage()
const name = `takt_bench_api_${randomBytes(4).toString('hex')}`
await runOnServer(serverUrl, `create database ${name}`)
const url = new URL(serverUrl)
url.pathname = `/${name}`
const database = await openDatabase({ databaseUrl: url.toString() })
const db = database.db
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined
try {
  await migrateToLatest(db)
  const slug = `api-bench-${randomBytes(3).toString('hex')}`
  const { workspace } = await createWorkspace(
    db,
    {
      slug,
      name: 'API bench',
      admin: { email: `admin@${slug}.test`, name: 'Admin', password: 'benchmark-password' },
      agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
      content: demoContentItems(),
    },
    new Date('2026-01-01T00:00:00Z'),
  )
  const passwordHash = await hashPassword('benchmark-password')
  const reps: string[] = []
  for (let index = 0; index < 12; index++) {
    const email = `rep${index}@${slug}.test`
    reps.push(
      await userRepository.insert(db, workspace.id, {
        email,
        name: `Rep ${index}`,
        role: 'sales',
        passwordHash,
      }),
    )
  }
  // The baseline: the same list request in a workspace with no leads, through the same server. It costs
  // what every signed-in request costs (the key, the workspace's transaction, one query) and no more.
  const empty = await createWorkspace(
    db,
    {
      slug: `${slug}-empty`,
      name: 'API bench, empty',
      admin: { email: `admin@${slug}-empty.test`, name: 'Admin', password: 'benchmark-password' },
      agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
    },
    new Date('2026-01-01T00:00:00Z'),
  )
  const emptyKey = await issueApiKey(db, empty.workspace.id, { name: 'bench read', scope: 'read' })
  const readKey = await issueApiKey(db, workspace.id, { name: 'bench read', scope: 'read' })
  const ingestKey = await issueApiKey(db, workspace.id, { name: 'bench ingest', scope: 'ingest' })
  server = await startServerProcess({ DATABASE_URL: url.toString(), TAKT_RATE_LIMIT_PER_MINUTE: '1000000' })

  const ingested = generateDemoData({ seed: 23, leads: INGESTED, now: BENCH_NOW }).events
  for (const batch of inBatches(ingested, 1_000)) await postEvents(server.url, ingestKey, batch)
  const generated = LEADS - INGESTED
  const seedSeconds = await insertGeneratedLeads(db, workspace.id, generated, reps, (done) =>
    process.stdout.write(`\r${done} of ${generated} generated leads inserted`),
  )
  process.stdout.write('\n')
  // As autovacuum leaves tables in steady use: statistics and the visibility map.
  await sql`vacuum analyze leads`.execute(db)
  await sql`vacuum analyze events`.execute(db)
  await sql`vacuum analyze transitions`.execute(db)
  const detailIds = (
    await sql<{ id: string }>`select distinct lead_id as id from events where workspace_id = ${workspace.id}
      order by lead_id`.execute(db)
  ).rows.map((row) => row.id)
  const counts = (
    await sql<{ leads: number; transitions: number; events: number }>`select
      (select count(*)::int from leads where workspace_id = ${workspace.id}) as leads,
      (select count(*)::int from transitions where workspace_id = ${workspace.id}) as transitions,
      (select count(*)::int from events where workspace_id = ${workspace.id}) as events`.execute(db)
  ).rows[0]!

  // What a board and a rep's inbox ask first: the hottest leads, a stage, the newest touches, a rep's
  // accepted leads, the newest SQLs.
  const listQueries: Array<[string, string]> = [
    ['hottest', 'sort=engagement'],
    ['stage=mql', 'stage=mql&sort=engagement'],
    ['sort=lastTouch', 'sort=lastTouch'],
    ['rep, stage=sal', `owner=${reps[0]}&stage=sal`],
    ['stage=sql, newest', 'stage=sql&sort=stageEntered'],
  ]
  const headers = { authorization: `Bearer ${readKey}` }
  const common = {
    url: server.url,
    headers,
    connections: CONNECTIONS,
    warmUpSeconds: WARM_UP_SECONDS,
    seconds: SECONDS,
  }
  let listTurn = 0
  const list = await runLoad({
    ...common,
    next: () => {
      const [label, query] = listQueries[listTurn++ % listQueries.length]!
      return { path: `/api/v1/leads?${query}&limit=50`, label }
    },
  })
  let detailTurn = 0
  const detail = await runLoad({
    ...common,
    next: () => ({
      path: `/api/v1/leads/${detailIds[(detailTurn++ * 7919) % detailIds.length]}`,
      label: 'detail',
    }),
  })

  const baseline = await runLoad({
    ...common,
    headers: { authorization: `Bearer ${emptyKey}` },
    next: () => ({ path: '/api/v1/leads?limit=50', label: 'empty workspace' }),
  })

  const loadAfter = loadAverage()
  console.log(
    `database: postgres; ${counts.leads} leads (${INGESTED} ingested: ${counts.events} touchpoints, ${counts.transitions} ` +
      `transitions; ${generated} generated in ${seedSeconds.toFixed(1)} s); ${CONNECTIONS} connections, ` +
      `${SECONDS} s each after ${WARM_UP_SECONDS} s warm-up; load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`,
  )
  const line = (label: string, figures: LoadFigures) =>
    console.log(
      `${label.padEnd(22)} p99 ${figures.p99Ms.toFixed(1).padStart(7)} ms  p50 ${figures.p50Ms.toFixed(1).padStart(6)} ms  ` +
        `max ${figures.maxMs.toFixed(0).padStart(5)} ms  ${String(figures.perSecond).padStart(5)} req/s  ` +
        `(goal p99 < ${GOAL_MS} ms: ${figures.p99Ms < GOAL_MS ? 'met' : `${(figures.p99Ms / GOAL_MS).toFixed(1)}× over`})` +
        (Object.keys(figures.failures).length ? `; not 200: ${JSON.stringify(figures.failures)}` : ''),
    )
  line('GET /leads (mix)', list)
  for (const [label, ms] of Object.entries(list.p99MsByLabel))
    console.log(`  ${label.padEnd(20)} p99 ${ms.toFixed(1).padStart(7)} ms`)
  line(`GET /leads/:id (${detailIds.length})`, detail)
  line('GET /leads, no leads', baseline)
  console.log(
    `p99 against the empty workspace's: list ${(list.p99Ms / baseline.p99Ms).toFixed(2)}×, ` +
      `detail ${(detail.p99Ms / baseline.p99Ms).toFixed(2)}×`,
  )
  const { p99MsByLabel: _detailLabels, ...detailFigures } = detail
  const { p99MsByLabel: _baselineLabels, ...baselineFigures } = baseline
  await recordResults('api', {
    leads: counts.leads,
    connections: CONNECTIONS,
    seconds: SECONDS,
    goalMs: GOAL_MS,
    loadAverage: { before: loadBefore, after: loadAfter },
    leadList: list,
    leadDetail: { ...detailFigures, leads: detailIds.length },
    emptyWorkspaceList: baselineFigures,
    leadListP99ToBaseline: round(list.p99Ms / baseline.p99Ms, 2),
    leadDetailP99ToBaseline: round(detail.p99Ms / baseline.p99Ms, 2),
  })
} finally {
  await server?.stop()
  await database.close()
  if (process.env.TAKT_BENCH_KEEP) console.log(`kept database ${name}`)
  else await runOnServer(serverUrl, `drop database ${name} with (force)`)
}
