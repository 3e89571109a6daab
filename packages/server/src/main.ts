// Composition root: config → database → migrations → demo on first start → HTTP + jobs.
import type { Config } from './config/load-config.ts'
import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { buildApp } from './http/app.ts'
import { ensureBootstrapApiKey } from './services/bootstrap-api-key.ts'
import { ensureDemoWorkspace } from './demo/seed-demo-workspace.ts'
import { startLeadRefreshJob } from './jobs/lead-refresh.job.ts'
import { startRetentionJob } from './jobs/retention.job.ts'
import { every } from './jobs/every.ts'
import { SLA_BATCH, slaBreachJob } from './jobs/sla-breach.job.ts'
import { DEFAULT_DISPATCH, dispatchWebhooks } from './webhooks/dispatch-webhooks.ts'

export async function startServer(config: Config, options: { demo: boolean; demoLeads: number }) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrateToLatest(database.db)
  const clock = () => new Date()
  const app = await buildApp({
    db: database.db,
    clock,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    logLevel: config.logLevel,
    rateLimitPerMinute: config.rateLimitPerMinute,
    corsOrigins: config.corsOrigins,
    webhookTargets: { allowPrivate: config.allowPrivateWebhookTargets },
  })
  if (database.kind === 'pglite') {
    app.log.warn(
      { dataDir: config.dataDir },
      'Embedded PGlite database: it survives a killed process but not a power loss (no fsync). Use DATABASE_URL with PostgreSQL in production.',
    )
  }
  const demo = options.demo
    ? await ensureDemoWorkspace(database.db, {
        dataDir: config.dataDir,
        leads: options.demoLeads,
        now: clock(),
        log: (line) => app.log.info(line),
      })
    : undefined
  // After the demo, so that a bootstrap key on a fresh install belongs to the workspace just created.
  await ensureBootstrapApiKey(database.db, config.bootstrapApiKey)
  const job = startLeadRefreshJob(database.db, clock, app.log)
  const retention = startRetentionJob(database.db, clock, app.log, config.retentionMonths)
  const sla = every(
    60_000,
    slaBreachJob.name,
    async () => {
      const round = await slaBreachJob.handle(database.db, clock())
      return { done: round.fired, full: round.leads === SLA_BATCH && round.fired > 0 }
    },
    app.log,
  )
  const dispatch = { ...DEFAULT_DISPATCH, policy: { allowPrivate: config.allowPrivateWebhookTargets }, clock }
  const webhooks = every(
    2_000,
    'webhook-delivery',
    async () => {
      const sent = await dispatchWebhooks(database.db, dispatch)
      return { done: sent, full: sent === dispatch.batch }
    },
    app.log,
  )
  await app.listen({ port: config.port, host: config.host })
  const url =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
  return {
    app,
    url,
    demo,
    async close() {
      job.stop()
      retention.stop()
      sla.stop()
      webhooks.stop()
      await app.close()
      await database.close()
    },
  }
}
