// Issue 13's goal: each report on a workspace of 1,000,000 leads and ~20,000,000 touchpoints answers in
// under 2 s on PostgreSQL. Seeds a scratch database with COPY (bench/report-data.ts), then times each
// report through runReport as the API calls it, for a one-year period: cold (its first run, with the
// tables in the OS page cache after the seed but mostly outside PostgreSQL's shared buffers) and warm
// (median of 5; skipped when the first run took over 20 s), the funnel in both views and with each
// grouping. For a report over the goal, the plans of its statements (EXPLAIN ANALYZE, BUFFERS via
// auto_explain) and how much of its time they took go to a file under /tmp.
// Usage: DATABASE_URL=postgres://… node bench/reports.bench.ts (PostgreSQL only: the goal is set on it).
// Smaller: TAKT_BENCH_REPORT_LEADS=20000 (and TAKT_BENCH_REPORT_TEMPLATES, default 20,000).
// To work on a report's SQL: TAKT_BENCH_REPORT_DATABASE=name seeds into that database once and keeps it;
// later runs with the same name migrate it to the latest schema and time the reports without seeding.
import { mkdir, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from '../packages/server/src/db/tables.ts'
import { PG_TYPES } from '../packages/server/src/db/type-parsers.ts'
import { projectionContext } from '../packages/server/src/services/projection-context.ts'
import { runReport, type ReportRequest } from '../packages/server/src/services/reports/run-report.ts'
import { createBenchWorkspace } from './demo-workspace.ts'
import { createTestDatabase } from '../packages/server/src/testing/test-database.ts'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { loadAverage, round, sizeFromEnv } from './http-load.ts'
import { seedReportWorkspace, type ReportSeed } from './report-data.ts'
import { recordResults } from './results.ts'

const LEADS = sizeFromEnv('TAKT_BENCH_REPORT_LEADS', 1_000_000)
// Leads folded the slow way; the others are their copies moved in time (see report-data.ts).
const TEMPLATES = sizeFromEnv('TAKT_BENCH_REPORT_TEMPLATES', 20_000)
// Set to 1 to keep the indexes up to date during the COPY instead (to compare the two).
const KEEP_INDEXES = process.env.TAKT_BENCH_REPORT_KEEP_INDEXES === '1'
const NOW = new Date('2026-11-30T12:00:00Z')
const PERIOD = { from: '2025-12-01', to: '2026-11-30' }
const GOAL_MS = 2_000
const WARM_RUNS = 5
// A report whose first run takes longer than this is far over the goal: its warm runs are skipped.
const WARM_LIMIT_MS = 10 * GOAL_MS
const PLANS_DIR = '/tmp/takt-report-plans'
const GROUPINGS = ['source', 'lane', 'campaign', 'version', 'owner'] as const

const CASES: ReadonlyArray<{ label: string; request: ReportRequest }> = [
  { label: 'funnel cohort', request: { name: 'funnel', ...PERIOD, view: 'cohort' } },
  { label: 'funnel flow', request: { name: 'funnel', ...PERIOD, view: 'flow' } },
  ...GROUPINGS.flatMap((by) => [
    { label: `funnel cohort by ${by}`, request: { name: 'funnel', ...PERIOD, view: 'cohort', by } as const },
    { label: `funnel flow by ${by}`, request: { name: 'funnel', ...PERIOD, view: 'flow', by } as const },
  ]),
  { label: 'velocity', request: { name: 'velocity', ...PERIOD } },
  { label: 'sla', request: { name: 'sla', ...PERIOD } },
  { label: 'reasons', request: { name: 'reasons', ...PERIOD } },
  { label: 'reasons by source', request: { name: 'reasons', ...PERIOD, by: 'source' } },
  { label: 'reasons by version', request: { name: 'reasons', ...PERIOD, by: 'version' } },
  { label: 'calibration', request: { name: 'calibration', ...PERIOD } },
  { label: 'sources', request: { name: 'sources', ...PERIOD } },
]

type Timing = {
  label: string
  request: ReportRequest
  coldMs: number | null
  warmMedianMs: number | null
  error?: string
}

if (!process.env.DATABASE_URL) {
  console.log('reports bench: skipped, it runs on PostgreSQL only (set DATABASE_URL)')
  process.exit(0)
}

const loadBefore = loadAverage()
const KEPT_DATABASE = process.env.TAKT_BENCH_REPORT_DATABASE
const database = KEPT_DATABASE ? await keptDatabase(KEPT_DATABASE) : await createTestDatabase('postgres')
const db = database.db
// Ctrl-C still drops the scratch database (a 1M-lead one holds ~20 GB; a kept one stays), and records nothing.
let interrupted = false
process.once('SIGINT', () => {
  interrupted = true
  void database.close().finally(() => process.exit(130))
})
try {
  const kept = await db
    .selectFrom('workspaces')
    .select(['id', 'timezone'])
    .where('slug', 'like', 'reports-bench-%')
    .executeTakeFirst()
  const { workspace, seeded, seedSeconds } = kept
    ? { workspace: kept, seeded: await seededCounts(db, kept.id), seedSeconds: null }
    : await seed(db, database.url!)
  const size = await sql<{
    bytes: string
  }>`select pg_database_size(current_database())::text as bytes`.execute(db)
  const gigabytes = Number(size.rows[0]!.bytes) / 1e9
  console.log(
    `\rreports bench (postgres): ${seeded.leads.toLocaleString('en')} leads (${seeded.templates.toLocaleString('en')} folded, ` +
      `the rest their copies), ${seeded.events.toLocaleString('en')} touchpoints, ${seeded.decisions.toLocaleString('en')} decisions, ` +
      `${seeded.transitions.toLocaleString('en')} transitions, ${seeded.notifications.toLocaleString('en')} notifications; ` +
      (seedSeconds === null
        ? `seeded earlier (${KEPT_DATABASE})`
        : `seeded in ${seedSeconds.toFixed(0)} s (${Object.entries(seeded.seconds)
            .map(([phase, seconds]) => `${phase} ${seconds} s`)
            .join(', ')})`) +
      `, ${gigabytes.toFixed(1)} GB`,
  )
  const check = await checkReadModel(db, workspace.id)
  console.log(`  read model: ${check}`)

  const timings: Timing[] = []
  for (const { label, request } of CASES) {
    const timing: Timing = { label, request, coldMs: null, warmMedianMs: null }
    try {
      let report: unknown
      let start = performance.now()
      report = await runReport(db, workspace.id, request, NOW)
      timing.coldMs = performance.now() - start
      const warm: number[] = []
      for (let run = 0; run < WARM_RUNS && timing.coldMs < WARM_LIMIT_MS; run++) {
        start = performance.now()
        report = await runReport(db, workspace.id, request, NOW)
        warm.push(performance.now() - start)
      }
      timing.warmMedianMs = warm.length === 0 ? null : warm.sort((a, b) => a - b)[Math.floor(WARM_RUNS / 2)]!
      if (label === 'funnel flow')
        console.log(
          `  funnel flow against the stored transitions: ${await checkFlow(db, workspace.id, workspace.timezone, report)}`,
        )
    } catch (error) {
      timing.error = error instanceof Error ? error.message : String(error)
    }
    timings.push(timing)
    console.log(row(timing))
  }

  // Warm median, or the first run when that was too slow to repeat.
  const judged = (timing: Timing) => timing.warmMedianMs ?? timing.coldMs
  const slow = timings.filter((timing) => judged(timing) !== null && judged(timing)! >= GOAL_MS)
  const measured = timings.filter((timing) => judged(timing) !== null)
  console.log(
    `  goal < ${GOAL_MS} ms per report (warm median): ${measured.length - slow.length} of ${timings.length} met` +
      (timings.length > measured.length ? `, ${timings.length - measured.length} failed` : ''),
  )

  if (interrupted) throw new Error('interrupted')
  await recordResults('reports', {
    database: 'postgres',
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAverage(),
    leads: seeded.leads,
    seeded,
    seedSeconds: seedSeconds === null ? null : round(seedSeconds, 1),
    indexesDuringCopy: KEEP_INDEXES ? 'kept' : 'dropped and built after',
    databaseGigabytes: round(gigabytes, 1),
    readModel: check,
    period: PERIOD,
    goalMs: GOAL_MS,
    warmRuns: WARM_RUNS,
    reports: timings.map((timing) => ({
      report: timing.label,
      request: timing.request,
      coldMs: timing.coldMs === null ? null : Math.round(timing.coldMs),
      warmMedianMs: timing.warmMedianMs === null ? null : Math.round(timing.warmMedianMs),
      underGoal: judged(timing) === null ? null : judged(timing)! < GOAL_MS,
      ...(timing.error ? { error: timing.error } : {}),
    })),
    allUnderGoal: slow.length === 0 && measured.length === timings.length,
    ...(slow.length > 0 ? { plansDir: PLANS_DIR } : {}),
  })

  // Last, as they take one more run each: the plans of the reports over the goal.
  for (const timing of slow) {
    const file = await explainReport(database.url!, workspace.id, timing)
    console.log(`  plans of "${timing.label}" (EXPLAIN ANALYZE, BUFFERS): ${file}`)
  }
} finally {
  await database.close()
}

/** A workspace of LEADS leads, by the bulk path, in a database with none yet. */
async function seed(db: Kysely<Database>, url: string) {
  const { workspace, users } = await createBenchWorkspace(db, {
    slugPrefix: 'reports-bench',
    name: 'Reports bench',
  })

  const began = performance.now()
  const seeded = await seedReportWorkspace(db, url, workspace.id, {
    leads: LEADS,
    templates: TEMPLATES,
    keepIndexes: KEEP_INDEXES,
    now: NOW,
    context: await projectionContext(db, workspace.id),
    users: users.map((user) => ({ id: user.id, email: user.email, region: user.region })),
    onProgress: (phase, done) =>
      process.stdout.write(`\r  seeding (${phase}): ${done.toLocaleString('en')} leads   `),
  })
  const seedSeconds = (performance.now() - began) / 1000
  return { workspace, seeded, seedSeconds }
}

/** What an earlier run seeded into the kept database. */
async function seededCounts(db: Kysely<Database>, workspaceId: string): Promise<ReportSeed> {
  const count = async (table: 'leads' | 'events' | 'decisions' | 'transitions' | 'notifications') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    leads: await count('leads'),
    templates: TEMPLATES,
    events: await count('events'),
    decisions: await count('decisions'),
    transitions: await count('transitions'),
    notifications: await count('notifications'),
    seconds: {},
  }
}

/** The named database, created on first use and kept: migrated to the latest schema on every run. */
async function keptDatabase(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('TAKT_BENCH_REPORT_DATABASE: a lower-case identifier')
  const server = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await server.connect()
  const exists = await server.query('select 1 from pg_database where datname = $1', [name])
  if (exists.rowCount === 0) await server.query(`create database ${name}`)
  await server.end()
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${name}`
  const opened = await openDatabase({ databaseUrl: url.toString() })
  await migrateToLatest(opened.db)
  return { db: opened.db, url: url.toString(), close: () => opened.close() }
}

function row(timing: Timing): string {
  const ms = (value: number | null) =>
    (value === null ? '—' : `${Math.round(value).toLocaleString('en')} ms`).padStart(10)
  if (timing.error) return `  ${timing.label.padEnd(28)} failed: ${timing.error}`
  const judged = timing.warmMedianMs ?? timing.coldMs
  const met = judged !== null && judged < GOAL_MS
  return `  ${timing.label.padEnd(28)} cold ${ms(timing.coldMs)}  warm ${ms(timing.warmMedianMs)}  ${met ? 'under' : 'OVER'} ${GOAL_MS} ms`
}

/** Each lead's stage is where its stored history ends; a seed that broke this would time nonsense. */
async function checkReadModel(db: Kysely<Database>, workspaceId: string): Promise<string> {
  const { rows } = await sql<{ leads: number; mismatched: number; without_history: number }>`
    select count(*)::int as leads,
      count(*) filter (where last.to_stage is distinct from l.stage)::int as mismatched,
      count(*) filter (where last.to_stage is null)::int as without_history
    from leads l left join lateral (
      select to_stage from transitions t where t.workspace_id = l.workspace_id and t.lead_id = l.id
      order by seq desc limit 1) last on true
    where l.workspace_id = ${workspaceId}`.execute(db)
  const counts = rows[0]!
  return `${counts.leads.toLocaleString('en')} leads, ${counts.mismatched} whose stage is not their last transition's (${counts.without_history} without any)`
}

/** The flow funnel's entries per stage against a count of the stored transitions in the period. */
async function checkFlow(
  db: Kysely<Database>,
  workspaceId: string,
  timezone: string,
  report: unknown,
): Promise<string> {
  const stages = (report as { stages?: Array<{ stage: string; entered: number }> }).stages
  if (!Array.isArray(stages)) return 'no stages in the report'
  const { rows } = await sql<{ stage: string; entered: number }>`
    select to_stage as stage, count(*)::int as entered from transitions
    where workspace_id = ${workspaceId}
      and at >= (${PERIOD.from}::date)::timestamp at time zone ${timezone}
      and at < (${PERIOD.to}::date + 1)::timestamp at time zone ${timezone}
    group by to_stage`.execute(db)
  const stored = new Map(rows.map((entry) => [entry.stage, entry.entered]))
  const wrong = stages.filter((entry) => entry.entered !== (stored.get(entry.stage) ?? 0))
  return wrong.length === 0
    ? `equal (${stages.map((entry) => `${entry.stage} ${entry.entered.toLocaleString('en')}`).join(', ')})`
    : `DIFFERENT: ${wrong.map((entry) => `${entry.stage} ${entry.entered} vs ${stored.get(entry.stage) ?? 0}`).join(', ')}`
}

/**
 * Runs the report once more on a connection that has auto_explain send every statement's plan back as
 * a notice (EXPLAIN ANALYZE with BUFFERS, as run), and writes them to a file.
 */
async function explainReport(url: string, workspaceId: string, timing: Timing): Promise<string> {
  const plans: string[] = []
  const pool = new pg.Pool({ connectionString: url, max: 1, types: PG_TYPES })
  pool.on('connect', (client) => client.on('notice', (notice) => plans.push(notice.message ?? '')))
  const explained = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        for (const statement of [
          "set time zone 'UTC'",
          "load 'auto_explain'",
          'set auto_explain.log_min_duration = 0',
          'set auto_explain.log_analyze = on',
          'set auto_explain.log_buffers = on',
          'set auto_explain.log_timing = on',
          "set auto_explain.log_level = 'notice'",
        ])
          await connection.executeQuery(CompiledQuery.raw(statement))
      },
    }),
  })
  try {
    await runReport(explained, workspaceId, timing.request, NOW)
  } finally {
    await explained.destroy()
  }
  await mkdir(PLANS_DIR, { recursive: true })
  const file = `${PLANS_DIR}/${timing.label.replaceAll(' ', '-')}.txt`
  // What the statements took of the report's time; the rest is the report's own work in Node.
  const durations = plans.map((plan) => Number(/^duration: ([\d.]+) ms/.exec(plan)?.[1] ?? 0))
  const inSql = durations.reduce((sum, ms) => sum + ms, 0)
  const slowest = Math.max(0, ...durations)
  const summary =
    `${timing.label}: warm median ${timing.warmMedianMs === null ? '—' : Math.round(timing.warmMedianMs)} ms, ` +
    `cold ${Math.round(timing.coldMs!)} ms; this run's ${plans.length} statements ` +
    `took ${Math.round(inSql)} ms in PostgreSQL (slowest ${Math.round(slowest)} ms)`
  await writeFile(file, `${summary}\n\n${plans.join('\n\n')}\n`)
  return `${file} (${summary.slice(timing.label.length + 2)})`
}
