// A one-year backtest on a 100,000-lead workspace: the demo agreement with the MQL engagement threshold
// lowered from 50 to 40 against the active one, through runBacktest as a backtest job runs it. Then its
// two phases apart, over the same stream of pages: loading alone (readLeadHistories: the database and
// decoding) and the time spent in the replay loop (backtestLeadOf: the live fold under both versions
// and the comparison). The baseline measured in the same run is the ceiling of any replay: a bare loop
// over the same in-memory events that only sums their instants. The replay loop is timed twice: on this
// thread, and on the worker threads a job of this size replays on (replay-pool.ts), copies included.
// Usage: node bench/backtest.bench.ts (DATABASE_URL selects PostgreSQL, else PGlite). Smaller:
// TAKT_BENCH_BACKTEST_LEADS=5000.
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { parseAgreement } from '../packages/core/src/agreement/parse-agreement.ts'
import { buildBacktestReport } from '../packages/core/src/backtest/backtest-report.ts'
import { periodBounds } from '../packages/core/src/backtest/backtest-weeks.ts'
import type { BacktestLead } from '../packages/core/src/backtest/backtest-lead.ts'
import { DEMO_AGREEMENT_PATH } from '../packages/server/src/demo/seed-demo-workspace.ts'
import { readLeadHistories } from '../packages/server/src/services/backtest/backtest-history.ts'
import { resolveBacktestPeriod } from '../packages/server/src/services/backtest/backtest-period.ts'
import { loadBaseline, loadCandidate } from '../packages/server/src/services/backtest/backtest-versions.ts'
import { replayWorkersFor, startReplayPool } from '../packages/server/src/services/backtest/replay-pool.ts'
import {
  backtestLeadOf,
  collectBacktestLeads,
  replayWindowOf,
  type BacktestRequest,
} from '../packages/server/src/services/backtest/run-backtest.ts'
import { projectionContext } from '../packages/server/src/services/projection-context.ts'
import { createBenchWorkspace } from './demo-workspace.ts'
import { createTestDatabase } from '../packages/server/src/testing/test-database.ts'
import { seedBacktestHistory } from './backtest-data.ts'
import { loadAverage, round, sizeFromEnv } from './http-load.ts'
import { recordResults } from './results.ts'

const LEADS = sizeFromEnv('TAKT_BENCH_BACKTEST_LEADS', 100_000)
// A page's bare loop takes microseconds: repeated so that its sum is measurable.
const CEILING_ROUNDS = 10
const NOW = new Date('2026-11-30T12:00:00Z')
const PERIOD = { from: '2025-12-01', to: '2026-11-30' }
const ACTIVE_MQL = '{ score: engagement, gte: 50 }'
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite'

const loadBefore = loadAverage()
const database = await createTestDatabase(kind)
const db = database.db
try {
  const agreementText = await readFile(DEMO_AGREEMENT_PATH, 'utf8')
  if (!agreementText.includes(ACTIVE_MQL)) throw new Error(`the demo agreement no longer has ${ACTIVE_MQL}`)
  const lowered = parseAgreement(agreementText.replace(ACTIVE_MQL, '{ score: engagement, gte: 40 }'))
  if (!lowered.ok) throw new Error(`candidate invalid: ${JSON.stringify(lowered.errors)}`)

  const { workspace, users } = await createBenchWorkspace(db, {
    slugPrefix: 'backtest-bench',
    name: 'Backtest bench',
    agreementText,
  })

  let began = performance.now()
  const seeded = await seedBacktestHistory(db, workspace.id, {
    leads: LEADS,
    now: NOW,
    context: await projectionContext(db, workspace.id),
    userIdByEmail: new Map(users.map((user) => [user.email, user.id])),
    onProgress: (done) => process.stdout.write(`\r  seeding: ${done.leads.toLocaleString('en')} leads`),
  })
  const seedSeconds = (performance.now() - began) / 1000
  began = performance.now()
  // As autovacuum leaves tables in steady use: statistics and the visibility map.
  await sql`vacuum analyze leads, events, decisions, transitions`.execute(db)
  const analyzeSeconds = (performance.now() - began) / 1000
  console.log(
    `\rbacktest bench (${kind}): ${seeded.leads.toLocaleString('en')} leads, ` +
      `${seeded.events.toLocaleString('en')} touchpoints, ${seeded.decisions.toLocaleString('en')} decisions, ` +
      `${seeded.transitions.toLocaleString('en')} transitions over 12 months; seeded in ${seedSeconds.toFixed(0)} s` +
      ` (+ ${analyzeSeconds.toFixed(0)} s vacuum analyze)`,
  )

  // 1. The whole backtest, as the job runs it (report included).
  const request: BacktestRequest = { candidate: { document: lowered.document }, period: PERIOD }
  began = performance.now()
  const input = await collectBacktestLeads(db, workspace.id, request, NOW)
  const collectSeconds = (performance.now() - began) / 1000
  began = performance.now()
  const report = buildBacktestReport(input)
  const reportSeconds = (performance.now() - began) / 1000
  const wallSeconds = collectSeconds + reportSeconds

  // 2. Loading alone: every page of the period read as the backtest reads them, and dropped (holding
  // a 100,000-lead workspace's logs at once would time the garbage collector, not the loading).
  const bounds = periodBounds(resolveBacktestPeriod(PERIOD, workspace.timezone, NOW))
  began = performance.now()
  const loadCpu = process.cpuUsage()
  let touchpoints = 0
  let decisions = 0
  for await (const page of readLeadHistories(db, workspace.id, bounds)) {
    for (const history of page) {
      touchpoints += history.touchpoints.length
      decisions += history.decisions.length
    }
  }
  const loadSeconds = (performance.now() - began) / 1000
  const loadCpuSeconds = cpuSeconds(process.cpuUsage(loadCpu))
  const events = touchpoints + decisions

  // 3. The replay loop apart: the same stream once more, the time in backtestLeadOf summed page by
  // page (wall and this process's CPU, the steadier on a shared machine), and beside it the ceiling
  // on each page: a bare loop over the same in-memory events that only reads one field of each.
  const candidate = await loadCandidate(db, workspace.id, request.candidate)
  const baseline = await loadBaseline(db, workspace.id, 'active')
  const window = replayWindowOf(bounds, workspace.timezone, NOW)
  const judged: BacktestLead[] = []
  let replaySeconds = 0
  let replayCpuSeconds = 0
  let ceilingSeconds = 0
  let pooledSeconds = 0
  let pooledLeads = 0
  let checksum = 0
  // The same loop on the worker threads a backtest job of this size uses: each page split among them
  // and judged at once, the copy to and from the workers included, the reading of the next page not.
  const workers = Math.max(1, replayWorkersFor(LEADS))
  const pool = startReplayPool(workers, {
    candidate: { version: candidate.version, document: candidate.document },
    baseline: { version: baseline.version, document: baseline.document },
    window,
  })
  await pool.judge([]) // started: each worker has compiled both versions
  for await (const page of readLeadHistories(db, workspace.id, bounds)) {
    began = performance.now()
    for (let roundNo = 0; roundNo < CEILING_ROUNDS; roundNo++) {
      for (const history of page) {
        for (const touchpoint of history.touchpoints) checksum += touchpoint.occurredAt
        for (const decision of history.decisions) checksum += decision.at
      }
    }
    ceilingSeconds += (performance.now() - began) / 1000 / CEILING_ROUNDS
    began = performance.now()
    const cpu = process.cpuUsage()
    for (const history of page) {
      const lead = backtestLeadOf(history, candidate, baseline, window)
      if (lead) judged.push(lead)
    }
    replayCpuSeconds += cpuSeconds(process.cpuUsage(cpu))
    replaySeconds += (performance.now() - began) / 1000
    began = performance.now()
    const share = Math.ceil(page.length / workers)
    const parts = Array.from({ length: workers }, (_, index) =>
      page.slice(index * share, (index + 1) * share),
    )
    for (const judged of await Promise.all(parts.map((part) => pool.judge(part))))
      pooledLeads += judged.length
    pooledSeconds += (performance.now() - began) / 1000
  }
  await pool.close()
  if (pooledLeads !== judged.length)
    throw new Error(`the pool judged ${pooledLeads} leads, this thread ${judged.length}`)
  if (checksum === 0) throw new Error('the ceiling loop read nothing')
  // The same work as the job: the same leads, the same MQLs under each version.
  const digest = (leads: readonly BacktestLead[]) =>
    JSON.stringify([
      leads.length,
      leads.filter((lead) => lead.candidate.mqlAt !== null).length,
      leads.filter((lead) => lead.baseline.mqlAt !== null).length,
      leads.filter((lead) => lead.actual.reachedAt.mql !== null).length,
    ])
  if (digest(judged) !== digest(input.leads)) {
    throw new Error(`replay alone judged ${digest(judged)}, the backtest ${digest(input.leads)}`)
  }

  const perSecond = (seconds: number) => Math.round(events / seconds)
  const replayRate = perSecond(replaySeconds)
  const ceilingRate = perSecond(ceilingSeconds)
  const mqls = report.versions.map((version) => `${version.mqls}`).join(' / ')
  const line = (label: string, seconds: number) =>
    `  ${label.padEnd(36)} ${seconds.toFixed(2).padStart(8)} s  ${perSecond(seconds).toLocaleString('en').padStart(12)} events/s`
  console.log(
    `  period ${PERIOD.from} – ${PERIOD.to}: ${input.leads.length.toLocaleString('en')} leads judged, ` +
      `${events.toLocaleString('en')} events (${touchpoints.toLocaleString('en')} touchpoints, ` +
      `${decisions.toLocaleString('en')} decisions), each lead replayed under both versions`,
  )
  console.log(`  MQLs candidate / baseline: ${mqls}; changed leads: ${report.changedLeads}`)
  console.log(line('whole backtest (runBacktest)', wallSeconds))
  console.log(line('  loading (readLeadHistories)', loadSeconds))
  console.log(line('    of it this process, CPU', loadCpuSeconds))
  console.log(line('  replay loop (backtestLeadOf)', replaySeconds))
  console.log(line('    CPU', replayCpuSeconds))
  console.log(line(`    on ${workers} worker thread(s)`, pooledSeconds))
  console.log(line('  report (buildBacktestReport)', reportSeconds))
  console.log(line('ceiling: bare loop over the events', ceilingSeconds))
  console.log(
    `  replay loop ${replayRate.toLocaleString('en')} events/s, ${perSecond(replayCpuSeconds).toLocaleString('en')} per CPU second (goal ≥ 2,000,000); ` +
      `ratio to the ceiling ${(replayRate / ceilingRate).toFixed(4)}; ` +
      `loading is ${Math.round((loadSeconds / (loadSeconds + replaySeconds)) * 100)} % of load + replay`,
  )

  await recordResults('backtest', {
    database: kind,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAverage(),
    leads: seeded.leads,
    seeded,
    seedSeconds: round(seedSeconds, 1),
    period: PERIOD,
    leadsJudged: input.leads.length,
    touchpoints,
    decisions,
    events,
    mqls: report.versions.map((version) => ({ version: version.version, mqls: version.mqls })),
    changedLeads: report.changedLeads,
    wallSeconds: round(wallSeconds, 2),
    eventsPerSecond: perSecond(wallSeconds),
    loadSeconds: round(loadSeconds, 2),
    loadEventsPerSecond: perSecond(loadSeconds),
    loadCpuSeconds: round(loadCpuSeconds, 2),
    replaySeconds: round(replaySeconds, 2),
    replayEventsPerSecond: replayRate,
    replayCpuSeconds: round(replayCpuSeconds, 2),
    replayEventsPerCpuSecond: perSecond(replayCpuSeconds),
    replayWorkers: workers,
    pooledReplaySeconds: round(pooledSeconds, 2),
    pooledReplayEventsPerSecond: perSecond(pooledSeconds),
    reportSeconds: round(reportSeconds, 2),
    ceilingEventsPerSecond: ceilingRate,
    replayRatioToCeiling: round(replayRate / ceilingRate, 5),
    goalReplayEventsPerSecond: 2_000_000,
  })
} finally {
  await database.close()
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6
}
