// Gauges read at scrape time: work waiting in the database's queues and the PostgreSQL pool's use.
// One query for all queue depths, each count served by a partial index (migration 0012), across all
// workspaces as the owner, so a scrape costs the same however many workspaces there are.
import { Gauge, type Registry } from 'prom-client'
import { sql } from 'kysely'
import type { PoolUse } from '../db/database.ts'
import type { MetricsOptions } from './metrics.ts'

type QueueDepths = {
  webhook_pending: string
  webhook_dead: string
  mql_waiting: string
  sla_due: string
}

export function registerDatabaseGauges(registry: Registry, options: MetricsOptions) {
  const registers = [registry]
  new Gauge({
    name: 'takt_queue_depth',
    help:
      'Work waiting, by queue: webhook_pending (deliveries not yet delivered), webhook_dead (dead-lettered ' +
      'deliveries), mql_waiting (MQLs in team queues without an owner), sla_due (leads whose SLA step is due)',
    labelNames: ['queue'],
    registers,
    async collect() {
      // A scrape while the database is away still answers the process's own metrics; the queue series
      // are left out rather than shown with stale values.
      this.reset()
      const depths = await readQueueDepths(options).catch(() => undefined)
      if (!depths) return
      for (const [queue, count] of Object.entries(depths)) this.set({ queue }, Number(count))
    },
  })
  const pool = options.pool
  if (!pool) return
  const poolGauge = (name: string, help: string, read: (use: PoolUse) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const use = pool()
        if (use) this.set(read(use))
      },
    })
  poolGauge('takt_db_pool_connections', 'PostgreSQL connections open in the pool', (use) => use.totalCount)
  poolGauge('takt_db_pool_idle_connections', 'PostgreSQL connections open and idle', (use) => use.idleCount)
  poolGauge(
    'takt_db_pool_waiting_requests',
    'Queries waiting for a PostgreSQL connection because the pool is at its limit',
    (use) => use.waitingCount,
  )
}

async function readQueueDepths({ db, clock }: MetricsOptions): Promise<QueueDepths> {
  const result = await sql<QueueDepths>`
    select
      (select count(*) from webhook_deliveries where status = 'pending') as webhook_pending,
      (select count(*) from webhook_deliveries where status = 'dead') as webhook_dead,
      (select count(*) from leads where stage = 'mql' and owner_id is null) as mql_waiting,
      (select count(*) from leads where sla_check_at is not null and sla_check_at <= ${clock()}) as sla_due`.execute(
    db,
  )
  return result.rows[0]!
}
