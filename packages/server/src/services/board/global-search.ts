// The command palette's search (Ctrl/Cmd-K): people by name or e-mail, companies by name or domain,
// a handful of each. A rep finds only the leads they may see, and only companies with such a lead.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { visibleLeads, type Visibility } from '../lead-visibility.ts'

export const SEARCH_LIMIT = { leads: 8, accounts: 5 } as const

export type SearchResult = {
  leads: Array<{
    id: string
    email: string
    firstName: string | null
    lastName: string | null
    companyName: string | null
    stage: LeadStage
  }>
  accounts: Array<{ id: string; name: string | null; domain: string; leads: number }>
}

function containing(text: string): string {
  return `%${text.replace(/[%_\\]/g, (char) => `\\${char}`)}%`
}

export async function searchWorkspace(
  db: Kysely<Database>,
  workspaceId: string,
  q: string,
  visibility: Visibility,
): Promise<SearchResult> {
  const text = q.trim().toLowerCase()
  const pattern = containing(text)
  const leads = await db
    .selectFrom('leads')
    .select(['id', 'email', 'first_name', 'last_name', 'company_name', 'stage'])
    .where('workspace_id', '=', workspaceId)
    .where(visibleLeads(visibility))
    .where((where) =>
      where.or([
        where('email', 'like', pattern),
        where(sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`, 'like', pattern),
      ]),
    )
    // The exact address first, then names that start with the text, then the most recently active.
    .orderBy(sql`email = ${text}`, 'desc')
    .orderBy(
      sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) like ${`${text}%`}`,
      'desc',
    )
    .orderBy(sql`last_touch_at desc nulls last`)
    .orderBy('id')
    .limit(SEARCH_LIMIT.leads)
    .execute()
  const visibleLeadsOf = (account: ExpressionBuilder<Database, 'accounts'>) =>
    account
      .selectFrom('leads')
      .whereRef('leads.workspace_id', '=', 'accounts.workspace_id')
      .whereRef('leads.account_id', '=', 'accounts.id')
      .where(visibleLeads(visibility))
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'name', 'domain'])
    .select((account) =>
      visibleLeadsOf(account)
        .select(sql<number>`count(*)::int`.as('count'))
        .as('leads'),
    )
    .where('workspace_id', '=', workspaceId)
    .where((where) =>
      where.or([where('domain', 'like', pattern), where(sql`lower(coalesce(name, ''))`, 'like', pattern)]),
    )
    .where((account) => account.exists(visibleLeadsOf(account).select('leads.id')))
    .orderBy('name')
    .orderBy('id')
    .limit(SEARCH_LIMIT.accounts)
    .execute()
  return {
    leads: leads.map((row) => ({
      id: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      companyName: row.company_name,
      stage: row.stage as LeadStage,
    })),
    accounts: accounts.map((row) => ({
      id: row.id,
      name: row.name,
      domain: row.domain,
      leads: Number(row.leads),
    })),
  }
}
