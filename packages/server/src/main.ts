// Composition root: config → database → migrations → demo on first start → HTTP + the job queue.
import type { Config } from './config/load-config.ts'
import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { isDatabaseUnreachable, watchDatabase } from './db/database-availability.ts'
import { buildApp } from './http/app.ts'
import type { Readiness } from './http/routes/health.routes.ts'
import { ensureBootstrapWorkspace } from './services/bootstrap-workspace.ts'
import { ensureDemoWorkspace } from './demo/seed-demo-workspace.ts'
import { LEAD_REFRESH_BATCH, leadRefreshJob } from './jobs/lead-refresh.job.ts'
import { RETENTION_BATCH, RETENTION_EVERY_MS, retentionJob } from './jobs/retention.job.ts'
import { SLA_BATCH, slaBreachJob } from './jobs/sla-breach.job.ts'
import { autovacuumRuns, TABLE_UPKEEP_EVERY_MS, tableUpkeepJob } from './jobs/table-upkeep.job.ts'
import { workLeadChecks } from './jobs/lead-check.job.ts'
import { workIngestApply } from './jobs/ingest-apply.job.ts'
import { workBacktests } from './jobs/backtest.job.ts'
import { shadowJob } from './jobs/shadow.job.ts'
import { workPredictionTraining } from './jobs/prediction-training.job.ts'
import { PREDICTION_TRAINING_QUEUE } from './jobs/queue/prediction-training-queue.ts'
import {
  RETRAIN_BATCH,
  RETRAIN_CHECK_EVERY_MS,
  startDueRetraining,
} from './services/prediction/scheduled-retraining.ts'
import { BACKTEST_QUEUE } from './jobs/queue/backtest-queue.ts'
import { INGEST_APPLY_QUEUE } from './jobs/queue/ingest-apply-queue.ts'
import { LEAD_CHECK_QUEUE } from './jobs/queue/lead-check-schedule.ts'
import { createJobQueue } from './jobs/queue/job-queue.ts'
import { periodicQueue, workPeriodically, type PeriodicRound } from './jobs/queue/periodic-round.ts'
import { DEFAULT_DISPATCH, dispatchWebhooks } from './webhooks/dispatch-webhooks.ts'
import { createLogger } from './logger.ts'
import { createMetrics } from './metrics/metrics.ts'

export async function startServer(config: Config, options: { demo: boolean; demoLeads: number }) {
  const log = createLogger(config.logLevel)
  // Where start-up time goes, logged once listening (npm run bench prints it for a restart).
  const phases: Record<string, number> = { loadModules: Math.round(performance.now()) }
  let phaseStart = performance.now()
  const phase = (name: string) => {
    phases[name] = Math.round(performance.now() - phaseStart)
    phaseStart = performance.now()
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger: log,
  })
  phase('openDatabase')
  // A server started before its database (a fresh cluster, a failover in progress) waits for it.
  await untilReachable(() => migrateToLatest(database.db), log)
  phase('migrate')
  const clock = () => new Date()
  const availability = watchDatabase(database.db, log)
  const readiness: Readiness = { draining: false }
  // One registry for the app and the jobs it runs beside.
  const metrics = createMetrics({ db: database.db, clock, pool: () => database.pool })
  const app = await buildApp({
    db: database.db,
    clock,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    logger: log,
    rateLimitPerMinute: config.rateLimitPerMinute,
    corsOrigins: config.corsOrigins,
    webhookTargets: { allowPrivate: config.allowPrivateWebhookTargets },
    databaseAvailability: availability,
    readiness,
    metrics,
    metricsPublic: config.metricsPublic,
    trustProxy: config.trustProxy,
  })
  if (database.kind === 'pglite') {
    app.log.warn(
      { dataDir: config.dataDir },
      'Embedded PGlite database: it survives a killed process but not a power loss (no fsync). Use DATABASE_URL with PostgreSQL in production.',
    )
  }
  phase('buildApp')
  const demo = options.demo
    ? await ensureDemoWorkspace(database.db, {
        dataDir: config.dataDir,
        leads: options.demoLeads,
        now: clock(),
        log: (line) => app.log.info(line),
      })
    : undefined
  // After the demo: without TAKT_BOOTSTRAP_WORKSPACE a bootstrap key goes to the demo workspace, if any.
  await ensureBootstrapWorkspace(database.db, config, {
    defaultSlug: demo ? 'demo' : 'main',
    now: clock(),
    log: app.log,
  })
  const dispatch = {
    ...DEFAULT_DISPATCH,
    policy: { allowPrivate: config.allowPrivateWebhookTargets },
    clock,
    onOutcome: metrics.countDelivery,
  }
  const upkeep = database.kind === 'pglite' || !(await autovacuumRuns(database.db))
  if (upkeep && database.kind === 'postgres') {
    log.warn('autovacuum is off on this PostgreSQL server: Takt vacuums and analyzes its own tables')
  }
  const rounds: PeriodicRound[] = [
    {
      name: leadRefreshJob.name,
      everyMs: config.jobIntervals.leadRefreshMs,
      round: async () => {
        const refreshed = await leadRefreshJob.handle(database.db, clock())
        return { done: refreshed, full: refreshed === LEAD_REFRESH_BATCH }
      },
    },
    {
      name: slaBreachJob.name,
      everyMs: config.jobIntervals.slaBreachMs,
      round: async () => {
        const round = await slaBreachJob.handle(database.db, clock())
        return { done: round.fired, full: round.leads === SLA_BATCH && round.fired > 0 }
      },
    },
    {
      name: WEBHOOK_DISPATCH,
      everyMs: config.jobIntervals.webhookDeliveryMs,
      round: async () => {
        const sent = await dispatchWebhooks(database.db, dispatch)
        return { done: sent, full: sent === dispatch.batch }
      },
    },
    {
      name: 'prediction-retrain',
      everyMs: RETRAIN_CHECK_EVERY_MS,
      round: async () => {
        const started = await startDueRetraining(database.db, clock())
        return { done: started, full: started === RETRAIN_BATCH }
      },
    },
    {
      name: shadowJob.name,
      everyMs: config.jobIntervals.shadowMs,
      // One round records every running shadow to its end: never full.
      round: async () => ({ done: await shadowJob.handle(database.db, clock()), full: false }),
    },
    // PostgreSQL's autovacuum does this, where it is on; PGlite has none.
    ...(upkeep
      ? [
          {
            name: tableUpkeepJob.name,
            everyMs: TABLE_UPKEEP_EVERY_MS,
            round: async () => ({ done: (await tableUpkeepJob.handle(database.db)).length, full: false }),
          },
        ]
      : []),
    ...(config.retentionMonths > 0
      ? [
          {
            name: retentionJob.name,
            everyMs: RETENTION_EVERY_MS,
            round: async () => {
              const erased = await retentionJob.handle(database.db, clock(), config.retentionMonths)
              if (erased > 0)
                log.info({ erased, months: config.retentionMonths }, 'retention: erased inactive leads')
              return { done: erased, full: erased === RETENTION_BATCH }
            },
          },
        ]
      : []),
  ]
  const queue = createJobQueue({
    db: database.db,
    databaseUrl: config.databaseUrl,
    queues: [
      LEAD_CHECK_QUEUE,
      INGEST_APPLY_QUEUE,
      BACKTEST_QUEUE,
      PREDICTION_TRAINING_QUEUE,
      ...rounds.map((round) => periodicQueue(round.name)),
    ],
    log: app.log,
    observer: metrics.jobs,
    database: availability,
  })
  await queue.start()
  await workLeadChecks(queue, database.db, clock)
  await workIngestApply(queue, database.db, clock, metrics.countStageMoves)
  await workBacktests(queue, database.db, clock, { workers: config.backtestWorkers })
  await workPredictionTraining(queue, database.db, clock)
  for (const round of rounds) await workPeriodically(queue, database.db, round, metrics.jobs)
  phase('workspaces')
  await app.listen({ port: config.port, host: config.host })
  phase('listen')
  log.info({ phases, sinceProcessStart: Math.round(performance.now()) }, 'started')
  const url =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
  return {
    app,
    url,
    demo,
    /**
     * Graceful shutdown: /readyz turns 503, the listener closes, requests and job rounds in progress
     * finish (an acknowledged batch is committed), then the database closes.
     */
    async close() {
      readiness.draining = true
      await Promise.all([queue.stop(), app.close()])
      availability.stop()
      await database.close()
    },
  }
}

const WEBHOOK_DISPATCH = 'webhook-dispatch'
const RETRY_START_MS = 250
const RETRY_MAX_MS = 5_000

async function untilReachable<T>(work: () => Promise<T>, log: ReturnType<typeof createLogger>): Promise<T> {
  for (let wait = RETRY_START_MS; ; wait = Math.min(wait * 2, RETRY_MAX_MS)) {
    try {
      return await work()
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error
      log.warn({ err: error, retryInMs: wait }, 'database unreachable at start; waiting for it')
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}
