// Webhook events for what sales logs on a lead (activities, tasks), queued in the caller's transaction
// like the lead change events, so an event is sent exactly when its change was committed.
import type { Kysely } from 'kysely'
import type { Database, JsonObject } from '../db/tables.ts'
import { webhookOutboxRepository } from '../db/webhook-outbox.repository.ts'
import { webhookSubscriptionRepository } from '../db/webhook-subscription.repository.ts'

export type LeadWorkEventType = 'activity.logged' | 'task.created' | 'task.completed'

export async function queueLeadWorkEvent(
  db: Kysely<Database>,
  workspaceId: string,
  event: { type: LeadWorkEventType; leadId: string; at: Date; data: JsonObject },
): Promise<void> {
  const subscriptions = await webhookSubscriptionRepository.listEnabled(db, workspaceId)
  if (!subscriptions.some((subscription) => subscription.event_types.includes(event.type))) return
  await webhookOutboxRepository.enqueue(
    db,
    workspaceId,
    [
      {
        type: event.type,
        leadId: event.leadId,
        at: event.at,
        payload: { type: event.type, timestamp: event.at.toISOString(), data: event.data },
      },
    ],
    subscriptions,
  )
}
