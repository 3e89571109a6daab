// The board's list as CSV: every lead the filters match, read a page at a time and written as it is
// read, so a large export neither waits for the last row nor holds them all in memory. RFC 4180
// quoting (no CSV library is among the dependencies, and quoting is these few lines), with a UTF-8 byte
// order mark so Excel reads umlauts right.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { listLeads, type LeadListItem, type LeadListRequest } from '../list-leads.ts'

/** The header, fixed: columns are only ever added at the end, so import mappings keep working. */
export const LEAD_CSV_COLUMNS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'title',
  'company',
  'country',
  'stage',
  'owner_email',
  'source',
  'lane',
  'fit',
  'engagement',
  'stage_entered_at',
  'last_touch_at',
  'touchpoints',
] as const

const PAGE = 500
const BOM = '\uFEFF'

/**
 * One CSV field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe, as OWASP advises for exports opened in Excel.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return `${values.map(csvField).join(',')}\r\n`
}

function leadLine(lead: LeadListItem, ownerEmail: ReadonlyMap<string, string>): string {
  return csvLine([
    lead.id,
    lead.email,
    lead.firstName,
    lead.lastName,
    lead.title,
    lead.companyName,
    lead.country,
    lead.stage,
    lead.ownerId === null ? null : (ownerEmail.get(lead.ownerId) ?? lead.ownerId),
    lead.source,
    lead.lane,
    lead.fit,
    Math.round(lead.engagement * 10) / 10,
    lead.stageEnteredAt,
    lead.lastTouchAt,
    lead.touchpointCount,
  ])
}

/**
 * The export's text, page by page. Each page is read in a short transaction of its own under the
 * workspace's row-level security: the response streams after the request's transaction has ended.
 */
export async function* leadCsvChunks(
  db: Kysely<Database>,
  workspaceId: string,
  request: Omit<LeadListRequest, 'limit' | 'cursor'>,
  ownerEmail: ReadonlyMap<string, string>,
  pageSize = PAGE,
): AsyncGenerator<string> {
  yield BOM + csvLine(LEAD_CSV_COLUMNS)
  let cursor: string | null = null
  do {
    const page: Awaited<ReturnType<typeof listLeads>> = await withWorkspace(db, workspaceId, (scoped) =>
      listLeads(scoped, workspaceId, { ...request, limit: pageSize, ...(cursor === null ? {} : { cursor }) }),
    )
    yield page.items.map((lead) => leadLine(lead, ownerEmail)).join('')
    cursor = page.nextCursor
  } while (cursor !== null)
}

/** Owners by e-mail, disabled users included: an export names who held a lead, not who still signs in. */
export async function ownerEmails(db: Kysely<Database>, workspaceId: string): Promise<Map<string, string>> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('workspace_id', '=', workspaceId)
    .execute()
  return new Map(users.map((user) => [user.id, user.email]))
}
