// The pipeline board's default view: every stage, hottest first, paged by (engagement, id). Without
// this index each page sorts the whole workspace (50 ms on PostgreSQL, 70 ms on PGlite at 100,000
// leads, growing with the workspace); with it the first and the deepest page take 3-6 ms through the
// API (bench/board.bench.ts). leads_stage_idx already serves a single stage.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'create index leads_engagement_idx on leads (workspace_id, engagement_score desc, id desc)',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop index leads_engagement_idx'])
}
