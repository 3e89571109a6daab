// Row-level security: a request runs as role takt_tenant with takt.workspace_id set for its transaction,
// and PostgreSQL itself hides every other workspace's rows. A forgotten filter in a query cannot leak.
// The owner (migrations, CLI, jobs that span workspaces, the sign-in gate) is not subject to the policies.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export const TENANT_TABLES = [
  'users',
  'sessions',
  'api_keys',
  'audit_log',
  'agreement_versions',
  'content_items',
  'accounts',
  'leads',
  'events',
  'decisions',
  'transitions',
] as const

/** The statements that put one table under the workspace policy; later migrations use it for new tables. */
export function isolateTable(table: string): string[] {
  return [
    `alter table ${table} enable row level security`,
    `create policy workspace_isolation on ${table} using (workspace_id = takt_workspace()) with check (workspace_id = takt_workspace())`,
  ]
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Roles are shared by the whole server; several databases (and parallel test runs) may race to create it.
    // Checked first: a user without CREATEROLE is refused `create role` even for a role that exists, so an
    // administrator's ready-made takt_tenant would otherwise fail the migration.
    `do $$ begin
      if not exists (select from pg_roles where rolname = 'takt_tenant') then create role takt_tenant nologin; end if;
    exception when duplicate_object or unique_violation then null; end $$`,
    // A non-superuser owner must be a member to switch to the role; a superuser needs nothing.
    `do $$ begin execute format('grant takt_tenant to %I', current_user); exception when others then null; end $$`,
    `create function takt_workspace() returns uuid language sql stable as
      $$ select nullif(current_setting('takt.workspace_id', true), '')::uuid $$`,
    'grant usage on schema public to takt_tenant',
    'grant select, insert, update, delete on all tables in schema public to takt_tenant',
    'grant usage, select on all sequences in schema public to takt_tenant',
    'grant execute on function takt_workspace() to takt_tenant',
    'alter default privileges in schema public grant select, insert, update, delete on tables to takt_tenant',
    'alter default privileges in schema public grant usage, select on sequences to takt_tenant',
    'alter table workspaces enable row level security',
    `create policy workspace_isolation on workspaces using (id = takt_workspace()) with check (id = takt_workspace())`,
    ...TENANT_TABLES.flatMap(isolateTable),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    ...['workspaces', ...TENANT_TABLES].flatMap((table) => [
      `drop policy workspace_isolation on ${table}`,
      `alter table ${table} disable row level security`,
    ]),
    'alter default privileges in schema public revoke select, insert, update, delete on tables from takt_tenant',
    'alter default privileges in schema public revoke usage, select on sequences from takt_tenant',
    'revoke all on all tables in schema public from takt_tenant',
    'revoke all on all sequences in schema public from takt_tenant',
    'revoke usage on schema public from takt_tenant',
    'drop function takt_workspace()',
  ])
}
