// Storage limitation (Art. 5(1)(e) DSGVO): a lead nobody has heard from or worked on for N months is
// erased, the same way an erasure request erases it. Safe with several server instances: leads are
// claimed with FOR UPDATE SKIP LOCKED.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { eraseLead } from '../services/erase-lead.ts'

export const RETENTION_BATCH = 100
const BATCH = RETENTION_BATCH
/** Retention runs hourly: a lead erased an hour late is within any month-based period. */
export const RETENTION_EVERY_MS = 3_600_000

/** The instant N calendar months before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  return cutoff
}

export const retentionJob = {
  name: 'retention',
  /** One round: erases up to a batch of inactive leads and returns how many. `months` 0 does nothing. */
  async handle(db: Kysely<Database>, now: Date, months: number): Promise<number> {
    if (months <= 0) return 0
    const cutoff = retentionCutoff(now, months)
    return db.transaction().execute(async (trx) => {
      // Activity is a touchpoint or a decision. Customers stay: their record is part of a business
      // relationship with retention duties of its own (HGB, AO), not a lead to forget.
      const due = await sql<{ workspace_id: string; id: string }>`
        select l.workspace_id, l.id from leads l
        where coalesce(l.last_touch_at, l.created_at) < ${cutoff}
          and l.stage <> 'customer'
          and l.email not like 'erased-%@erased.invalid'
          and not exists (
            select 1 from decisions d
            where d.workspace_id = l.workspace_id and d.lead_id = l.id and d.decided_at >= ${cutoff})
        order by l.last_touch_at limit ${BATCH}
        for update of l skip locked`.execute(trx)
      const byWorkspace = new Map<string, string[]>()
      for (const row of due.rows)
        byWorkspace.set(row.workspace_id, [...(byWorkspace.get(row.workspace_id) ?? []), row.id])
      let erased = 0
      for (const [workspaceId, ids] of byWorkspace) {
        // Claimed across workspaces as the owner; each erasure then runs as that workspace's tenant.
        erased += await withWorkspace(trx, workspaceId, async (scoped) => {
          for (const id of ids) {
            await eraseLead(scoped, workspaceId, id, {
              actor: { type: 'system', id: null },
              cause: 'retention',
              now,
            })
          }
          return ids.length
        })
      }
      return erased
    })
  },
}
