// Lead lists for inboxes and boards: filters, keyset pagination on (sort value, id), one query per page.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { HttpProblem } from '../http/problem.ts'
import { isInstant } from '#core/util/is-instant.ts'
import { visibleLeads, type Visibility } from './lead-visibility.ts'

export const LEAD_SORTS = {
  engagement: 'engagement_score',
  fit: 'fit_score',
  updated: 'updated_at',
  lastTouch: 'last_touch_at',
  stageEntered: 'stage_entered_at',
  email: 'email',
} as const

export type LeadSort = keyof typeof LEAD_SORTS

export type LeadFilters = {
  stage?: LeadStage[]
  owner?: string
  lane?: string
  source?: string
  q?: string
  minFit?: number
  maxFit?: number
  minEngagement?: number
  maxEngagement?: number
  sort: LeadSort
  order: 'asc' | 'desc'
  limit: number
  cursor?: string
  visibility?: Visibility
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
  stage: LeadStage
  stageEnteredAt: string
  ownerId: string | null
  fit: number
  engagement: number
  scoredAt: string
  lastTouchAt: string | null
  touchpointCount: number
}

type Cursor = { value: string | number | null; id: string }

export async function listLeads(
  db: Kysely<Database>,
  workspaceId: string,
  filters: LeadFilters,
): Promise<{ items: LeadListItem[]; nextCursor: string | null }> {
  const column = LEAD_SORTS[filters.sort]
  let query = db
    .selectFrom('leads')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(visibleLeads(filters.visibility ?? {}))
  if (filters.stage?.length) query = query.where('stage', 'in', filters.stage)
  if (filters.owner === 'none') query = query.where('owner_id', 'is', null)
  else if (filters.owner) query = query.where('owner_id', '=', filters.owner)
  if (filters.lane) query = query.where('lane', '=', filters.lane)
  if (filters.source) query = query.where(sql`lower(profile->>'source')`, '=', filters.source.toLowerCase())
  if (filters.minFit !== undefined) query = query.where('fit_score', '>=', filters.minFit)
  if (filters.maxFit !== undefined) query = query.where('fit_score', '<=', filters.maxFit)
  if (filters.minEngagement !== undefined)
    query = query.where('engagement_score', '>=', filters.minEngagement)
  if (filters.maxEngagement !== undefined)
    query = query.where('engagement_score', '<=', filters.maxEngagement)
  if (filters.q) {
    const text = filters.q.trim().toLowerCase()
    if (text.includes('@')) query = query.where('email', '=', text)
    else {
      const pattern = `%${text.replace(/[%_\\]/g, (char) => `\\${char}`)}%`
      query = query.where((where) =>
        where.or([
          where('email', 'like', pattern),
          where(sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`, 'like', pattern),
          where(sql`lower(coalesce(company_name, ''))`, 'like', pattern),
        ]),
      )
    }
  }
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor, filters.sort)
    const comparison = filters.order === 'desc' ? '<' : '>'
    query = query.where(
      sql<boolean>`(${sql.ref(column)}, id) ${sql.raw(comparison)} (${cursor.value}, ${cursor.id})`,
    )
  }
  const rows = await query
    .orderBy(column, filters.order)
    .orderBy('id', filters.order)
    .limit(filters.limit + 1)
    .execute()
  const page = rows.slice(0, filters.limit)
  const last = page.at(-1)
  const nextCursor =
    rows.length > filters.limit && last
      ? encodeCursor({ value: cursorValue(last[column]), id: last.id })
      : null
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
      stage: row.stage as LeadStage,
      stageEnteredAt: row.stage_entered_at.toISOString(),
      ownerId: row.owner_id,
      fit: row.fit_score,
      engagement: row.engagement_score,
      scoredAt: row.scored_at.toISOString(),
      lastTouchAt: row.last_touch_at?.toISOString() ?? null,
      touchpointCount: row.touchpoint_count,
    })),
    nextCursor,
  }
}

function cursorValue(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'string') return value
  return null
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

function decodeCursor(text: string, sort: LeadSort): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    if (typeof cursor.id === 'string' && uuid.test(cursor.id) && fitsSort(cursor.value, sort)) return cursor
  } catch {
    // fall through to the problem below
  }
  throw new HttpProblem(400, 'VALIDATION_FAILED', 'querystring/cursor is not a cursor this API returned.', {
    errors: [{ path: 'querystring/cursor', message: 'is not a valid cursor for this sort' }],
  })
}

/** A cursor's value must have the type of the column it continues, or the query would fail. */
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
