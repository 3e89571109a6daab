// Round-robin position per team, so hand-offs stay fair across requests and server instances.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table routing_cursors (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      team text not null,
      last_rep text not null,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, team)
    )`,
    ...isolateTable('routing_cursors'),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table routing_cursors'])
}
