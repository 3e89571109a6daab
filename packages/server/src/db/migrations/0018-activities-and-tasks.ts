// What sales does with a lead besides moving it: logged calls, e-mails, meetings and notes, and
// follow-up tasks with a due date and an owner. Both are personal data of the lead's person: erasure
// blanks their texts and keeps kind and time, so activity counts still add up.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table activities (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      lead_id uuid not null,
      kind text not null check (kind in ('call', 'email', 'meeting', 'note')),
      outcome text,
      subject text,
      body text,
      duration_minutes integer check (duration_minutes between 0 and 1440),
      occurred_at timestamptz not null,
      author_id uuid,
      created_at timestamptz not null default now(),
      erased_at timestamptz,
      primary key (workspace_id, id),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id) on delete cascade,
      foreign key (workspace_id, author_id) references users (workspace_id, id) on delete set null (author_id)
    )`,
    'create index activities_by_lead on activities (workspace_id, lead_id, occurred_at desc)',
    `create table tasks (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      lead_id uuid not null,
      title text not null,
      due_at timestamptz not null,
      owner_id uuid not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      done_at timestamptz,
      done_by uuid,
      erased_at timestamptz,
      primary key (workspace_id, id),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id) on delete cascade,
      foreign key (workspace_id, owner_id) references users (workspace_id, id) on delete cascade
    )`,
    // My open tasks by due date, and a lead's next open task.
    'create index tasks_open_by_owner on tasks (workspace_id, owner_id, due_at) where done_at is null',
    'create index tasks_by_lead on tasks (workspace_id, lead_id, due_at)',
    ...isolateTable('activities'),
    ...isolateTable('tasks'),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table tasks', 'drop table activities'])
}
