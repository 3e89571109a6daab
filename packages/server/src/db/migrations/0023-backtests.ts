// Backtests as runs that outlive the request: a row per run with its state, progress and result, worked
// by a job. The per-lead results are kept beside the report, so the changed leads can be paged later
// without replaying the period again. The versions and the period are stored as resolved when the run
// was asked for: "active" or a default period would otherwise mean something else by the time it runs.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'
import { QUEUE_SCHEMA } from './0014-job-queue.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table backtests (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      candidate_version int,
      candidate_source text check (length(candidate_source) <= 1000000),
      against text not null check (against = 'active' or against ~ '^[0-9]{1,10}$'),
      baseline_version int not null,
      period_from date not null,
      period_to date not null,
      status text not null default 'queued'
        check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
      progress real not null default 0,
      report jsonb,
      leads jsonb,
      error text,
      job_id uuid,
      created_by uuid,
      created_at timestamptz not null,
      finished_at timestamptz,
      primary key (workspace_id, id),
      foreign key (workspace_id, candidate_version) references agreement_versions (workspace_id, version),
      foreign key (workspace_id, baseline_version) references agreement_versions (workspace_id, version),
      foreign key (workspace_id, created_by) references users (workspace_id, id) on delete set null (created_by),
      -- exactly one candidate: a stored version or a document given as text
      check ((candidate_version is null) <> (candidate_source is null)),
      check (period_from <= period_to)
    )`,
    // The list is newest first, paged by (created_at, id).
    'create index backtests_newest on backtests (workspace_id, created_at desc, id desc)',
    ...isolateTable('backtests'),
    // The job's queue exists before any worker starts, so a request can enqueue it (as in 0014).
    `select ${QUEUE_SCHEMA}.create_queue('backtest', '{"policy": "standard"}'::jsonb)`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`select ${QUEUE_SCHEMA}.delete_queue('backtest')`, 'drop table backtests'])
}
