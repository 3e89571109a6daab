// Sends due webhook deliveries from the outbox and records each attempt: delivered, tried again later
// on the retry schedule (Retry-After honoured), dead-lettered after the last retry, or the subscription
// disabled when the receiver answers 410 Gone.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { webhookOutboxRepository, type ClaimedDelivery } from '../db/webhook-outbox.repository.ts'
import { nextAttempt } from '#core/webhooks/retry-schedule.ts'
import { sendWebhook } from './send-webhook.ts'
import type { DisabledReasonCode } from './disabled-reason.ts'
import type { TargetPolicy } from './webhook-target.ts'

export type DispatchOptions = {
  policy: TargetPolicy
  /** per attempt; a receiver that hangs longer counts as failed and is tried again later */
  timeoutMs: number
  /** how many deliveries one round claims */
  batch: number
  /** attempts in flight at once */
  concurrency: number
  clock: () => Date
  random: () => number
  /** told how each attempt ended, once it is recorded (metrics) */
  onOutcome?: (outcome: DeliveryOutcome) => void
}

/** retrying: failed, tried again later; dead: failed for the last time; gone: the receiver answered 410 */
export type DeliveryOutcome = 'delivered' | 'retrying' | 'dead' | 'gone'

export const DEFAULT_DISPATCH: Omit<DispatchOptions, 'policy' | 'clock'> = {
  timeoutMs: 10_000,
  batch: 50,
  concurrency: 8,
  random: Math.random,
}

/** One round: claims due deliveries, sends them, records the outcome. Returns how many were attempted. */
export async function dispatchWebhooks(db: Kysely<Database>, options: DispatchOptions): Promise<number> {
  const claimedAt = options.clock()
  // The lease outlives the attempt, so no other instance takes the delivery while it is in flight.
  const leaseMs = options.timeoutMs * 3 + 30_000
  const claimed = await db
    .transaction()
    .execute((trx) => webhookOutboxRepository.claimDue(trx, claimedAt, options.batch, leaseMs))
  let next = 0
  const worker = async () => {
    while (next < claimed.length) await deliver(db, claimed[next++]!, options)
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, claimed.length) }, worker))
  return claimed.length
}

async function deliver(db: Kysely<Database>, delivery: ClaimedDelivery, options: DispatchOptions) {
  const now = options.clock()
  const secrets = delivery.secrets
    .filter((secret) => secret.expiresAt === null || Date.parse(secret.expiresAt) > now.getTime())
    .map((secret) => secret.secret)
  const attempt = await sendWebhook({
    url: delivery.url,
    messageId: delivery.event_id,
    timestamp: now,
    body: JSON.stringify(delivery.payload),
    secrets,
    policy: options.policy,
    timeoutMs: options.timeoutMs,
    now: () => options.clock().getTime(),
  })
  const finishedAt = options.clock()
  const ref = { workspaceId: delivery.workspace_id, id: delivery.id, attempt: delivery.attempts }
  const record = { ...attempt, at: finishedAt }
  if (attempt.outcome === 'delivered') {
    await webhookOutboxRepository.recordAttempt(db, ref, record, { status: 'delivered', nextAttemptAt: null })
    options.onOutcome?.('delivered')
    return
  }
  if (attempt.outcome === 'disable') {
    await db.transaction().execute(async (trx) => {
      await webhookOutboxRepository.recordAttempt(trx, ref, record, { status: 'dead', nextAttemptAt: null })
      await trx
        .updateTable('webhook_subscriptions')
        .set({
          enabled: false,
          disabled_reason: 'RECEIVER_GONE' satisfies DisabledReasonCode,
          disabled_at: finishedAt,
          updated_at: finishedAt,
        })
        .where('workspace_id', '=', delivery.workspace_id)
        .where('id', '=', delivery.subscription_id)
        .execute()
    })
    options.onOutcome?.('gone')
    return
  }
  const retry = nextAttempt({
    failedAttempts: delivery.attempts,
    at: finishedAt.getTime(),
    random: options.random,
    ...(attempt.retryAfterMs === undefined ? {} : { retryAfterMs: attempt.retryAfterMs }),
  })
  await webhookOutboxRepository.recordAttempt(
    db,
    ref,
    record,
    retry.kind === 'dead'
      ? { status: 'dead', nextAttemptAt: null }
      : { status: 'pending', nextAttemptAt: new Date(retry.at) },
  )
  options.onOutcome?.(retry.kind === 'dead' ? 'dead' : 'retrying')
}
