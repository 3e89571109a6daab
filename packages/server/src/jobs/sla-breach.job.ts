// Fires SLA breach steps that fell due. Safe with several server instances: due leads are claimed
// with FOR UPDATE SKIP LOCKED, and each step is recorded under a dedupe key besides.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { fireSlaBreaches } from '../services/fire-sla-breaches.ts'

export const SLA_BATCH = 100

export const slaBreachJob = {
  name: 'sla-breach',
  /** One round over up to SLA_BATCH due leads; returns how many leads it looked at and how many steps fired. */
  async handle(
    db: Kysely<Database>,
    now: Date,
    limit = SLA_BATCH,
  ): Promise<{ leads: number; fired: number }> {
    return db.transaction().execute(async (trx) => {
      const due = await sql<{ workspace_id: string; id: string; email: string; account_id: string | null }>`
        select workspace_id, id, email, account_id from leads
        where sla_check_at is not null and sla_check_at <= ${now}
        order by sla_check_at limit ${limit} for update skip locked`.execute(trx)
      const byWorkspace = Map.groupBy(due.rows, (row) => row.workspace_id)
      let fired = 0
      for (const [workspaceId, rows] of byWorkspace) {
        const leads = rows.map((row) => ({ id: row.id, email: row.email, accountId: row.account_id }))
        fired += await withWorkspace(trx, workspaceId, (scoped) =>
          fireSlaBreaches(scoped, workspaceId, leads, now),
        )
      }
      return { leads: due.rows.length, fired }
    })
  },
}
