// A late touchpoint or a decision dated in the past no longer folds a long-lived lead's whole log
// again: the fold goes on from the latest checkpoint before it (core lifecycle/replay-lead.ts keeps
// one every 50 touchpoints, the last 20). Null for the many leads with fewer touchpoints.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table leads add column checkpoints jsonb'])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table leads drop column checkpoints'])
}
