// What next best content recommended to whom, and since when (issue 15): kept so that a report can tell
// afterwards whether recommended items were consumed and preceded the lead's MQL. One row per lead and
// item, with the first time the item was recommended to it; showing it again changes nothing.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table content_recommendations (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      lead_id uuid not null,
      content_id text not null check (length(content_id) <= 200),
      first_recommended_at timestamptz not null,
      primary key (workspace_id, lead_id, content_id),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id) on delete cascade
    )`,
    // The report reads the period's recommendations.
    'create index content_recommendations_at on content_recommendations (workspace_id, first_recommended_at)',
    ...isolateTable('content_recommendations'),
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table content_recommendations'])
}
