// The webhook outbox: events, one delivery per subscription and event, and every attempt made.
// Deliveries are claimed with a lease (locked_until) under FOR UPDATE SKIP LOCKED, so each one is in
// flight in at most one server instance at a time.
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database, DeliveryStatus, JsonObject } from './tables.ts'

export type OutboxEvent = { type: string; leadId: string | null; payload: JsonObject; at: Date }

export type ClaimedDelivery = {
  workspace_id: string
  id: string
  event_id: string
  subscription_id: string
  attempts: number
  url: string
  secrets: Array<{ secret: string; expiresAt: string | null }>
  payload: JsonObject
}

/** Where a page of the delivery log ends: creation time to the microsecond, then id. */
export type DeliveryCursor = { createdAt: string; id: string }

export type DeliveryView = {
  id: string
  eventId: string
  eventType: string
  leadId: string | null
  status: DeliveryStatus
  attempts: number
  nextAttemptAt: Date | null
  lastStatus: number | null
  lastError: string | null
  deliveredAt: Date | null
  createdAt: Date
}

export const webhookOutboxRepository = {
  /** Stores the events and a pending delivery for each subscription that wants them; returns their ids. */
  async enqueue(
    db: Kysely<Database>,
    workspaceId: string,
    events: OutboxEvent[],
    subscriptions: ReadonlyArray<{ id: string; event_types: string[] }>,
  ): Promise<string[]> {
    const wanted = events
      .map((event) => ({
        event,
        id: `msg_${randomUUID().replaceAll('-', '')}`,
        to: subscriptions.filter((subscription) => subscription.event_types.includes(event.type)),
      }))
      .filter((entry) => entry.to.length > 0)
    if (wanted.length === 0) return []
    await db
      .insertInto('webhook_events')
      .values(
        wanted.map(({ event, id }) => ({
          workspace_id: workspaceId,
          id,
          type: event.type,
          lead_id: event.leadId,
          payload: JSON.stringify(event.payload),
          created_at: event.at,
        })),
      )
      .execute()
    await db
      .insertInto('webhook_deliveries')
      .values(
        wanted.flatMap(({ event, id, to }) =>
          to.map((subscription) => ({
            workspace_id: workspaceId,
            event_id: id,
            subscription_id: subscription.id,
            next_attempt_at: event.at,
            created_at: event.at,
          })),
        ),
      )
      .execute()
    return wanted.map((entry) => entry.id)
  },

  /**
   * Claims due deliveries across workspaces (as the owner) for `leaseMs`, counting the attempt now:
   * an instance that dies mid-send leaves the delivery to be retried after the lease, never twice at once.
   */
  async claimDue(
    db: Kysely<Database>,
    now: Date,
    limit: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    const result = await sql<ClaimedDelivery>`
      with due as (
        select workspace_id, id from webhook_deliveries d
        where status = 'pending' and next_attempt_at <= ${now}
          and (locked_until is null or locked_until <= ${now})
          -- a disabled subscription keeps its deliveries until it is enabled again
          and exists (select 1 from webhook_subscriptions s
            where s.workspace_id = d.workspace_id and s.id = d.subscription_id and s.enabled)
        order by next_attempt_at limit ${limit}
        for update skip locked
      ), claimed as (
        update webhook_deliveries d set locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = d.attempts + 1
        from due where d.workspace_id = due.workspace_id and d.id = due.id
        returning d.workspace_id, d.id, d.event_id, d.subscription_id, d.attempts
      )
      select c.*, s.url, s.secrets, e.payload from claimed c
      join webhook_subscriptions s on s.workspace_id = c.workspace_id and s.id = c.subscription_id
      join webhook_events e on e.workspace_id = c.workspace_id and e.id = c.event_id`.execute(db)
    return result.rows
  },

  /**
   * Logs an attempt and settles the delivery. A delivery erased (cancelled) or deleted while the attempt
   * was in flight stays so: the attempt is logged for a cancelled one, without what the receiver said.
   */
  async recordAttempt(
    db: Kysely<Database>,
    delivery: { workspaceId: string; id: string; attempt: number },
    attempt: {
      at: Date
      status: number | null
      error: string | null
      durationMs: number
      responseExcerpt: string | null
    },
    next: { status: DeliveryStatus; nextAttemptAt: Date | null },
  ): Promise<void> {
    // Selecting the delivery skips one deleted meanwhile (the foreign key would refuse the row). A replay
    // counts attempts from 0 again, so the log numbers on after the attempts it already has.
    await sql`
      insert into webhook_attempts
        (workspace_id, delivery_id, attempt, at, status, error, duration_ms, response_excerpt)
      select d.workspace_id, d.id,
        greatest(${delivery.attempt}::int, coalesce((select max(a.attempt) from webhook_attempts a
          where a.workspace_id = d.workspace_id and a.delivery_id = d.id), 0) + 1),
        ${attempt.at}::timestamptz, ${attempt.status}::int, ${attempt.error}::text,
        ${Math.round(attempt.durationMs)}::int,
        -- an answer to a message about a person erased meanwhile may quote them
        case when d.status = 'cancelled' then null else ${attempt.responseExcerpt}::text end
      from webhook_deliveries d
      where d.workspace_id = ${delivery.workspaceId} and d.id = ${delivery.id}
      on conflict (workspace_id, delivery_id, attempt) do nothing`.execute(db)
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: next.status,
        locked_until: null,
        last_status: attempt.status,
        last_error: attempt.error,
        ...(next.nextAttemptAt ? { next_attempt_at: next.nextAttemptAt } : {}),
        ...(next.status === 'delivered' ? { delivered_at: attempt.at } : {}),
      })
      .where('workspace_id', '=', delivery.workspaceId)
      .where('id', '=', delivery.id)
      // Only a delivery still in the queue; an erasure may have cancelled it meanwhile.
      .where('status', '=', 'pending')
      .execute()
  },

  /** Newest first; `cursor` continues after the last delivery of the previous page. */
  async listDeliveries(
    db: Kysely<Database>,
    workspaceId: string,
    subscriptionId: string,
    options: { status?: DeliveryStatus; limit: number; before?: Date; cursor?: DeliveryCursor },
  ): Promise<{ items: DeliveryView[]; next: DeliveryCursor | null }> {
    let query = db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', (join) =>
        join.onRef('e.workspace_id', '=', 'd.workspace_id').onRef('e.id', '=', 'd.event_id'),
      )
      .select([
        'd.id',
        'd.event_id',
        'e.type',
        'e.lead_id',
        'd.status',
        'd.attempts',
        'd.next_attempt_at',
        'd.last_status',
        'd.last_error',
        'd.delivered_at',
        'd.created_at',
        // Microseconds, which a JavaScript Date would lose: the cursor must name the row exactly.
        sql<string>`to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
          'created_exact',
        ),
      ])
      .where('d.workspace_id', '=', workspaceId)
      .where('d.subscription_id', '=', subscriptionId)
    if (options.status) query = query.where('d.status', '=', options.status)
    if (options.before) query = query.where('d.created_at', '<', options.before)
    if (options.cursor) {
      const { createdAt, id } = options.cursor
      query = query.where(sql<boolean>`(d.created_at, d.id) < (${createdAt}::timestamptz, ${id}::uuid)`)
    }
    const rows = await query
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(options.limit)
      .execute()
    const last = rows.at(-1)
    return {
      items: rows.map((row) => ({
        id: row.id,
        eventId: row.event_id,
        eventType: row.type,
        leadId: row.lead_id,
        status: row.status,
        attempts: row.attempts,
        nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
        lastStatus: row.last_status,
        lastError: row.last_error,
        deliveredAt: row.delivered_at,
        createdAt: row.created_at,
      })),
      next: rows.length === options.limit && last ? { createdAt: last.created_exact, id: last.id } : null,
    }
  },

  async findDelivery(db: Kysely<Database>, workspaceId: string, subscriptionId: string, id: string) {
    const delivery = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', (join) =>
        join.onRef('e.workspace_id', '=', 'd.workspace_id').onRef('e.id', '=', 'd.event_id'),
      )
      .select(['d.id', 'd.event_id', 'e.type', 'e.lead_id', 'e.payload', 'd.status', 'd.attempts'])
      .where('d.workspace_id', '=', workspaceId)
      .where('d.subscription_id', '=', subscriptionId)
      .where('d.id', '=', id)
      .executeTakeFirst()
    if (!delivery) return undefined
    const attempts = await db
      .selectFrom('webhook_attempts')
      .select(['attempt', 'at', 'status', 'error', 'duration_ms', 'response_excerpt'])
      .where('workspace_id', '=', workspaceId)
      .where('delivery_id', '=', id)
      .orderBy('attempt')
      .execute()
    return { delivery, attempts }
  },

  /** Puts a dead (or cancelled) delivery back in the queue with a fresh retry budget; same event id. */
  async replay(db: Kysely<Database>, workspaceId: string, subscriptionId: string, id: string, now: Date) {
    const result = await db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null })
      .where('workspace_id', '=', workspaceId)
      .where('subscription_id', '=', subscriptionId)
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'delivered'])
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },

  /** Erasure: events about the person keep their type and time but lose their content; unsent ones are cancelled. */
  async redactForLead(db: Kysely<Database>, workspaceId: string, leadId: string) {
    const events = await db
      .updateTable('webhook_events')
      .set({ payload: JSON.stringify({ erased: true }) })
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .returning('id')
      .execute()
    if (events.length === 0) return
    await db
      .updateTable('webhook_deliveries')
      .set({ status: 'cancelled', last_error: 'lead erased', locked_until: null })
      .where('workspace_id', '=', workspaceId)
      .where(
        'event_id',
        'in',
        events.map((event) => event.id),
      )
      .where('status', '=', 'pending')
      .execute()
    await db
      .updateTable('webhook_attempts')
      .set({ response_excerpt: null })
      .where('workspace_id', '=', workspaceId)
      .where('delivery_id', 'in', (eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where(
            'event_id',
            'in',
            events.map((event) => event.id),
          ),
      )
      .execute()
  },
}
