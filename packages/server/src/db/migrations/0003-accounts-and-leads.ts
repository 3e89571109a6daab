// Accounts (companies, matched by domain) and leads (people, matched by e-mail). A lead row is a
// projection of its touchpoints and decisions, so most columns are rewritten on every refresh.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table accounts (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      domain text not null check (domain = lower(domain)),
      name text,
      industry text,
      employees int check (employees >= 0),
      country text,
      owner_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, domain),
      foreign key (workspace_id, owner_id) references users (workspace_id, id)
    )`,
    `create table leads (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      email text not null check (email = lower(email)),
      first_name text,
      last_name text,
      title text,
      phone text,
      account_id uuid,
      company_name text,
      country text,
      lane text,
      stage text not null check (stage in
        ('lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified')),
      stage_entered_at timestamptz not null,
      owner_id uuid,
      fit_score double precision not null default 0,
      engagement_score double precision not null default 0,
      scored_at timestamptz not null,
      agreement_version int,
      first_touch_at timestamptz,
      last_touch_at timestamptz,
      touchpoint_count int not null default 0,
      next_check_at timestamptz,
      profile jsonb not null default '{}',
      state jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, email),
      foreign key (workspace_id, account_id) references accounts (workspace_id, id),
      foreign key (workspace_id, owner_id) references users (workspace_id, id),
      foreign key (workspace_id, agreement_version) references agreement_versions (workspace_id, version)
    )`,
    // The lead list: by stage, hottest first, with id as the keyset tie-breaker.
    'create index leads_stage_idx on leads (workspace_id, stage, engagement_score desc, id)',
    'create index leads_owner_idx on leads (workspace_id, owner_id, stage)',
    'create index leads_updated_idx on leads (workspace_id, updated_at desc, id)',
    'create index leads_account_idx on leads (workspace_id, account_id)',
    // Timer jobs scan only leads with something due.
    'create index leads_next_check_idx on leads (workspace_id, next_check_at) where next_check_at is not null',
    // Prefix search (email like 'anna%') without pg_trgm, whatever the database collation.
    'create index leads_email_prefix_idx on leads (workspace_id, email text_pattern_ops)',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table leads', 'drop table accounts'])
}
