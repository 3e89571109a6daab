// Which notifications each person wants: stored as the kinds they switched off.
import type { Kysely } from 'kysely'
import type { Database } from './tables.ts'

/** Every kind of notification Takt sends, in the order the settings list them. */
export const NOTIFICATION_KINDS = [
  'hand_raiser',
  'sla_breached',
  'sla_reassigned',
  'sla_reassigned_to_you',
  'sla_reassign_failed',
  'sla_returned_to_marketing',
] as const

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const notificationSettingsRepository = {
  /** The kinds each of `userIds` switched off; people without settings are left out (all on). */
  async mutedKinds(
    db: Kysely<Database>,
    workspaceId: string,
    userIds: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    if (userIds.length === 0) return new Map()
    const rows = await db
      .selectFrom('notification_settings')
      .select(['user_id', 'muted_kinds'])
      .where('workspace_id', '=', workspaceId)
      .where('user_id', 'in', [...new Set(userIds)])
      .execute()
    return new Map(rows.map((row) => [row.user_id, new Set(row.muted_kinds)]))
  },

  async save(db: Kysely<Database>, workspaceId: string, userId: string, muted: readonly string[], at: Date) {
    const mutedKinds = JSON.stringify([...new Set(muted)].sort())
    await db
      .insertInto('notification_settings')
      .values({ workspace_id: workspaceId, user_id: userId, muted_kinds: mutedKinds, updated_at: at })
      .onConflict((conflict) =>
        conflict
          .columns(['workspace_id', 'user_id'])
          .doUpdateSet({ muted_kinds: mutedKinds, updated_at: at }),
      )
      .execute()
  },
}
