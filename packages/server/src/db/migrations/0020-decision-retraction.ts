// A person may take back ("undo") their latest decision on a lead for a short while. The row stays, marked
// retracted, so the stage history, the audit trail and a privacy export still show what was done and undone;
// the fold skips it. Nullable columns with no default: adding them rewrites nothing, even on large tables.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table decisions add column retracted_at timestamptz',
    // Only the decision's own actor may retract it, so their type is the decision's `actor_type`.
    'alter table decisions add column retracted_by uuid',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Without the columns a retracted decision would count again: drop the rows rather than revive them.
    'delete from decisions where retracted_at is not null',
    'alter table decisions drop column retracted_by',
    'alter table decisions drop column retracted_at',
  ])
}
