import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { TargetPolicy } from '../webhooks/webhook-target.ts'
import type { Metrics } from '../metrics/metrics.ts'

/** What route plugins get: the database and the clock (tests pass a fake one). */
export type AppDeps = {
  db: Kysely<Database>
  clock: () => Date
  /** cookies get the Secure flag when the app is served over https */
  secureCookies: boolean
  /** where webhooks may point; private and loopback addresses only when the configuration allows */
  webhookTargets?: TargetPolicy
  /** the app's Prometheus metrics; main.ts shares them with the jobs (buildApp makes its own otherwise) */
  metrics?: Metrics
}
