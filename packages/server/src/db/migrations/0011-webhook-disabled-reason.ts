// A disabled webhook subscription keeps why as a code (DISABLED_BY_ADMIN, RECEIVER_GONE) and when, so the
// UI can say it in the reader's language; until now `disabled_reason` held an English sentence.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table webhook_subscriptions add column disabled_at timestamptz',
    // The subscription was last changed when it was turned off: the best time the old rows tell.
    `update webhook_subscriptions set disabled_at = updated_at,
       disabled_reason = case when disabled_reason like 'The receiver answered 410%' then 'RECEIVER_GONE'
                              else 'DISABLED_BY_ADMIN' end
     where not enabled`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `update webhook_subscriptions set disabled_reason = case disabled_reason
       when 'RECEIVER_GONE' then 'The receiver answered 410 Gone at ' || to_char(disabled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '.'
       else 'Disabled by an admin.' end
     where not enabled`,
    'alter table webhook_subscriptions drop column disabled_at',
  ])
}
