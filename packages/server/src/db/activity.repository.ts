// Logged sales activities (calls, e-mails, meetings, notes) on a lead, newest first.
import type { Kysely } from 'kysely'
import type { ActivityKind, Database } from './tables.ts'

export type NewActivity = {
  leadId: string
  kind: ActivityKind
  outcome: string | null
  subject: string | null
  body: string | null
  durationMinutes: number | null
  occurredAt: Date
  authorId: string | null
  createdAt: Date
}

export type Activity = NewActivity & {
  id: string
  authorName: string | null
  erasedAt: Date | null
}

function activities(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('activities')
    .leftJoin('users', (join) =>
      join
        .onRef('users.workspace_id', '=', 'activities.workspace_id')
        .onRef('users.id', '=', 'activities.author_id'),
    )
    .select([
      'activities.id',
      'activities.lead_id',
      'activities.kind',
      'activities.outcome',
      'activities.subject',
      'activities.body',
      'activities.duration_minutes',
      'activities.occurred_at',
      'activities.author_id',
      'activities.created_at',
      'activities.erased_at',
      'users.name as author_name',
    ])
    .where('activities.workspace_id', '=', workspaceId)
}

type ActivityRow = Awaited<ReturnType<ReturnType<typeof activities>['execute']>>[number]

function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    leadId: row.lead_id,
    kind: row.kind,
    outcome: row.outcome,
    subject: row.subject,
    body: row.body,
    durationMinutes: row.duration_minutes,
    occurredAt: row.occurred_at,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
    erasedAt: row.erased_at,
  }
}

export const activityRepository = {
  async insert(db: Kysely<Database>, workspaceId: string, activity: NewActivity): Promise<string> {
    const { id } = await db
      .insertInto('activities')
      .values({
        workspace_id: workspaceId,
        lead_id: activity.leadId,
        kind: activity.kind,
        outcome: activity.outcome,
        subject: activity.subject,
        body: activity.body,
        duration_minutes: activity.durationMinutes,
        occurred_at: activity.occurredAt,
        author_id: activity.authorId,
        created_at: activity.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  },

  async find(db: Kysely<Database>, workspaceId: string, id: string): Promise<Activity | undefined> {
    const row = await activities(db, workspaceId).where('activities.id', '=', id).executeTakeFirst()
    return row && toActivity(row)
  },

  async listForLead(db: Kysely<Database>, workspaceId: string, leadId: string, limit = 500) {
    const rows = await activities(db, workspaceId)
      .where('activities.lead_id', '=', leadId)
      .orderBy('activities.occurred_at', 'desc')
      .orderBy('activities.created_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toActivity)
  },

  /** The latest activity per lead, for staleness. */
  async lastForLeads(db: Kysely<Database>, workspaceId: string, leadIds: string[]) {
    if (leadIds.length === 0) return new Map<string, Date>()
    const rows = await db
      .selectFrom('activities')
      .select(['lead_id', (eb) => eb.fn.max('occurred_at').as('last_at')])
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', 'in', leadIds)
      .groupBy('lead_id')
      .execute()
    return new Map(rows.map((row) => [row.lead_id, new Date(row.last_at)]))
  },

  async remove(db: Kysely<Database>, workspaceId: string, id: string): Promise<void> {
    await db.deleteFrom('activities').where('workspace_id', '=', workspaceId).where('id', '=', id).execute()
  },

  /** Erasure: kind, time and author stay so counts add up; what was said about the person goes. */
  async eraseForLead(db: Kysely<Database>, workspaceId: string, leadId: string, at: Date): Promise<number> {
    const result = await db
      .updateTable('activities')
      .set({ subject: null, body: null, outcome: null, erased_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  },
}
