// Takt's Prometheus metrics. One registry per app (not prom-client's global one), so several apps in one
// process, as the tests start them, never share counts or collide on registration. Services stay free of
// metrics: the HTTP edge and the job runner count from the values the services return.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { PoolUse } from '../db/database.ts'
import type { DeliveryOutcome } from '../webhooks/dispatch-webhooks.ts'
import type { JobObserver } from '../jobs/queue/job-queue.ts'
import { registerDatabaseGauges } from './database-gauges.ts'

export type IngestCounts = { accepted: number; duplicate: number; rejected: number }
/** A stage change as the lifecycle replay records it (TransitionRecord's shape, loosely). */
export type StageMove = { to: string; actor: { type: string } }

export type Metrics = {
  registry: Registry
  /** one observation per answered request, labelled by the route's pattern and the status */
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void
  countIngest(counts: IngestCounts): void
  countStageMoves(moves: readonly StageMove[]): void
  countDelivery(outcome: DeliveryOutcome): void
  jobs: JobObserver
}

export type MetricsOptions = {
  /** the owner's connection: the queue gauges count across workspaces, outside row-level security */
  db: Kysely<Database>
  clock: () => Date
  /** PostgreSQL's connection pool, read at scrape time; absent on PGlite */
  pool?: () => PoolUse | undefined
}

// Prometheus's default buckets stop at 10 s; a 5,000-event batch on a busy database can take longer.
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
const INGEST_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const
const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = ['delivered', 'retrying', 'dead', 'gone']

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry()
  const registers = [registry]
  collectDefaultMetrics({ register: registry })

  const requests = new Histogram({
    name: 'takt_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status: latency, and in _count the number of requests',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS_BUCKETS,
    registers,
  })
  const events = new Counter({
    name: 'takt_ingest_events_total',
    help: 'Touchpoints received through POST /api/v1/events, by outcome (accepted, duplicate, rejected)',
    labelNames: ['outcome'],
    registers,
  })
  const moves = new Counter({
    name: 'takt_lead_transitions_total',
    help: 'Lead stage changes caused by ingested touchpoints and lead actions, by stage entered and actor type',
    labelNames: ['to', 'actor'],
    registers,
  })
  const deliveries = new Counter({
    name: 'takt_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retrying, dead, gone)',
    labelNames: ['outcome'],
    registers,
  })
  const rounds = new Counter({
    name: 'takt_job_rounds_total',
    help: 'Background job rounds completed',
    labelNames: ['job'],
    registers,
  })
  const done = new Counter({
    name: 'takt_job_items_total',
    help: 'Items background job rounds worked on (leads, deliveries)',
    labelNames: ['job'],
    registers,
  })
  const failures = new Counter({
    name: 'takt_job_failures_total',
    help: 'Background job rounds that failed',
    labelNames: ['job'],
    registers,
  })
  // Zeros from the start, so a rate() or an alert sees the series before the first event.
  for (const outcome of INGEST_OUTCOMES) events.inc({ outcome }, 0)
  for (const outcome of DELIVERY_OUTCOMES) deliveries.inc({ outcome }, 0)
  registerDatabaseGauges(registry, options)

  return {
    registry,
    observeRequest: (labels, seconds) =>
      requests.observe(
        { method: labels.method, route: labels.route, status: String(labels.status) },
        seconds,
      ),
    countIngest: (counts) => {
      for (const outcome of INGEST_OUTCOMES) events.inc({ outcome }, counts[outcome])
    },
    countStageMoves: (list) => {
      for (const move of list) moves.inc({ to: move.to, actor: move.actor.type })
    },
    countDelivery: (outcome) => deliveries.inc({ outcome }),
    jobs: {
      round: (job, items) => {
        rounds.inc({ job })
        done.inc({ job }, items)
      },
      failure: (job) => failures.inc({ job }),
    },
  }
}
