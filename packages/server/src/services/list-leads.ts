// Lead lists for inboxes and boards: filters, keyset pagination on (sort value, id), one query per page.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { HttpProblem } from '../http/problem.ts'
import { isInstant } from '#core/util/is-instant.ts'
import { matchesLeadFilters, type LeadFilters } from './lead-filters.ts'

export const LEAD_SORTS = {
  engagement: 'engagement_score',
  fit: 'fit_score',
  updated: 'updated_at',
  lastTouch: 'last_touch_at',
  stageEntered: 'stage_entered_at',
  email: 'email',
} as const

export type LeadSort = keyof typeof LEAD_SORTS

export type LeadListRequest = LeadFilters & {
  sort: LeadSort
  order: 'asc' | 'desc'
  limit: number
  cursor?: string
}

export type LeadListItem = {
  id: string
  email: string
  firstName: string | null
  lastName: string | null
  title: string | null
  companyName: string | null
  country: string | null
  lane: string | null
  /** the first touchpoint's source */
  source: string | null
  stage: LeadStage
  stageEnteredAt: string
  ownerId: string | null
  fit: number
  engagement: number
  scoredAt: string
  lastTouchAt: string | null
  touchpointCount: number
}

type Cursor = { value: string | number; id: string }

export async function listLeads(
  db: Kysely<Database>,
  workspaceId: string,
  request: LeadListRequest,
): Promise<{ items: LeadListItem[]; nextCursor: string | null }> {
  const key = sortKey(request.sort)
  let query = db
    .selectFrom('leads')
    .selectAll()
    .select(key.as('sort_key'))
    .where('workspace_id', '=', workspaceId)
    .where(matchesLeadFilters(request))
  if (request.cursor) {
    const cursor = decodeCursor(request.cursor, request.sort)
    const comparison = request.order === 'desc' ? '<' : '>'
    query = query.where(sql<boolean>`(${key}, id) ${sql.raw(comparison)} (${cursor.value}, ${cursor.id})`)
  }
  const rows = await query
    .orderBy(key, request.order)
    .orderBy('id', request.order)
    .limit(request.limit + 1)
    .execute()
  const page = rows.slice(0, request.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
      id: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      title: row.title,
      companyName: row.company_name,
      country: row.country,
      lane: row.lane,
      // Read from the row rather than selected as profile->>'source': that would parse every
      // matching row's profile before the sort, not just the page's.
      source: typeof row.profile.source === 'string' ? row.profile.source : null,
      stage: row.stage as LeadStage,
      stageEnteredAt: row.stage_entered_at.toISOString(),
      ownerId: row.owner_id,
      fit: row.fit_score,
      engagement: row.engagement_score,
      scoredAt: row.scored_at.toISOString(),
      lastTouchAt: row.last_touch_at?.toISOString() ?? null,
      touchpointCount: row.touchpoint_count,
    })),
    nextCursor:
      rows.length > request.limit && last ? encodeCursor(cursorValue(last.sort_key), last.id) : null,
  }
}

// Leads never touched sort as if last touched at the epoch, in ORDER BY and cursor alike: last when the
// newest come first, first when the oldest do. The cursor then always holds an instant; a NULL in the
// row comparison would match nothing and end paging at the first untouched lead.
function sortKey(sort: LeadSort) {
  if (sort === 'lastTouch') return sql<Date>`coalesce(last_touch_at, 'epoch'::timestamptz)`
  return sql<Date | number | string>`${sql.ref(LEAD_SORTS[sort])}`
}

function cursorValue(value: unknown): string | number {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'string') return value
  throw new Error(`sort value ${String(value)} cannot continue a page`)
}

function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify({ value, id } satisfies Cursor)).toString('base64url')
}

function decodeCursor(text: string, sort: LeadSort): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    if (typeof cursor.id === 'string' && uuid.test(cursor.id) && fitsSort(cursor.value, sort)) return cursor
  } catch {
    // fall through to the problem below
  }
  throw new HttpProblem('VALIDATION_FAILED', 'querystring/cursor is not a cursor this API returned.', {
    errors: [{ path: 'querystring/cursor', message: 'is not a valid cursor for this sort' }],
  })
}

/** A cursor's value must have the type of the key it continues, or the query would fail. */
function fitsSort(value: unknown, sort: LeadSort): boolean {
  switch (sort) {
    case 'engagement':
    case 'fit':
      return typeof value === 'number' && Number.isFinite(value)
    case 'updated':
    case 'lastTouch':
    case 'stageEntered':
      return typeof value === 'string' && isInstant(value)
    case 'email':
      return (
        typeof value === 'string' && value.length <= 254 && value.isWellFormed() && !value.includes('\u0000')
      )
  }
}
