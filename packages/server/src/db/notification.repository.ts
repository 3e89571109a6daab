// In-app notifications for people (an SLA about to lapse, a lead reassigned away from them).
import type { Kysely } from 'kysely'
import type { Database, JsonObject } from './tables.ts'
import { notificationSettingsRepository } from './notification-settings.repository.ts'

export type NewNotification = {
  userId: string
  kind: string
  leadId: string | null
  data: JsonObject
  /** the same key is recorded once, however often a job retries */
  dedupeKey: string
  at: Date
}

export type Notification = {
  id: string
  kind: string
  leadId: string | null
  data: JsonObject
  createdAt: Date
  readAt: Date | null
}

export const notificationRepository = {
  /** Records the notifications their people want: a kind someone switched off is not recorded for them. */
  async insertMany(db: Kysely<Database>, workspaceId: string, notifications: NewNotification[]) {
    if (notifications.length === 0) return
    const muted = await notificationSettingsRepository.mutedKinds(
      db,
      workspaceId,
      notifications.map((notification) => notification.userId),
    )
    const wanted = notifications.filter(
      (notification) => !muted.get(notification.userId)?.has(notification.kind),
    )
    if (wanted.length === 0) return
    await db
      .insertInto('notifications')
      .values(
        wanted.map((notification) => ({
          workspace_id: workspaceId,
          user_id: notification.userId,
          kind: notification.kind,
          lead_id: notification.leadId,
          data: JSON.stringify(notification.data),
          dedupe_key: notification.dedupeKey,
          created_at: notification.at,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
      )
      .execute()
  },

  async listFor(
    db: Kysely<Database>,
    workspaceId: string,
    userId: string,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<{ items: Notification[]; unread: number }> {
    let query = db
      .selectFrom('notifications')
      .select(['id', 'kind', 'lead_id', 'data', 'created_at', 'read_at'])
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
    if (options.unreadOnly) query = query.where('read_at', 'is', null)
    const [rows, unread] = await Promise.all([
      query.orderBy('created_at', 'desc').orderBy('id').limit(options.limit).execute(),
      db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ])
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        leadId: row.lead_id,
        data: row.data,
        createdAt: row.created_at,
        readAt: row.read_at,
      })),
      unread: Number(unread.count),
    }
  },

  /** Marks the user's notifications read: the given ones, or all. Returns how many changed. */
  async markRead(
    db: Kysely<Database>,
    workspaceId: string,
    userId: string,
    ids: string[] | 'all',
    at: Date,
  ): Promise<number> {
    let query = db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
    if (ids !== 'all') {
      if (ids.length === 0) return 0
      query = query.where('id', 'in', ids)
    }
    const result = await query.executeTakeFirst()
    return Number(result.numUpdatedRows)
  },
}
