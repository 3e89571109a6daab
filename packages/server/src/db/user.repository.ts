// Users of a workspace; e-mails are stored lower-case so look-ups ignore case.
import type { Kysely } from 'kysely'
import type { Database } from './tables.ts'

export type Role = 'admin' | 'marketing' | 'sales' | 'sales_manager'
export type User = { id: string; email: string; name: string; role: Role; locale: 'de' | 'en' }

export const userRepository = {
  async list(db: Kysely<Database>, workspaceId: string): Promise<User[]> {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role', 'locale'])
      .where('workspace_id', '=', workspaceId)
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .execute()
    return rows.map((row) => ({ ...row, role: row.role as Role, locale: row.locale as 'de' | 'en' }))
  },

  async findForLogin(db: Kysely<Database>, workspaceSlug: string, email: string) {
    return db
      .selectFrom('users')
      .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
      .select([
        'users.id',
        'users.workspace_id',
        'users.password_hash',
        'users.role',
        'users.name',
        'users.email',
        'users.locale',
      ])
      .where('workspaces.slug', '=', workspaceSlug.toLowerCase())
      .where('users.email', '=', email.toLowerCase())
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst()
  },

  async insert(
    db: Kysely<Database>,
    workspaceId: string,
    user: { email: string; name: string; role: Role; passwordHash: string; locale?: 'de' | 'en' },
  ): Promise<string> {
    const row = await db
      .insertInto('users')
      .values({
        workspace_id: workspaceId,
        email: user.email.toLowerCase(),
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        locale: user.locale ?? 'de',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  },
}
