// Sessions and API keys: both are looked up by the hash of the secret the client holds.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { ApiKeyScope } from '../auth/secret-tokens.ts'
import type { Role } from './user.repository.ts'

export const credentialRepository = {
  async findSession(db: Kysely<Database>, sessionId: string, now: Date) {
    return db
      .selectFrom('sessions')
      .innerJoin('users', (join) =>
        join
          .onRef('users.workspace_id', '=', 'sessions.workspace_id')
          .onRef('users.id', '=', 'sessions.user_id'),
      )
      .select(['sessions.id', 'sessions.workspace_id', 'sessions.user_id', 'users.role'])
      .where('sessions.id', '=', sessionId)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst()
      .then((row) => row && { ...row, role: row.role as Role })
  },

  async createSession(
    db: Kysely<Database>,
    workspaceId: string,
    userId: string,
    sessionId: string,
    expiresAt: Date,
  ) {
    await db
      .insertInto('sessions')
      .values({ id: sessionId, workspace_id: workspaceId, user_id: userId, expires_at: expiresAt })
      .execute()
  },

  async revokeSession(db: Kysely<Database>, sessionId: string, now: Date) {
    await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute()
  },

  async findApiKey(db: Kysely<Database>, keyHash: string) {
    const rows = await db
      .selectFrom('api_keys')
      .select(['id', 'workspace_id', 'scope', 'last_used_at'])
      .where('key_hash', '=', keyHash)
      .where('revoked_at', 'is', null)
      .limit(2)
      .execute()
    // A hash is unique per workspace only (migration 0013); one found twice opens neither workspace.
    const row = rows.length === 1 ? rows[0] : undefined
    return row && { ...row, scope: row.scope as ApiKeyScope }
  },

  /** Records use at most once a minute per key, so busy ingestion does not write on every request. */
  async touchApiKey(db: Kysely<Database>, workspaceId: string, keyId: string, now: Date) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', keyId)
      .where((where) =>
        where.or([
          where('last_used_at', 'is', null),
          where('last_used_at', '<', sql<Date>`${now}::timestamptz - interval '1 minute'`),
        ]),
      )
      .execute()
  },

  async createApiKey(
    db: Kysely<Database>,
    workspaceId: string,
    key: { name: string; scope: ApiKeyScope; hash: string; prefix: string; createdBy: string | null },
  ) {
    return db
      .insertInto('api_keys')
      .values({
        workspace_id: workspaceId,
        name: key.name,
        scope: key.scope,
        key_hash: key.hash,
        prefix: key.prefix,
        created_by: key.createdBy,
      })
      .returning(['id', 'name', 'scope', 'prefix', 'created_at'])
      .executeTakeFirstOrThrow()
  },

  async listApiKeys(db: Kysely<Database>, workspaceId: string) {
    return db
      .selectFrom('api_keys')
      .select(['id', 'name', 'scope', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .execute()
  },

  async revokeApiKey(db: Kysely<Database>, workspaceId: string, keyId: string, now: Date): Promise<boolean> {
    const result = await db
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },
}
