// The predictive score's models (issue 15): one row per training run of a workspace, numbered like
// agreement versions, with its state and progress while a job trains it and, once done, the figures of
// every model tried, the chosen one as data (lead pages score with it), its reliability table and the
// factors that weigh most. A run that found too few outcomes keeps its counts and no model. Fields a
// workspace marks as known only after hand-off are kept with the workspace: no model ever learns them.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'
import { QUEUE_SCHEMA } from './0014-job-queue.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table prediction_models (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      version int not null check (version > 0),
      status text not null default 'queued'
        check (status in ('queued', 'running', 'completed', 'insufficient', 'failed')),
      trigger text not null check (trigger in ('manual', 'schedule', 'cli')),
      -- workspace: learned from the workspace's own outcomes, scores its leads; csv: from a file (the
      -- CLI), kept with its figures but never used on leads, whose fields it does not know
      source text not null check (source in ('workspace', 'csv')),
      target text not null check (length(target) between 1 and 200),
      progress real not null default 0,
      outcomes jsonb,
      figures jsonb,
      model jsonb,
      error text,
      job_id uuid,
      created_by uuid,
      created_at timestamptz not null,
      finished_at timestamptz,
      primary key (workspace_id, version),
      foreign key (workspace_id, created_by) references users (workspace_id, id) on delete set null (created_by)
    )`,
    // The current model: the newest completed one learned from the workspace.
    `create index prediction_models_current on prediction_models (workspace_id, version desc)
       where status = 'completed' and source = 'workspace'`,
    ...isolateTable('prediction_models'),
    `alter table workspaces add column post_hand_off_fields text[] not null default '{}'
       check (cardinality(post_hand_off_fields) <= 200)`,
    // Each lead's calibrated probability under the model version that scored it (null: not scored), for
    // the lead list to show and sort by; a lead with marketing is scored again whenever it changes.
    `alter table leads add column predicted real check (predicted between 0 and 1),
       add column predicted_version int`,
    'create index leads_predicted_idx on leads (workspace_id, (coalesce(predicted, -1)) desc, id desc)',
    `select ${QUEUE_SCHEMA}.create_queue('prediction-training', '{"policy": "standard"}'::jsonb)`,
    // The round that asks for a scheduled retraining where one is due (stately, as every round).
    `select ${QUEUE_SCHEMA}.create_queue('prediction-retrain', '{"policy": "stately"}'::jsonb)`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `select ${QUEUE_SCHEMA}.delete_queue('prediction-retrain')`,
    `select ${QUEUE_SCHEMA}.delete_queue('prediction-training')`,
    'alter table workspaces drop column post_hand_off_fields',
    'alter table leads drop column predicted, drop column predicted_version',
    'drop table prediction_models',
  ])
}
