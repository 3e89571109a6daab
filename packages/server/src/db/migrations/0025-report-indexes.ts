// Reports (services/reports/) read the stage history by workspace and period through the indexes of
// 0004 and 0015. Three look-ups had none and would read a whole workspace's rows: the hand-offs and
// SLA breach steps of a period (decisions were indexed by lead only); the campaign of a lead's first
// touchpoint (the funnel grouped by campaign), which with the campaign in the key is an index-only probe
// per lead instead of a heap read of its first event; and the hand-raisers among recycled leads, whose
// notifications were indexed by recipient only.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'create index decisions_kind_idx on decisions (workspace_id, kind, decided_at)',
    `create index events_first_touch_idx
       on events (workspace_id, lead_id, occurred_at, seq, (properties->>'utm_campaign'))`,
    `create index notifications_hand_raiser_idx on notifications (workspace_id, lead_id, created_at)
       where kind = 'hand_raiser'`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop index notifications_hand_raiser_idx',
    'drop index events_first_touch_idx',
    'drop index decisions_kind_idx',
  ])
}
