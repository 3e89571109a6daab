// Follow-up tasks on leads: who does what by when, and whether it is done.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'

export type NewTask = {
  leadId: string
  title: string
  dueAt: Date
  ownerId: string
  createdBy: string | null
  createdAt: Date
}

export type Task = NewTask & {
  id: string
  ownerName: string | null
  doneAt: Date | null
  doneBy: string | null
  lead: { name: string | null; email: string; companyName: string | null; stage: LeadStage }
}

export type TaskFilter = {
  ownerId?: string
  leadId?: string
  status: 'open' | 'done' | 'all'
  dueBefore?: Date
  limit: number
}

function tasks(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('tasks')
    .innerJoin('leads', (join) =>
      join.onRef('leads.workspace_id', '=', 'tasks.workspace_id').onRef('leads.id', '=', 'tasks.lead_id'),
    )
    .leftJoin('users', (join) =>
      join.onRef('users.workspace_id', '=', 'tasks.workspace_id').onRef('users.id', '=', 'tasks.owner_id'),
    )
    .select([
      'tasks.id',
      'tasks.lead_id',
      'tasks.title',
      'tasks.due_at',
      'tasks.owner_id',
      'tasks.created_by',
      'tasks.created_at',
      'tasks.done_at',
      'tasks.done_by',
      'users.name as owner_name',
      'leads.email',
      'leads.first_name',
      'leads.last_name',
      'leads.company_name',
      'leads.stage',
    ])
    .where('tasks.workspace_id', '=', workspaceId)
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof tasks>['execute']>>[number]

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    leadId: row.lead_id,
    title: row.title,
    dueAt: row.due_at,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    createdBy: row.created_by,
    createdAt: row.created_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
    lead: {
      name: [row.first_name, row.last_name].filter(Boolean).join(' ') || null,
      email: row.email,
      companyName: row.company_name,
      stage: row.stage as LeadStage,
    },
  }
}

export const taskRepository = {
  async insert(db: Kysely<Database>, workspaceId: string, task: NewTask): Promise<string> {
    const { id } = await db
      .insertInto('tasks')
      .values({
        workspace_id: workspaceId,
        lead_id: task.leadId,
        title: task.title,
        due_at: task.dueAt,
        owner_id: task.ownerId,
        created_by: task.createdBy,
        created_at: task.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  },

  async find(db: Kysely<Database>, workspaceId: string, id: string): Promise<Task | undefined> {
    const row = await tasks(db, workspaceId).where('tasks.id', '=', id).executeTakeFirst()
    return row && toTask(row)
  },

  /** Locks the task for a change, so two clicks on "done" record one completion. */
  async lock(db: Kysely<Database>, workspaceId: string, id: string) {
    return db
      .selectFrom('tasks')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
  },

  async update(
    db: Kysely<Database>,
    workspaceId: string,
    id: string,
    changes: Partial<{
      title: string
      due_at: Date
      owner_id: string
      done_at: Date | null
      done_by: string | null
    }>,
  ): Promise<void> {
    if (Object.keys(changes).length === 0) return
    await db
      .updateTable('tasks')
      .set(changes)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute()
  },

  /** Open tasks soonest due first; done ones most recently done first. */
  async list(db: Kysely<Database>, workspaceId: string, filter: TaskFilter): Promise<Task[]> {
    let query = tasks(db, workspaceId)
    if (filter.ownerId) query = query.where('tasks.owner_id', '=', filter.ownerId)
    if (filter.leadId) query = query.where('tasks.lead_id', '=', filter.leadId)
    if (filter.dueBefore) query = query.where('tasks.due_at', '<', filter.dueBefore)
    if (filter.status === 'open') query = query.where('tasks.done_at', 'is', null)
    if (filter.status === 'done') query = query.where('tasks.done_at', 'is not', null)
    const rows = await query
      .orderBy(sql`tasks.done_at is not null`)
      .orderBy(sql`case when tasks.done_at is null then tasks.due_at end`)
      .orderBy('tasks.done_at', 'desc')
      .orderBy('tasks.id')
      .limit(filter.limit)
      .execute()
    return rows.map(toTask)
  },

  /** Each lead's soonest open task. */
  async nextOpenForLeads(db: Kysely<Database>, workspaceId: string, leadIds: string[]) {
    if (leadIds.length === 0) return new Map<string, { id: string; title: string; dueAt: Date }>()
    const rows = await db
      .selectFrom('tasks')
      .distinctOn('lead_id')
      .select(['lead_id', 'id', 'title', 'due_at'])
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', 'in', leadIds)
      .where('done_at', 'is', null)
      .orderBy('lead_id')
      .orderBy('due_at')
      .execute()
    return new Map(rows.map((row) => [row.lead_id, { id: row.id, title: row.title, dueAt: row.due_at }]))
  },

  /** Erasure: the task stays (so workload counts add up); its title may name the person and goes. */
  async eraseForLead(db: Kysely<Database>, workspaceId: string, leadId: string, at: Date): Promise<number> {
    const result = await db
      .updateTable('tasks')
      .set({ title: '', erased_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  },
}
