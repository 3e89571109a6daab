// The content catalog: what engagement rules and journey signals refer to.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { JourneyStage } from '#core/agreement/agreement-document.ts'

export type ContentItem = {
  id: string
  title: string
  kind: string
  journeyStage: JourneyStage | null
  topics: string[]
  url: string | null
  /** ISO 639-1; null: language-neutral. Left out, it is stored as null (callers that predate it). */
  language?: string | null
}

/** An item as stored: its language always told. */
export type StoredContentItem = ContentItem & { language: string | null }

export const contentRepository = {
  async findByIds(
    db: Kysely<Database>,
    workspaceId: string,
    ids: string[],
  ): Promise<Map<string, StoredContentItem>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('content_items')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute()
    return new Map(rows.map((row) => [row.id, toContentItem(row)]))
  },

  async list(db: Kysely<Database>, workspaceId: string): Promise<StoredContentItem[]> {
    const rows = await db
      .selectFrom('content_items')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('id')
      .execute()
    return rows.map(toContentItem)
  },

  /**
   * Inserts the item unless its id is taken; false when it is. ON CONFLICT DO NOTHING rather than
   * look-then-insert: a concurrent create of the same id waits for the first to commit and inserts nothing.
   */
  async insertNew(db: Kysely<Database>, workspaceId: string, item: ContentItem): Promise<boolean> {
    const inserted = await db
      .insertInto('content_items')
      .values(toRow(workspaceId, item))
      .onConflict((conflict) => conflict.columns(['workspace_id', 'id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    return inserted !== undefined
  },

  async upsert(db: Kysely<Database>, workspaceId: string, items: ContentItem[]): Promise<void> {
    if (items.length === 0) return
    await db
      .insertInto('content_items')
      .values(items.map((item) => toRow(workspaceId, item)))
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'id']).doUpdateSet({
          title: sql`excluded.title`,
          kind: sql`excluded.kind`,
          journey_stage: sql`excluded.journey_stage`,
          topics: sql`excluded.topics`,
          url: sql`excluded.url`,
          language: sql`excluded.language`,
          updated_at: sql`now()`,
        }),
      )
      .execute()
  },

  async remove(db: Kysely<Database>, workspaceId: string, id: string): Promise<boolean> {
    const result = await db
      .deleteFrom('content_items')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  },
}

function toContentItem(row: {
  id: string
  title: string
  kind: string
  journey_stage: string | null
  topics: unknown
  url: string | null
  language: string | null
}): StoredContentItem {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    journeyStage: row.journey_stage as JourneyStage | null,
    topics: (row.topics ?? []) as string[],
    url: row.url,
    language: row.language,
  }
}

function toRow(workspaceId: string, item: ContentItem) {
  return {
    workspace_id: workspaceId,
    id: item.id,
    title: item.title,
    kind: item.kind,
    journey_stage: item.journeyStage,
    topics: JSON.stringify(item.topics),
    url: item.url,
    language: item.language ?? null,
  }
}
