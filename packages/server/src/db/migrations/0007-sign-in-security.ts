// Sign-in throttling and an audit log that the application can only append to.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Read before anyone is signed in, so it is keyed by what the sign-in form names, not by workspace id.
    `create table login_failures (
      workspace_slug text not null,
      email text not null,
      ip text not null,
      at timestamptz not null default now()
    )`,
    'create index login_failures_key_idx on login_failures (workspace_slug, email, at)',
    'create index login_failures_ip_idx on login_failures (ip, at)',
    'revoke all on login_failures from takt_tenant',
    'alter table users add column password_changed_at timestamptz',
    // Append-only for the application: the tenant role may add entries and read them, never change them.
    'revoke update, delete on audit_log from takt_tenant',
    // Erasure is the one exception the law makes: it may blank a person's data inside entries, nothing else.
    `create function takt_redact_audit(p_workspace uuid, p_needles text[]) returns integer
      language plpgsql security definer set search_path = public as $$
      declare
        changed integer := 0;
        affected integer;
        needle text;
        pattern text;
      begin
        if p_workspace is distinct from takt_workspace() then
          raise exception 'erasure may only redact the current workspace';
        end if;
        foreach needle in array p_needles loop
          if needle is null or length(needle) < 3 then continue; end if;
          pattern := regexp_replace(needle, '([.^$*+?()\\[\\]{}|\\\\-])', '\\\\\\1', 'g');
          update audit_log set
            before = regexp_replace(before::text, pattern, '[erased]', 'gi')::jsonb,
            after = regexp_replace(after::text, pattern, '[erased]', 'gi')::jsonb,
            target = regexp_replace(target, pattern, '[erased]', 'gi')
          where workspace_id = p_workspace
            and (before::text ~* pattern or after::text ~* pattern or target ~* pattern);
          get diagnostics affected = row_count;
          changed := changed + affected;
        end loop;
        return changed;
      end $$`,
    'revoke all on function takt_redact_audit(uuid, text[]) from public',
    'grant execute on function takt_redact_audit(uuid, text[]) to takt_tenant',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop function takt_redact_audit(uuid, text[])',
    'grant update, delete on audit_log to takt_tenant',
    'alter table users drop column password_changed_at',
    'drop table login_failures',
  ])
}
