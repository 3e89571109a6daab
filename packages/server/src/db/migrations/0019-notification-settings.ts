// Each person's choice of which notifications they want. Stored as the kinds they switched off, so a
// kind added later notifies everyone until they say otherwise; no row means every kind is on.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table notification_settings (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      user_id uuid not null,
      muted_kinds jsonb not null default '[]'::jsonb,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, user_id),
      foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
    )`,
    ...isolateTable('notification_settings'),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table notification_settings'])
}
