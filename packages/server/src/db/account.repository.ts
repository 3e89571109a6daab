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
    const rows = await db
      .insertInto('accounts')
      .values(
        ordered.map((account) => ({
          workspace_id: workspaceId,
          domain: account.domain,
          name: account.name ?? null,
          industry: account.industry ?? null,
          employees: account.employees ?? null,
          country: account.country?.toUpperCase() ?? null,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'domain']).doUpdateSet({
          name: sql`coalesce(excluded.name, accounts.name)`,
          industry: sql`coalesce(excluded.industry, accounts.industry)`,
          employees: sql`coalesce(excluded.employees, accounts.employees)`,
          country: sql`coalesce(excluded.country, accounts.country)`,
          updated_at: sql`now()`,
        }),
      )
      .returning(['id', 'domain'])
      .execute()
    return new Map(rows.map((row) => [row.domain, row.id]))
  },
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
