// Accounts (companies) are matched by their domain; the newest non-empty facts win.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'

export type AccountFacts = {
  domain: string
  name?: string
  industry?: string
  employees?: number
  country?: string
}

export const accountRepository = {
  /** The ids of the accounts that exist for `domains` (lower case), read without locking them. */
  async idsByDomain(
    db: Kysely<Database>,
    workspaceId: string,
    domains: string[],
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(domains.map((domain) => domain.toLowerCase()))]
    if (wanted.length === 0) return new Map()
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'domain'])
      .where('workspace_id', '=', workspaceId)
      .where('domain', '=', sql<string>`any(${wanted}::text[])`)
      .execute()
    return new Map(rows.map((row) => [row.domain, row.id]))
  },

  /** Creates or refreshes one account per domain and returns their ids by lower-case domain. */
  async upsertByDomain(
    db: Kysely<Database>,
    workspaceId: string,
    accounts: AccountFacts[],
  ): Promise<Map<string, string>> {
    const byDomain = new Map<string, AccountFacts>()
    for (const account of accounts) {
      const domain = account.domain.toLowerCase()
      byDomain.set(domain, { ...byDomain.get(domain), ...stripUndefined(account), domain })
    }
    if (byDomain.size === 0) return new Map()
    // In domain order: concurrent batches then lock shared accounts in the same order and cannot
    // deadlock (measured: two clients ingesting leads of the same companies did, 40P01).
    const ordered = [...byDomain.values()].sort((a, b) =>
      a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0,
    )
    // Only new domains and accounts whose facts change are written. An upsert of an unchanged row still
    // locks it, and two batches naming the same companies then wait on each other's whole transaction
    // (measured: 40 % of the ingest bench's database time was that wait).
    const input = ordered.map((account) => ({
      domain: account.domain,
      name: account.name ?? null,
      industry: account.industry ?? null,
      employees: account.employees ?? null,
      country: account.country?.toUpperCase() ?? null,
    }))
    const { rows } = await sql<{ id: string; domain: string }>`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
          as i(domain text, name text, industry text, employees int, country text)),
      current as (
        select a.id, a.domain, a.name, a.industry, a.employees, a.country
        from accounts a join input i on a.workspace_id = ${workspaceId} and a.domain = i.domain),
      written as (
        insert into accounts as a (workspace_id, domain, name, industry, employees, country)
        select ${workspaceId}::uuid, i.domain, i.name, i.industry, i.employees, i.country
        from input i left join current c on c.domain = i.domain
        where c.id is null
          or coalesce(i.name, c.name) is distinct from c.name
          or coalesce(i.industry, c.industry) is distinct from c.industry
          or coalesce(i.employees, c.employees) is distinct from c.employees
          or coalesce(i.country, c.country) is distinct from c.country
        order by i.domain
        on conflict (workspace_id, domain) do update set
          name = coalesce(excluded.name, a.name),
          industry = coalesce(excluded.industry, a.industry),
          employees = coalesce(excluded.employees, a.employees),
          country = coalesce(excluded.country, a.country),
          updated_at = now()
        returning a.id, a.domain)
      select id, domain from written
      union all
      select id, domain from current c where not exists (select 1 from written w where w.domain = c.domain)`.execute(
      db,
    )
    return new Map(rows.map((row) => [row.domain, row.id]))
  },
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
