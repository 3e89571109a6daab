// Ingestion through real HTTP into a `takt serve` process, against a raw bulk insert of the same rows
// into the same database measured in the same run. 200,000 demo touchpoints of 20,000 leads go to
// POST /api/v1/events in batches of 1,000 from 2 concurrent clients; meanwhile a third client sends a
// 100-event batch every half second (its p99 is the latency a live integration sees under a bulk
// load) and the server's memory is sampled. The same load again with 5 % of the touchpoints arriving
// after a later one of their lead (the late-event path); then `takt verify`'s check over the first.
// Then the same load sent with `Prefer: respond-async`: acknowledged once queued (that ratio), and the
// time until every lead reflects it (the applied ratio); `takt verify` checks that workspace too.
// PGlite always, PostgreSQL too when DATABASE_URL is set (TAKT_BENCH_DATABASES=pg picks one). Sizes: TAKT_BENCH_EVENTS, TAKT_BENCH_LEADS,
// TAKT_BENCH_BATCH, TAKT_BENCH_CLIENTS (e.g. TAKT_BENCH_EVENTS=4000 TAKT_BENCH_LEADS=400 to smoke-run).
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { demoContentItems } from '../packages/core/src/demo/content-catalog.ts'
import type { DemoEvent } from '../packages/core/src/demo/generate-demo-data.ts'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { DEMO_AGREEMENT_PATH } from '../packages/server/src/demo/seed-demo-workspace.ts'
import { createWorkspace } from '../packages/server/src/services/create-workspace.ts'
import { issueApiKey } from '../packages/server/src/services/issue-api-key.ts'
import { verifyProjections } from '../packages/server/src/services/verify-projections.ts'
import { runOnServer } from '../packages/server/src/testing/database-templates.ts'
import { startServerProcess } from '../packages/server/src/testing/server-process.ts'
import {
  loadAverage,
  pause,
  percentile,
  postEvents,
  round,
  sampleRss,
  sizeFromEnv,
  untilApplied,
} from './http-load.ts'
import { benchTouchpoints, inBatches, probeBatches, withLateArrivals } from './ingest-data.ts'
import { timeRawInsert } from './raw-insert.ts'
import { recordResults } from './results.ts'

const EVENTS = sizeFromEnv('TAKT_BENCH_EVENTS', 200_000)
const LEADS = sizeFromEnv('TAKT_BENCH_LEADS', Math.ceil(EVENTS / 10))
const BATCH = sizeFromEnv('TAKT_BENCH_BATCH', 1_000)
const CLIENTS = sizeFromEnv('TAKT_BENCH_CLIENTS', 2)
const PROBE_SIZE = 100
const PROBE_EVERY_MS = 500
const LATE_SHARE = 0.05
// Unlimited for the bench: the default 600 requests a minute per caller is a production guard.
const SERVER_ENV = { TAKT_RATE_LIMIT_PER_MINUTE: '1000000' }

type Kind = 'pglite' | 'pg'
type Target = { kind: Kind; env: Record<string, string>; drop: () => Promise<void> }

/** A fresh data directory or PostgreSQL database, empty until prepare() migrates it. */
async function createTarget(kind: Kind): Promise<Target> {
  if (kind === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'takt-bench-ingest-'))
    return {
      kind,
      env: { TAKT_DATA_DIR: dataDir },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    }
  }
  const serverUrl = process.env.DATABASE_URL!
  const name = `takt_bench_ingest_${randomBytes(4).toString('hex')}`
  await runOnServer(serverUrl, `create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    drop: () => runOnServer(serverUrl, `drop database ${name} with (force)`),
  }
}

/** Migrates, creates the demo-agreement workspace and an ingest key; times the raw insert if asked. */
async function prepare(target: Target, baseline?: readonly DemoEvent[]) {
  const database = await openDatabase({
    databaseUrl: target.env.DATABASE_URL,
    dataDir: target.env.TAKT_DATA_DIR,
  })
  try {
    await migrateToLatest(database.db)
    const slug = `ingest-bench-${randomBytes(3).toString('hex')}`
    const { workspace } = await createWorkspace(
      database.db,
      {
        slug,
        name: 'Ingest bench',
        admin: { email: `admin@${slug}.test`, name: 'Admin', password: 'benchmark-password' },
        agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
        content: demoContentItems(),
      },
      new Date('2026-01-01T00:00:00Z'),
    )
    const key = await issueApiKey(database.db, workspace.id, { name: 'bench', scope: 'ingest' })
    const rawSeconds = baseline
      ? await timeRawInsert(database.db, workspace.id, baseline, BATCH, CLIENTS)
      : undefined
    return { key, rawSeconds }
  } finally {
    await database.close()
  }
}

/** The bulk load from CLIENTS clients, the probe batches beside it, and the server's peak memory. */
async function load(
  target: Target,
  key: string,
  events: readonly DemoEvent[],
  probes: DemoEvent[][],
  options: { respondAsync?: boolean } = {},
) {
  const server = await startServerProcess({ ...target.env, ...SERVER_ENV })
  const rss = sampleRss(server.pid)
  let done = false
  try {
    const batches = inBatches(events, BATCH)
    let next = 0
    let retries = 0
    let serverErrors = 0
    const send = async (batch: readonly DemoEvent[]) => {
      const answers = await postEvents(server.url, key, batch, options)
      retries += answers.retries
      serverErrors += answers.serverErrors
    }
    const client = async () => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) await send(batch)
    }
    const probeMs: number[] = []
    const probe = async () => {
      for (const batch of probes) {
        if (done) break
        const began = performance.now()
        await send(batch)
        probeMs.push(performance.now() - began)
        await pause(Math.max(0, PROBE_EVERY_MS - (performance.now() - began)))
      }
    }
    const started = performance.now()
    const probing = probe()
    await Promise.all(Array.from({ length: CLIENTS }, client))
    const seconds = (performance.now() - started) / 1000
    done = true
    await probing
    // Acknowledged asynchronously is stored, not yet applied: how long until the leads reflect it all.
    if (options.respondAsync) await untilApplied(server.url, key)
    const appliedSeconds = (performance.now() - started) / 1000
    if (serverErrors > 0) {
      const first = server
        .output()
        .split('\n')
        .find((line) => line.includes('"level":50'))
      const err = first
        ? (JSON.parse(first) as { err?: { message?: string; detail?: string } }).err
        : undefined
      console.log(
        `${target.kind}: ${serverErrors} answers were 500 (resent), first: ${err?.message} ${err?.detail ?? ''}`,
      )
    }
    return { seconds, appliedSeconds, retries, serverErrors, probeMs, rssMb: rss.stop() }
  } catch (error) {
    done = true
    throw new Error(`${String(error)}; the server said:\n${server.output().slice(-6000)}`)
  } finally {
    rss.stop()
    await server.stop()
  }
}

/** What `takt verify` does, timed from the first page to the last (the process start excluded). */
async function verify(target: Target) {
  const database = await openDatabase({
    databaseUrl: target.env.DATABASE_URL,
    dataDir: target.env.TAKT_DATA_DIR,
  })
  try {
    const began = performance.now()
    const { checked, differences } = await verifyProjections(database.db)
    const seconds = (performance.now() - began) / 1000
    return {
      leads: checked,
      differences: differences.length,
      seconds: round(seconds, 2),
      leadsPerSecond: Math.round(checked / seconds),
    }
  } finally {
    await database.close()
  }
}

const loadBefore = loadAverage()
const events = benchTouchpoints(LEADS, EVENTS)
const late = withLateArrivals(events, LATE_SHARE)
const probes = probeBatches(Math.max(PROBE_SIZE * 40, EVENTS / 4), PROBE_SIZE)
const kinds = (process.env.TAKT_BENCH_DATABASES ?? (process.env.DATABASE_URL ? 'pglite,pg' : 'pglite'))
  .split(',')
  .filter((kind): kind is Kind => kind === 'pglite' || kind === 'pg')
const results: Record<string, Record<string, unknown>> = {}
const table: string[][] = []
const rate = (seconds: number) => Math.round(events.length / seconds)

for (const kind of kinds) {
  const inOrder = await createTarget(kind)
  const lateTarget = await createTarget(kind)
  const asyncTarget = await createTarget(kind)
  try {
    const { key, rawSeconds } = await prepare(inOrder, events)
    const bulk = await load(inOrder, key, events, probes)
    const checked = await verify(inOrder)
    const lateKey = (await prepare(lateTarget)).key
    const delayed = await load(lateTarget, lateKey, late.events, probes)
    const asyncKey = (await prepare(asyncTarget)).key
    const queued = await load(asyncTarget, asyncKey, events, probes, { respondAsync: true })
    const queuedChecked = await verify(asyncTarget)
    const raw = rate(rawSeconds!)
    results[kind] = {
      rawEventsPerSecond: raw,
      eventsPerSecond: rate(bulk.seconds),
      ratioToRawInsert: round(rawSeconds! / bulk.seconds, 3),
      p99Ms: round(percentile(bulk.probeMs, 99)),
      p50Ms: round(percentile(bulk.probeMs, 50)),
      probeBatches: bulk.probeMs.length,
      rssMb: Math.max(bulk.rssMb, delayed.rssMb),
      // Prefer: respond-async: acknowledged once queued, applied by the ingest-apply job.
      respondAsync: {
        eventsPerSecond: rate(queued.seconds),
        ratioToRawInsert: round(rawSeconds! / queued.seconds, 3),
        appliedEventsPerSecond: rate(queued.appliedSeconds),
        appliedRatioToRawInsert: round(rawSeconds! / queued.appliedSeconds, 3),
        p99Ms: round(percentile(queued.probeMs, 99)),
        p50Ms: round(percentile(queued.probeMs, 50)),
        rssMb: queued.rssMb,
        verifyDifferences: queuedChecked.differences,
      },
      retriedBatches: bulk.retries + delayed.retries + queued.retries,
      serverErrors: bulk.serverErrors + delayed.serverErrors + queued.serverErrors,
      lateEvents: {
        late: late.late,
        eventsPerSecond: rate(delayed.seconds),
        ratio: round(rawSeconds! / delayed.seconds, 3),
        p99Ms: round(percentile(delayed.probeMs, 99)),
      },
      verify: checked,
    }
    const name = kind === 'pg' ? 'postgres' : 'pglite'
    table.push(
      [name, 'raw INSERT … unnest', '', String(raw), '1', '', ''],
      [
        name,
        'POST /events in order',
        bulk.seconds.toFixed(1),
        String(rate(bulk.seconds)),
        (rawSeconds! / bulk.seconds).toFixed(3),
        `${percentile(bulk.probeMs, 99).toFixed(0)} ms of ${bulk.probeMs.length}`,
        `${bulk.rssMb} MB`,
      ],
      [
        name,
        `POST /events ${late.late} late`,
        delayed.seconds.toFixed(1),
        String(rate(delayed.seconds)),
        (rawSeconds! / delayed.seconds).toFixed(3),
        `${percentile(delayed.probeMs, 99).toFixed(0)} ms of ${delayed.probeMs.length}`,
        `${delayed.rssMb} MB`,
      ],
      [
        name,
        'POST /events respond-async: acknowledged',
        queued.seconds.toFixed(1),
        String(rate(queued.seconds)),
        (rawSeconds! / queued.seconds).toFixed(3),
        `${percentile(queued.probeMs, 99).toFixed(0)} ms of ${queued.probeMs.length}`,
        `${queued.rssMb} MB`,
      ],
      [
        name,
        `… applied to the leads (${queuedChecked.differences} diffs)`,
        queued.appliedSeconds.toFixed(1),
        String(rate(queued.appliedSeconds)),
        (rawSeconds! / queued.appliedSeconds).toFixed(3),
        '',
        '',
      ],
      [
        name,
        `takt verify, ${checked.leads} leads`,
        String(checked.seconds),
        `${checked.leadsPerSecond} leads/s`,
        '',
        '',
        `${checked.differences} diffs`,
      ],
    )
  } finally {
    await inOrder.drop()
    await lateTarget.drop()
    await asyncTarget.drop()
  }
}

const loadAfter = loadAverage()
console.log(
  `${events.length} touchpoints of ${LEADS} leads, batches of ${BATCH} from ${CLIENTS} clients, demo agreement; ` +
    `probes: ${PROBE_SIZE} events every ${PROBE_EVERY_MS} ms; load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`,
)
const header = ['database', 'load', 'seconds', 'events/s', 'ratio to raw', 'p99 probe batch', 'server RSS']
const widths = header.map((title, column) =>
  Math.max(title.length, ...table.map((row) => row[column]!.length)),
)
for (const row of [header, ...table])
  console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '))
console.log('goals: ratio ≥ 0.5 on both, p99 < 250 ms, peak RSS < 400 MB')

const verifyOf = (kind: Kind) => results[kind]?.verify as { leadsPerSecond: number } | undefined
await recordResults('ingest', {
  events: events.length,
  leads: LEADS,
  batch: BATCH,
  clients: CLIENTS,
  loadAverage: { before: loadBefore, after: loadAfter },
  ...results,
  rssMb: Math.max(...kinds.map((kind) => results[kind]!.rssMb as number)),
  lateEvents: Object.fromEntries(kinds.map((kind) => [kind, results[kind]!.lateEvents])),
})
await recordResults('verify', {
  leads: (results[kinds.at(-1)!]!.verify as { leads: number }).leads,
  leadsPerSecond: (verifyOf('pg') ?? verifyOf('pglite'))!.leadsPerSecond,
  ...Object.fromEntries(kinds.map((kind) => [kind, results[kind]!.verify])),
  loadAverage: loadAfter,
})
