// Workspaces (tenants).
import type { Kysely } from 'kysely'
import type { Database } from './tables.ts'

export type Workspace = { id: string; slug: string; name: string; timezone: string }

export const workspaceRepository = {
  async insert(
    db: Kysely<Database>,
    workspace: { slug: string; name: string; timezone?: string },
  ): Promise<Workspace> {
    return db
      .insertInto('workspaces')
      .values({
        slug: workspace.slug.toLowerCase(),
        name: workspace.name,
        timezone: workspace.timezone ?? 'Europe/Berlin',
      })
      .returning(['id', 'slug', 'name', 'timezone'])
      .executeTakeFirstOrThrow()
  },

  async findBySlug(db: Kysely<Database>, slug: string): Promise<Workspace | undefined> {
    return db
      .selectFrom('workspaces')
      .select(['id', 'slug', 'name', 'timezone'])
      .where('slug', '=', slug.toLowerCase())
      .executeTakeFirst()
  },

  /** Whether the installation has any workspace at all (the web app's first-run page). */
  async existsAny(db: Kysely<Database>): Promise<boolean> {
    return (await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst()) !== undefined
  },

  async findById(db: Kysely<Database>, id: string): Promise<Workspace | undefined> {
    return db
      .selectFrom('workspaces')
      .select(['id', 'slug', 'name', 'timezone'])
      .where('id', '=', id)
      .executeTakeFirst()
  },
}
