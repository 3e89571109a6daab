// The log (touchpoints and manual decisions, both append-only) and the stage history projected from it.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // seq gives a stable total order of arrival; client_id makes ingestion idempotent. Deleting a
    // lead does not cascade to the log: erasing a person must rewrite their events deliberately.
    `create table events (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      seq bigint generated always as identity,
      client_id text not null,
      lead_id uuid not null,
      type text not null,
      occurred_at timestamptz not null,
      received_at timestamptz not null default now(),
      source text,
      content_id text,
      journey_stage text,
      topics jsonb,
      properties jsonb not null default '{}',
      lead_fields jsonb not null default '{}',
      payload_hash text not null,
      primary key (workspace_id, seq),
      unique (workspace_id, client_id),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id)
    )`,
    'create index events_lead_idx on events (workspace_id, lead_id, occurred_at)',
    `create table decisions (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      -- decisions made at the same instant replay in the order they were recorded
      seq bigint generated always as identity,
      lead_id uuid not null,
      kind text not null,
      decided_at timestamptz not null,
      actor_type text not null check (actor_type in ('user', 'api_key', 'system')),
      actor_id uuid,
      reason text,
      note text,
      data jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id)
    )`,
    'create index decisions_lead_idx on decisions (workspace_id, lead_id, decided_at)',
    `create table transitions (
      workspace_id uuid not null,
      lead_id uuid not null,
      seq int not null,
      from_stage text,
      to_stage text not null,
      at timestamptz not null,
      actor_type text not null check (actor_type in ('user', 'api_key', 'system')),
      actor_id uuid,
      agreement_version int,
      reason text,
      trigger jsonb not null,
      fit_score double precision not null,
      engagement_score double precision not null,
      primary key (workspace_id, lead_id, seq),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id) on delete cascade
    )`,
    // Funnel reports: how many entered a stage in a period.
    'create index transitions_stage_idx on transitions (workspace_id, to_stage, at)',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table transitions', 'drop table decisions', 'drop table events'])
}
