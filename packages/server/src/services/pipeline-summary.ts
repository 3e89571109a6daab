// The pipeline board: leads per stage under the board's filters, counted in one query, and the board's
// pages of leads under exactly the same filters. The filters are the lead list's (list-leads.ts) plus a
// period (entered the stage / last touch since), which the list does not offer.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { LEAD_STAGES, type LeadStage } from '#core/lifecycle/lead-stage.ts'
import { isInstant } from '#core/util/is-instant.ts'
import { HttpProblem } from '../http/problem.ts'
import { LEAD_SORTS, type LeadListItem, type LeadSort } from './list-leads.ts'
import { visibleLeads, type Visibility } from './lead-visibility.ts'

export type PipelineFilters = {
  stage?: LeadStage[]
  /** a user id, or 'none' for unowned leads */
  owner?: string
  lane?: string
  source?: string
  q?: string
  minFit?: number
  maxFit?: number
  minEngagement?: number
  maxEngagement?: number
  enteredSince?: Date
  touchedSince?: Date
  visibility?: Visibility
}

export type PipelineSummary = {
  stages: Array<{ stage: LeadStage; count: number }>
  total: number
}

export type PipelinePageRequest = PipelineFilters & {
  sort: LeadSort
  order: 'asc' | 'desc'
  limit: number
  cursor?: string
}

export type PipelineLead = LeadListItem & { source: string | null }

/** Counts per stage, every stage listed in lifecycle order (zero included), from one grouped query. */
export async function summarizePipeline(
  db: Kysely<Database>,
  workspaceId: string,
  filters: PipelineFilters,
): Promise<PipelineSummary> {
  const rows = await db
    .selectFrom('leads')
    .select(['stage', sql<string>`count(*)`.as('count')])
    .where('workspace_id', '=', workspaceId)
    .where(matchesPipelineFilters(filters))
    .groupBy('stage')
    .execute()
  const counts = new Map(rows.map((row) => [row.stage, Number(row.count)]))
  const stages = LEAD_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }))
  return { stages, total: stages.reduce((sum, entry) => sum + entry.count, 0) }
}

/** One page of the board's list: keyset pagination on (sort value, id), like the lead list. */
export async function listPipelineLeads(
  db: Kysely<Database>,
  workspaceId: string,
  request: PipelinePageRequest,
): Promise<{ items: PipelineLead[]; nextCursor: string | null }> {
  const key = sortKey(request.sort)
  let query = db
    .selectFrom('leads')
    .selectAll()
    .select(key.as('sort_key'))
    .where('workspace_id', '=', workspaceId)
    .where(matchesPipelineFilters(request))
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

/** The sales users a board may be filtered by; a rep, who sees only their own leads, gets only themselves. */
export async function pipelineOwners(
  db: Kysely<Database>,
  workspaceId: string,
  visibility: Visibility,
): Promise<Array<{ id: string; name: string }>> {
  let query = db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('role', 'in', ['sales', 'sales_manager'])
    .where('disabled_at', 'is', null)
  if (visibility.ownLeadsOf) query = query.where('id', '=', visibility.ownLeadsOf)
  return query.orderBy('name').orderBy('id').execute()
}

// The same conditions as listLeads, so the board's counts and the lead list's totals agree.
function matchesPipelineFilters(filters: PipelineFilters) {
  return (where: ExpressionBuilder<Database, 'leads'>) => {
    const conditions = [visibleLeads(filters.visibility ?? {})(where)]
    if (filters.stage?.length) conditions.push(where('stage', 'in', filters.stage))
    if (filters.owner === 'none') conditions.push(where('owner_id', 'is', null))
    else if (filters.owner) conditions.push(where('owner_id', '=', filters.owner))
    if (filters.lane) conditions.push(where('lane', '=', filters.lane))
    if (filters.source)
      conditions.push(where(sql`lower(profile->>'source')`, '=', filters.source.toLowerCase()))
    if (filters.minFit !== undefined) conditions.push(where('fit_score', '>=', filters.minFit))
    if (filters.maxFit !== undefined) conditions.push(where('fit_score', '<=', filters.maxFit))
    if (filters.minEngagement !== undefined)
      conditions.push(where('engagement_score', '>=', filters.minEngagement))
    if (filters.maxEngagement !== undefined)
      conditions.push(where('engagement_score', '<=', filters.maxEngagement))
    if (filters.enteredSince) conditions.push(where('stage_entered_at', '>=', filters.enteredSince))
    if (filters.touchedSince) conditions.push(where('last_touch_at', '>=', filters.touchedSince))
    if (filters.q) conditions.push(matchesText(where, filters.q))
    return where.and(conditions)
  }
}

function matchesText(where: ExpressionBuilder<Database, 'leads'>, q: string) {
  const text = q.trim().toLowerCase()
  if (text.includes('@')) return where('email', '=', text)
  const pattern = `%${text.replace(/[%_\\]/g, (char) => `\\${char}`)}%`
  return where.or([
    where('email', 'like', pattern),
    where(sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`, 'like', pattern),
    where(sql`lower(coalesce(company_name, ''))`, 'like', pattern),
  ])
}

// Leads never touched sort as if last touched at the epoch: last when newest come first, and the
// cursor always holds an instant (a NULL in a row comparison would end paging early).
function sortKey(sort: LeadSort) {
  if (sort === 'lastTouch') return sql<Date>`coalesce(last_touch_at, 'epoch'::timestamptz)`
  return sql<Date | number | string>`${sql.ref(LEAD_SORTS[sort])}`
}

type Cursor = { value: string | number; id: string }

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
  throw new HttpProblem(400, 'VALIDATION_FAILED', 'querystring/cursor is not a cursor this API returned.', {
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
