// Agreement governance: a version goes draft → proposed → approved → active → retired, and every step
// is kept with who, when, which side and the comment. A request for changes is a step back to draft,
// not a status of its own: the version must be edited before it can be proposed again anyway, and the
// latest review row says why it is a draft. A withdrawn version is a status: it ends there for good.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table agreement_versions drop constraint agreement_versions_status_check',
    `alter table agreement_versions add constraint agreement_versions_status_check
      check (status in ('draft', 'proposed', 'approved', 'active', 'retired', 'withdrawn'))`,
    // Off by default: activation then needs one approval from marketing and one from sales.
    'alter table workspaces add column single_party_activation boolean not null default false',
    `create table agreement_reviews (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id bigint generated always as identity,
      version int not null,
      action text not null check (action in ('drafted', 'edited', 'proposed', 'approved', 'changes_requested',
        'withdrawn', 'activated', 'retired')),
      actor_id uuid,
      side text check (side in ('marketing', 'sales')),
      comment text check (length(comment) <= 4000),
      at timestamptz not null,
      primary key (workspace_id, id),
      foreign key (workspace_id, version) references agreement_versions (workspace_id, version) on delete cascade,
      foreign key (workspace_id, actor_id) references users (workspace_id, id),
      check (action <> 'approved' or side is not null)
    )`,
    // A version's history in order: the identity orders steps taken within the same instant.
    'create index agreement_reviews_by_version on agreement_reviews (workspace_id, version, id)',
    ...isolateTable('agreement_reviews'),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop table agreement_reviews',
    'alter table workspaces drop column single_party_activation',
    // A withdrawn version was never in force; as a draft it keeps its text and loses nothing else.
    `update agreement_versions set status = 'draft' where status = 'withdrawn'`,
    'alter table agreement_versions drop constraint agreement_versions_status_check',
    `alter table agreement_versions add constraint agreement_versions_status_check
      check (status in ('draft', 'proposed', 'approved', 'active', 'retired'))`,
  ])
}
