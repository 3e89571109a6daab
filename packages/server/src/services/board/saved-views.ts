// Saved views: a named set of board filters, personal or shared with the workspace. Everyone sees
// their own and the shared ones; only the owner or an admin changes or deletes a view. Another
// person's personal view does not exist for the caller (not found), as a lead they may not see.
import type { Kysely, Selectable } from 'kysely'
import type { Database, JsonObject, SavedViewTable } from '../../db/tables.ts'

export type SavedView = {
  id: string
  name: string
  shared: boolean
  filters: JsonObject
  ownerId: string
  ownerName: string | null
  /** whether the caller may rename, share or delete it */
  editable: boolean
  createdAt: string
  updatedAt: string
}

export type ViewCaller = { userId: string; isAdmin: boolean }

export type ViewChange = { name?: string; shared?: boolean; filters?: JsonObject }

/** Why a view could not be changed: it is not there for the caller, or it is someone else's. */
export type ViewRefusal = 'not_found' | 'not_owner'

type Row = Selectable<SavedViewTable> & { owner_name: string | null }

function toView(row: Row, caller: ViewCaller): SavedView {
  return {
    id: row.id,
    name: row.name,
    shared: row.shared,
    filters: row.filters,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    editable: row.owner_id === caller.userId || caller.isAdmin,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

function visibleViews(db: Kysely<Database>, workspaceId: string, caller: ViewCaller) {
  return views(db, workspaceId).where((where) =>
    where.or([where('saved_views.owner_id', '=', caller.userId), where('saved_views.shared', '=', true)]),
  )
}

function views(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('saved_views')
    .leftJoin('users', (join) =>
      join
        .onRef('users.workspace_id', '=', 'saved_views.workspace_id')
        .onRef('users.id', '=', 'saved_views.owner_id'),
    )
    .selectAll('saved_views')
    .select('users.name as owner_name')
    .where('saved_views.workspace_id', '=', workspaceId)
}

export async function listSavedViews(db: Kysely<Database>, workspaceId: string, caller: ViewCaller) {
  const rows = await visibleViews(db, workspaceId, caller)
    .orderBy('saved_views.name')
    .orderBy('saved_views.id')
    .execute()
  return rows.map((row) => toView(row, caller))
}

export async function createSavedView(
  db: Kysely<Database>,
  workspaceId: string,
  caller: ViewCaller,
  view: { name: string; shared: boolean; filters: JsonObject },
  now: Date,
): Promise<SavedView> {
  const { id } = await db
    .insertInto('saved_views')
    .values({
      workspace_id: workspaceId,
      owner_id: caller.userId,
      name: view.name.trim(),
      shared: view.shared,
      filters: JSON.stringify(view.filters),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const row = await visibleViews(db, workspaceId, caller)
    .where('saved_views.id', '=', id)
    .executeTakeFirstOrThrow()
  return toView(row, caller)
}

export async function changeSavedView(
  db: Kysely<Database>,
  workspaceId: string,
  caller: ViewCaller,
  id: string,
  change: ViewChange,
  now: Date,
): Promise<SavedView | ViewRefusal> {
  const existing = await findEditable(db, workspaceId, caller, id)
  if (typeof existing === 'string') return existing
  await db
    .updateTable('saved_views')
    .set({
      ...(change.name === undefined ? {} : { name: change.name.trim() }),
      ...(change.shared === undefined ? {} : { shared: change.shared }),
      ...(change.filters === undefined ? {} : { filters: JSON.stringify(change.filters) }),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute()
  // Read back as it is now: an admin who unshared someone's view may no longer see it in the list.
  const row = await views(db, workspaceId).where('saved_views.id', '=', id).executeTakeFirstOrThrow()
  return toView(row, caller)
}

export async function deleteSavedView(
  db: Kysely<Database>,
  workspaceId: string,
  caller: ViewCaller,
  id: string,
): Promise<SavedView | ViewRefusal> {
  const existing = await findEditable(db, workspaceId, caller, id)
  if (typeof existing === 'string') return existing
  await db.deleteFrom('saved_views').where('workspace_id', '=', workspaceId).where('id', '=', id).execute()
  return existing
}

async function findEditable(
  db: Kysely<Database>,
  workspaceId: string,
  caller: ViewCaller,
  id: string,
): Promise<SavedView | ViewRefusal> {
  const row = await visibleViews(db, workspaceId, caller)
    .where('saved_views.id', '=', id)
    .forUpdate('saved_views')
    .executeTakeFirst()
  // An admin may tidy up shared views; another person's personal view stays invisible even to them.
  if (!row) return 'not_found'
  const view = toView(row, caller)
  return view.editable ? view : 'not_owner'
}
