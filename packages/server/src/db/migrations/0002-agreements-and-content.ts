// Agreement versions (every version is kept, the YAML as written) and the content catalog.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table agreement_versions (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      version int not null check (version > 0),
      name text not null,
      document jsonb not null,
      source text not null,
      status text not null check (status in ('draft', 'proposed', 'approved', 'active', 'retired')),
      created_by uuid,
      created_at timestamptz not null default now(),
      activated_at timestamptz,
      primary key (workspace_id, version),
      foreign key (workspace_id, created_by) references users (workspace_id, id)
    )`,
    // Scoring reads "the" active agreement: two would make it ambiguous. Retire before activating.
    `create unique index agreement_versions_one_active_idx on agreement_versions (workspace_id)
      where status = 'active'`,
    `create table content_items (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id text not null,
      title text not null,
      kind text not null,
      journey_stage text check (journey_stage in ('orientation', 'consideration', 'decision')),
      topics jsonb not null default '[]' check (jsonb_typeof(topics) = 'array'),
      url text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    )`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table content_items', 'drop table agreement_versions'])
}
