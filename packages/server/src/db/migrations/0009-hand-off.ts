// Hand-off to sales: reps' availability and region, SLA breach timers, in-app notifications, and
// outgoing webhooks as a transactional outbox (events written with the change that caused them).
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // The German state whose public holidays the rep's SLA clock skips, e.g. BY or NW.
    'alter table users add column region text',
    `alter table users add column out_of_office jsonb not null default '[]'::jsonb`,
    // System decisions a job may try to record twice (two instances, a retried run) carry a key.
    'alter table decisions add column dedupe_key text',
    'create unique index decisions_dedupe on decisions (workspace_id, dedupe_key) where dedupe_key is not null',
    // The next SLA breach step of an assigned MQL, so the breach job finds due leads by index.
    'alter table leads add column sla_check_at timestamptz',
    'create index leads_sla_check on leads (sla_check_at) where sla_check_at is not null',
    `create table notifications (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      user_id uuid not null,
      kind text not null,
      lead_id uuid,
      data jsonb not null default '{}'::jsonb,
      dedupe_key text,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      primary key (workspace_id, id),
      foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
    )`,
    'create index notifications_inbox on notifications (workspace_id, user_id, created_at desc)',
    'create unique index notifications_dedupe on notifications (workspace_id, dedupe_key) where dedupe_key is not null',
    `create table webhook_subscriptions (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      url text not null,
      description text,
      event_types jsonb not null,
      secrets jsonb not null,
      enabled boolean not null default true,
      disabled_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    )`,
    `create table webhook_events (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id text not null,
      type text not null,
      lead_id uuid,
      payload jsonb not null,
      created_at timestamptz not null,
      primary key (workspace_id, id)
    )`,
    'create index webhook_events_lead on webhook_events (workspace_id, lead_id)',
    `create table webhook_deliveries (
      workspace_id uuid not null,
      id uuid not null default gen_random_uuid(),
      event_id text not null,
      subscription_id uuid not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'dead', 'cancelled')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      locked_until timestamptz,
      last_status integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null,
      primary key (workspace_id, id),
      unique (workspace_id, subscription_id, event_id),
      foreign key (workspace_id, event_id) references webhook_events (workspace_id, id) on delete cascade,
      foreign key (workspace_id, subscription_id) references webhook_subscriptions (workspace_id, id) on delete cascade
    )`,
    `create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`,
    'create index webhook_deliveries_log on webhook_deliveries (workspace_id, subscription_id, created_at desc)',
    `create table webhook_attempts (
      workspace_id uuid not null,
      delivery_id uuid not null,
      attempt integer not null,
      at timestamptz not null,
      status integer,
      error text,
      duration_ms integer not null,
      response_excerpt text,
      primary key (workspace_id, delivery_id, attempt),
      foreign key (workspace_id, delivery_id) references webhook_deliveries (workspace_id, id) on delete cascade
    )`,
    ...[
      'notifications',
      'webhook_subscriptions',
      'webhook_events',
      'webhook_deliveries',
      'webhook_attempts',
    ].flatMap(isolateTable),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop table webhook_attempts',
    'drop table webhook_deliveries',
    'drop table webhook_events',
    'drop table webhook_subscriptions',
    'drop table notifications',
    'alter table leads drop column sla_check_at',
    'drop index decisions_dedupe',
    'alter table decisions drop column dedupe_key',
    'alter table users drop column out_of_office',
    'alter table users drop column region',
  ])
}
