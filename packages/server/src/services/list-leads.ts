// Lead lists for inboxes and boards: filters, keyset pagination on (sort value, id), one query per page.
import { sql, type Kysely } from 'kysely'
import type { Selectable } from 'kysely'
import type { Database, LeadTable } from '../db/tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { DomainError } from '#core/errors.ts'
import { isInstant } from '#core/util/is-instant.ts'
import { engagementFromTerms } from '#core/scoring/credit-touchpoints.ts'
import { engagementNow, matchesLeadFilters, type LeadFilters } from './lead-filters.ts'

export const LEAD_SORTS = {
  engagement: 'engagement',
  fit: 'fit_score',
  updated: 'updated_at',
  lastTouch: 'last_touch_at',
  stageEntered: 'stage_entered_at',
  email: 'email',
  predicted: 'predicted',
} as const

export type LeadSort = keyof typeof LEAD_SORTS

/** `at` (from the filters) is the instant engagement is read at; a cursor carries it on, so pages agree. */
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
  /** the predictive score's calibrated probability; null until a model scored the lead */
  predicted: number | null
}

/** `at`: the instant an engagement page was read at, so the next page reads the same values. */
type Cursor = { value: string | number; id: string; at?: number }

// Rows read per step when scanning for the highest engagement now.
const SCAN = 500

// What a list item needs; never the lead's snapshot, checkpoints or state, large jsonb a list does not
// show (reading them made the list's database time mostly transfer and parsing).
const LIST_COLUMNS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'title',
  'company_name',
  'country',
  'lane',
  'profile',
  'stage',
  'stage_entered_at',
  'owner_id',
  'fit_score',
  'engagement_terms',
  'scored_at',
  'last_touch_at',
  'touchpoint_count',
  'predicted',
] as const

type LeadRow = Pick<Selectable<LeadTable>, (typeof LIST_COLUMNS)[number]> & { sort_key: unknown }

export async function listLeads(
  db: Kysely<Database>,
  workspaceId: string,
  request: LeadListRequest,
): Promise<{ items: LeadListItem[]; nextCursor: string | null }> {
  const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor, request.sort)
  const at = cursor?.at === undefined ? request.at : new Date(cursor.at)
  const filters = { ...request, at }
  const rows =
    request.sort === 'engagement' && request.order === 'desc'
      ? await highestEngagement(db, workspaceId, filters, cursor)
      : await sortedBy(db, workspaceId, filters, cursor)
  const page = rows.slice(0, request.limit)
  const last = page.at(-1)
  const engagementOf = (row: LeadRow) =>
    engagementFromTerms(row.engagement_terms, row.scored_at.getTime(), at.getTime())
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
      engagement: engagementOf(row),
      scoredAt: row.scored_at.toISOString(),
      lastTouchAt: row.last_touch_at?.toISOString() ?? null,
      predicted: row.predicted,
      touchpointCount: row.touchpoint_count,
    })),
    nextCursor:
      rows.length > request.limit && last
        ? encodeCursor({
            value: cursorValue(last.sort_key),
            id: last.id,
            ...(request.sort === 'engagement' ? { at: at.getTime() } : {}),
          })
        : null,
  }
}

/** One page (and one row more) in the order of an indexed column or expression. */
async function sortedBy(
  db: Kysely<Database>,
  workspaceId: string,
  request: LeadListRequest,
  cursor: Cursor | undefined,
): Promise<LeadRow[]> {
  const key = sortKey(request.sort, request.at)
  let query = db
    .selectFrom('leads')
    .select(LIST_COLUMNS)
    .select(key.as('sort_key'))
    .where('workspace_id', '=', workspaceId)
    .where(matchesLeadFilters(request))
  if (cursor) {
    const comparison = request.order === 'desc' ? '<' : '>'
    query = query.where(sql<boolean>`(${key}, id) ${sql.raw(comparison)} (${cursor.value}, ${cursor.id})`)
  }
  return query
    .orderBy(key, request.order)
    .orderBy('id', request.order)
    .limit(request.limit + 1)
    .execute()
}

/**
 * The page of highest engagement now, exactly, without computing it for every lead: leads are read
 * in order of their ceiling (the most their engagement can be from their last scoring on) and the
 * scan stops once the page is full and no lead further down can reach its last value. Ceilings stay
 * close to the values (a lead is scored again once its engagement has halved, see rescoreAt),
 * so the scan reads little more than the page.
 */
async function highestEngagement(
  db: Kysely<Database>,
  workspaceId: string,
  request: LeadListRequest,
  cursor: Cursor | undefined,
): Promise<LeadRow[]> {
  const at = request.at.getTime()
  const want = request.limit + 1
  type Ranked = { value: number; id: string }
  const ahead = (a: Ranked, b: Ranked) => a.value > b.value || (a.value === b.value && a.id > b.id)
  const best: Ranked[] = []
  let after: { ceiling: number; id: string } | undefined
  for (;;) {
    // The scan reads only what ranking needs; the page's rows are read once it is known.
    let query = db
      .selectFrom('leads')
      .select(['id', 'engagement_terms', 'scored_at', 'engagement_ceiling'])
      .where('workspace_id', '=', workspaceId)
      .where(matchesLeadFilters(request))
    if (after) query = query.where(sql<boolean>`(engagement_ceiling, id) < (${after.ceiling}, ${after.id})`)
    const chunk = await query
      .orderBy('engagement_ceiling', 'desc')
      .orderBy('id', 'desc')
      .limit(SCAN)
      .execute()
    for (const row of chunk) {
      const ranked = {
        value: engagementFromTerms(row.engagement_terms, row.scored_at.getTime(), at),
        id: row.id,
      }
      if (cursor && !ahead(cursor as Ranked, ranked)) continue
      const place = best.findIndex((other) => ahead(ranked, other))
      if (place === -1) {
        if (best.length < want) best.push(ranked)
      } else {
        best.splice(place, 0, ranked)
        if (best.length > want) best.pop()
      }
    }
    const last = chunk.at(-1)
    if (!last || chunk.length < SCAN) break
    if (best.length === want && best.at(-1)!.value > last.engagement_ceiling) break
    after = { ceiling: last.engagement_ceiling, id: last.id }
  }
  if (best.length === 0) return []
  const rows = await db
    .selectFrom('leads')
    .select(LIST_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where(
      'id',
      'in',
      best.map((ranked) => ranked.id),
    )
    .execute()
  const rowById = new Map(rows.map((row) => [row.id, row]))
  // A lead removed meanwhile (its workspace deleted) drops out rather than breaking the page.
  return best.flatMap(({ id, value }) => {
    const row = rowById.get(id)
    return row ? [{ ...row, sort_key: value }] : []
  })
}

// Leads never touched sort as if last touched at the epoch, in ORDER BY and cursor alike: last when the
// newest come first, first when the oldest do. The cursor then always holds an instant; a NULL in the
// row comparison would match nothing and end paging at the first untouched lead.
function sortKey(sort: LeadSort, at: Date) {
  if (sort === 'lastTouch') return sql<Date>`coalesce(last_touch_at, to_timestamp(0))`
  if (sort === 'engagement') return engagementNow(at)
  // Leads no model scored yet sort below every probability, in ORDER BY and cursor alike.
  if (sort === 'predicted') return sql<number>`coalesce(predicted, -1)`
  return sql<Date | number | string>`${sql.ref(LEAD_SORTS[sort])}`
}

function cursorValue(value: unknown): string | number {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'string') return value
  throw new Error(`sort value ${String(value)} cannot continue a page`)
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

function decodeCursor(text: string, sort: LeadSort): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    const at = cursor.at === undefined || (Number.isSafeInteger(cursor.at) && Math.abs(cursor.at) < 8.64e15)
    if (typeof cursor.id === 'string' && uuid.test(cursor.id) && fitsSort(cursor.value, sort) && at)
      return cursor
  } catch {
    // fall through to the problem below
  }
  throw new DomainError('INVALID_CURSOR', 'querystring/cursor is not a cursor this API returned.', {
    errors: [{ path: 'querystring/cursor', message: 'is not a valid cursor for this sort' }],
  })
}

/** A cursor's value must have the type of the key it continues, or the query would fail. */
function fitsSort(value: unknown, sort: LeadSort): boolean {
  switch (sort) {
    case 'engagement':
    case 'fit':
    case 'predicted':
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
