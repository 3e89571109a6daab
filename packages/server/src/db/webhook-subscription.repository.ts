// Webhook subscriptions of a workspace: where to send which lead events, signed with which secrets.
import type { Kysely } from 'kysely'
import type { Database, WebhookSecret } from './tables.ts'

export type WebhookSubscription = {
  id: string
  url: string
  description: string | null
  eventTypes: string[]
  secrets: WebhookSecret[]
  enabled: boolean
  /** a DisabledReasonCode while disabled */
  disabledReason: string | null
  disabledAt: Date | null
  createdAt: Date
  updatedAt: Date
}

const COLUMNS = [
  'id',
  'url',
  'description',
  'event_types',
  'secrets',
  'enabled',
  'disabled_reason',
  'disabled_at',
  'created_at',
  'updated_at',
] as const

type Row = {
  id: string
  url: string
  description: string | null
  event_types: string[]
  secrets: WebhookSecret[]
  enabled: boolean
  disabled_reason: string | null
  disabled_at: Date | null
  created_at: Date
  updated_at: Date
}

function toSubscription(row: Row): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    secrets: row.secrets,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export const webhookSubscriptionRepository = {
  async list(db: Kysely<Database>, workspaceId: string): Promise<WebhookSubscription[]> {
    const rows = await db
      .selectFrom('webhook_subscriptions')
      .select(COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toSubscription)
  },

  async find(
    db: Kysely<Database>,
    workspaceId: string,
    id: string,
  ): Promise<WebhookSubscription | undefined> {
    const row = await db
      .selectFrom('webhook_subscriptions')
      .select(COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toSubscription(row)
  },

  /** The enabled subscriptions, for the outbox to fan events out to. */
  async listEnabled(db: Kysely<Database>, workspaceId: string) {
    return db
      .selectFrom('webhook_subscriptions')
      .select(['id', 'event_types'])
      .where('workspace_id', '=', workspaceId)
      .where('enabled', '=', true)
      .execute()
  },

  async insert(
    db: Kysely<Database>,
    workspaceId: string,
    subscription: {
      url: string
      description: string | null
      eventTypes: string[]
      secret: WebhookSecret
      at: Date
    },
  ): Promise<WebhookSubscription> {
    const row = await db
      .insertInto('webhook_subscriptions')
      .values({
        workspace_id: workspaceId,
        url: subscription.url,
        description: subscription.description,
        event_types: JSON.stringify(subscription.eventTypes),
        secrets: JSON.stringify([subscription.secret]),
        created_at: subscription.at,
        updated_at: subscription.at,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow()
    return toSubscription(row)
  },

  async update(
    db: Kysely<Database>,
    workspaceId: string,
    id: string,
    changes: {
      url?: string
      description?: string | null
      eventTypes?: string[]
      secrets?: WebhookSecret[]
      enabled?: boolean
      disabled?: { reason: string; at: Date } | null
    },
    at: Date,
  ): Promise<WebhookSubscription | undefined> {
    const row = await db
      .updateTable('webhook_subscriptions')
      .set({
        updated_at: at,
        ...(changes.url === undefined ? {} : { url: changes.url }),
        ...(changes.description === undefined ? {} : { description: changes.description }),
        ...(changes.eventTypes === undefined ? {} : { event_types: JSON.stringify(changes.eventTypes) }),
        ...(changes.secrets === undefined ? {} : { secrets: JSON.stringify(changes.secrets) }),
        ...(changes.enabled === undefined ? {} : { enabled: changes.enabled }),
        ...(changes.disabled === undefined
          ? {}
          : { disabled_reason: changes.disabled?.reason ?? null, disabled_at: changes.disabled?.at ?? null }),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst()
    return row && toSubscription(row)
  },

  async remove(db: Kysely<Database>, workspaceId: string, id: string): Promise<boolean> {
    const result = await db
      .deleteFrom('webhook_subscriptions')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  },
}
