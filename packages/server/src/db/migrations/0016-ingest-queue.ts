// Touchpoints sent with `Prefer: respond-async` are acknowledged once they are stored here, and applied
// to their leads by the ingest-apply job (services/apply-queued-events.ts). A row leaves the queue in
// the transaction that stores its event, so an acknowledged touchpoint is either queued or in the log.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'
import { QUEUE_SCHEMA } from './0014-job-queue.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table ingest_queue (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      seq bigint generated always as identity,
      client_id text not null,
      payload_hash text not null,
      item jsonb not null,
      received_at timestamptz not null default now(),
      primary key (workspace_id, seq),
      unique (workspace_id, client_id)
    )`,
    ...isolateTable('ingest_queue'),
    // The job's queue exists before any worker starts, so a request can enqueue it (as in 0014).
    `select ${QUEUE_SCHEMA}.create_queue('ingest-apply', '{"policy": "standard"}'::jsonb)`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`select ${QUEUE_SCHEMA}.delete_queue('ingest-apply')`, 'drop table ingest_queue'])
}
