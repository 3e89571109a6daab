// Composition root: config → database → migrations → demo on first start → HTTP + jobs.
import type { Config } from './config/load-config.ts'
import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { isDatabaseUnreachable, watchDatabase } from './db/database-availability.ts'
import { buildApp } from './http/app.ts'
import type { Readiness } from './http/routes/health.routes.ts'
import { ensureBootstrapWorkspace } from './services/bootstrap-workspace.ts'
import { ensureDemoWorkspace } from './demo/seed-demo-workspace.ts'
import { startLeadRefreshJob } from './jobs/lead-refresh.job.ts'
import { startRetentionJob } from './jobs/retention.job.ts'
import { every } from './jobs/every.ts'
import { SLA_BATCH, slaBreachJob } from './jobs/sla-breach.job.ts'
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
  const runtime = { log: app.log, database: availability, observer: metrics.jobs }
  const dispatch = {
    ...DEFAULT_DISPATCH,
    policy: { allowPrivate: config.allowPrivateWebhookTargets },
    clock,
    onOutcome: metrics.countDelivery,
  }
  const jobs = [
    startLeadRefreshJob(database.db, clock, runtime, config.jobIntervals.leadRefreshMs),
    startRetentionJob(database.db, clock, runtime, config.retentionMonths),
    every(
      {
        name: slaBreachJob.name,
        everyMs: config.jobIntervals.slaBreachMs,
        round: async () => {
          const round = await slaBreachJob.handle(database.db, clock())
          return { done: round.fired, full: round.leads === SLA_BATCH && round.fired > 0 }
        },
      },
      runtime,
    ),
    every(
      {
        name: 'webhook-delivery',
        everyMs: config.jobIntervals.webhookDeliveryMs,
        round: async () => {
          const sent = await dispatchWebhooks(database.db, dispatch)
          return { done: sent, full: sent === dispatch.batch }
        },
      },
      runtime,
    ),
  ]
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
      await Promise.all([...jobs.map((job) => job.stop()), app.close()])
      availability.stop()
      await database.close()
    },
  }
}

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
