// Tenants, people and credentials, plus the audit log every later change writes to.
// Every tenant table leads its keys with workspace_id so it can be distributed by tenant (Citus).
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table workspaces (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      name text not null,
      timezone text not null default 'Europe/Berlin',
      created_at timestamptz not null default now()
    )`,
    `create table users (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      email text not null check (email = lower(email)),
      name text not null,
      role text not null check (role in ('admin', 'marketing', 'sales', 'sales_manager')),
      password_hash text not null,
      locale text not null default 'de' check (locale in ('de', 'en')),
      created_at timestamptz not null default now(),
      disabled_at timestamptz,
      primary key (workspace_id, id),
      unique (workspace_id, email)
    )`,
    // Keyed by the token hash alone: a request presents only its token, before the workspace is known.
    `create table sessions (
      workspace_id uuid not null,
      id text primary key,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
    )`,
    `create index sessions_user_idx on sessions (workspace_id, user_id)`,
    `create table api_keys (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      name text not null,
      scope text not null check (scope in ('ingest', 'read', 'admin')),
      key_hash text not null unique,
      prefix text not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (workspace_id, id),
      foreign key (workspace_id, created_by) references users (workspace_id, id)
    )`,
    // No foreign key on actor_id: it names a user or an API key, and the log must outlive both.
    `create table audit_log (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id bigint generated always as identity,
      at timestamptz not null default now(),
      actor_type text not null check (actor_type in ('user', 'api_key', 'system')),
      actor_id uuid,
      action text not null,
      target text,
      before jsonb,
      after jsonb,
      primary key (workspace_id, id)
    )`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop table audit_log',
    'drop table api_keys',
    'drop table sessions',
    'drop table users',
    'drop table workspaces',
  ])
}
