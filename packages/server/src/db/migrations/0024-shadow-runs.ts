// Shadow mode: a proposed or approved version runs beside the active one on live traffic. A row per
// shadow with the period and where its recording stands, and a row per (shadow, lead) with what the
// shadow version and the baseline would have decided; the report is built from those rows and the
// leads' real stage history whenever it is read. Nothing here acts on a lead.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table shadow_runs (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      version int not null,
      -- the version active at the start: the comparison stays the same if another is activated meanwhile
      baseline_version int not null,
      status text not null default 'running' check (status in ('running', 'finished', 'stopped')),
      started_at timestamptz not null,
      ends_at timestamptz not null,
      -- The database's clock, as leads.created_at and leads.updated_at are:
      -- "created since the start" and "changed since the checkpoint" compare like with like.
      created_from timestamptz not null default now(),
      checkpoint_at timestamptz not null default now(),
      -- a round under way: the database's instant it began (the next checkpoint), the instant the
      -- leads are replayed up to, and the last lead id done (keyset); all null between rounds
      round_began_at timestamptz,
      round_until timestamptz,
      round_after uuid,
      leads_seen int not null default 0,
      last_run_at timestamptz,
      created_by uuid,
      finished_at timestamptz,
      primary key (workspace_id, id),
      foreign key (workspace_id, version) references agreement_versions (workspace_id, version),
      foreign key (workspace_id, baseline_version) references agreement_versions (workspace_id, version),
      foreign key (workspace_id, created_by) references users (workspace_id, id) on delete set null (created_by),
      check (started_at < ends_at),
      check ((round_began_at is null) = (round_until is null))
    )`,
    // The list is newest first, paged by (started_at, id).
    'create index shadow_runs_newest on shadow_runs (workspace_id, started_at desc, id desc)',
    // One running shadow per version; the start checks first, this settles a race.
    `create unique index shadow_runs_one_running on shadow_runs (workspace_id, version) where status = 'running'`,
    // The job looks for running shadows across workspaces, the least recently recorded first.
    `create index shadow_runs_running on shadow_runs (last_run_at nulls first) where status = 'running'`,
    `create table shadow_leads (
      workspace_id uuid not null,
      shadow_id uuid not null,
      lead_id uuid not null,
      shadow_mql_at timestamptz,
      shadow_explanations jsonb not null default '[]',
      shadow_lane text,
      shadow_source text,
      baseline_mql_at timestamptz,
      baseline_explanations jsonb not null default '[]',
      baseline_lane text,
      baseline_source text,
      updated_at timestamptz not null,
      primary key (workspace_id, shadow_id, lead_id),
      foreign key (workspace_id, shadow_id) references shadow_runs (workspace_id, id) on delete cascade,
      foreign key (workspace_id, lead_id) references leads (workspace_id, id) on delete cascade
    )`,
    // Deleting a lead finds its rows without scanning every shadow's.
    'create index shadow_leads_lead on shadow_leads (workspace_id, lead_id)',
    ...isolateTable('shadow_runs'),
    ...isolateTable('shadow_leads'),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table shadow_leads', 'drop table shadow_runs'])
}
