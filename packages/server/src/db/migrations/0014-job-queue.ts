// The job queue (pg-boss) lives in the schema pgboss of the same database, so a job is enqueued in the
// transaction that changes state and rolls back with it. Installed here rather than at the queue's
// start: then enqueueing works in any process that has migrated (the CLI, a test app without workers)
// and the shared test templates carry it. The schema is pg-boss's own construction plan, at the
// version the lock file pins; a later pg-boss migrates it itself when the queue starts.
import type { Kysely } from 'kysely'
import { getConstructionPlans } from 'pg-boss'
import { scriptQuery } from '../pglite-dialect.ts'
import { runStatements } from './run-statements.ts'

export const QUEUE_SCHEMA = 'pgboss'

// stately: at most one round waiting and one running, whichever instance sends the next.
const FIRST_QUEUES = {
  'lead-check': 'standard',
  'sla-breach': 'stately',
  'lead-refresh': 'stately',
  'webhook-dispatch': 'stately',
  retention: 'stately',
} as const

export async function up(db: Kysely<unknown>): Promise<void> {
  // The plan wraps itself in BEGIN … COMMIT; the migration already runs in a transaction.
  const plan = getConstructionPlans(QUEUE_SCHEMA)
    .replace(/^\s*BEGIN;/, '')
    .replace(/COMMIT;\s*$/, '')
  await db.executeQuery(scriptQuery(plan))
  // The queues that exist from the start, so a job can be enqueued before any worker ever ran. Their
  // retries and retention are set, and kept current, by the queue at start (jobs/queue/job-queue.ts).
  await runStatements(
    db,
    Object.entries(FIRST_QUEUES).map(
      ([name, policy]) =>
        `select ${QUEUE_SCHEMA}.create_queue('${name}', '${JSON.stringify({ policy })}'::jsonb)`,
    ),
  )
  await runStatements(db, [
    // Requests run as takt_tenant (migration 0005) and enqueue inside their transaction: they may add
    // jobs and read the queue's defaults, and read back only a new job's id, not other jobs' data.
    `grant usage on schema ${QUEUE_SCHEMA} to takt_tenant`,
    `grant select on ${QUEUE_SCHEMA}.queue to takt_tenant`,
    `grant insert on ${QUEUE_SCHEMA}.job, ${QUEUE_SCHEMA}.job_common to takt_tenant`,
    `grant select (id, start_after) on ${QUEUE_SCHEMA}.job, ${QUEUE_SCHEMA}.job_common to takt_tenant`,
    // The admin's Jobs view reads and retries jobs from a request, that is as takt_tenant, which has no
    // other access to the queue's tables: these run as the owner and see the caller's workspace's jobs
    // (data.workspaceId) and the system's (none), never another workspace's.
    `create function takt_jobs(p_state text, p_id uuid, p_limit int)
      returns table (id uuid, name text, state text, retry_count int, retry_limit int, output jsonb,
        created_on timestamptz, start_after timestamptz, started_on timestamptz, completed_on timestamptz)
      language sql stable security definer set search_path = pg_catalog, public as $$
        select j.id, j.name, j.state::text, j.retry_count, j.retry_limit, j.output,
          j.created_on, j.start_after, j.started_on, j.completed_on
        from ${QUEUE_SCHEMA}.job j
        where (p_state is null or j.state::text = p_state) and (p_id is null or j.id = p_id)
          and (j.data->>'workspaceId' is null or j.data->>'workspaceId' = takt_workspace()::text)
        -- What needs an eye first (running, retrying, failed, waiting), then the finished, newest first:
        -- periodic rounds finish every few seconds and would bury the rest.
        order by array_position(array['active', 'retry', 'failed', 'created']::text[], j.state::text) nulls last,
          j.created_on desc, j.id
        limit p_limit $$`,
    // As pg-boss's retry() and cancel() (src/plans.ts retryJobs, cancelJobs) do it, for visible jobs only.
    `create function takt_retry_job(p_id uuid) returns int
      language sql security definer set search_path = pg_catalog, public as $$
        with retried as (
          update ${QUEUE_SCHEMA}.job j set state = 'retry', retry_limit = j.retry_limit + 1,
            completed_on = null, start_after = greatest(j.start_after, ${QUEUE_SCHEMA}.job_now())
          where j.id = p_id and j.state = 'failed'
            and (j.data->>'workspaceId' is null or j.data->>'workspaceId' = takt_workspace()::text)
          returning 1)
        select count(*)::int from retried $$`,
    `create function takt_cancel_job(p_id uuid) returns int
      language sql security definer set search_path = pg_catalog, public as $$
        with cancelled as (
          update ${QUEUE_SCHEMA}.job j set state = 'cancelled', completed_on = ${QUEUE_SCHEMA}.job_now()
          where j.id = p_id and j.state < 'completed'
            and (j.data->>'workspaceId' is null or j.data->>'workspaceId' = takt_workspace()::text)
          returning 1)
        select count(*)::int from cancelled $$`,
    'grant execute on function takt_jobs(text, uuid, int), takt_retry_job(uuid), takt_cancel_job(uuid) to takt_tenant',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop function takt_cancel_job(uuid)',
    'drop function takt_retry_job(uuid)',
    'drop function takt_jobs(text, uuid, int)',
    `revoke all on all tables in schema ${QUEUE_SCHEMA} from takt_tenant`,
    `revoke usage on schema ${QUEUE_SCHEMA} from takt_tenant`,
    `drop schema ${QUEUE_SCHEMA} cascade`,
  ])
}
