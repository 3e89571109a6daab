// Saved views of the pipeline board: a named set of filters, personal or shared with the workspace.
// Filters are kept as the JSON the list query takes, so a view never lags behind a new filter.
// Owner-only changes are the route's rule; the row policy keeps workspaces apart as for every table.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table saved_views (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      owner_id uuid not null,
      name text not null check (length(name) between 1 and 100),
      shared boolean not null default false,
      filters jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, owner_id) references users (workspace_id, id) on delete cascade
    )`,
    // A user's own views and the workspace's shared ones, each listed by name.
    'create index saved_views_by_owner on saved_views (workspace_id, owner_id, name)',
    'create index saved_views_shared on saved_views (workspace_id, name) where shared',
    ...isolateTable('saved_views'),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table saved_views'])
}
