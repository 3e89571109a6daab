// Looks again at the leads whose next check fell due (`next_check_at`, set by the projection where time
// alone can change a lead: a cool-down ending, or engagement that has halved since it was scored and
// needs its list ceiling renewed). Only due leads are read, through their index: there is no sweep over
// all leads, since engagement is computed when read. Safe with several server instances: leads are
// claimed with FOR UPDATE SKIP LOCKED. Runs as a periodic round on the job queue.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { projectionContext } from '../services/projection-context.ts'
import { reprojectLeads } from '../services/lead-projection.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { routeWaitingMqls } from '../services/route-waiting-mqls.ts'

export const LEAD_REFRESH_BATCH = 200
const BATCH = LEAD_REFRESH_BATCH

export const leadRefreshJob = {
  name: 'lead-refresh',
  /** One round: the leads whose next check is due. Returns how many leads were looked at. */
  async handle(db: Kysely<Database>, now: Date): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const due = await leadRepository.claimDue(trx, now, BATCH)
      const byWorkspace = new Map<string, Set<string>>()
      for (const row of due) {
        const ids = byWorkspace.get(row.workspace_id) ?? new Set<string>()
        ids.add(row.id)
        byWorkspace.set(row.workspace_id, ids)
      }
      let refreshed = 0
      for (const [workspaceId, ids] of byWorkspace) {
        // Claimed across workspaces as the owner; each workspace's leads are then worked on as that tenant.
        refreshed += await withWorkspace(trx, workspaceId, async (scoped) => {
          const leads = await scoped
            .selectFrom('leads')
            .select(['id', 'email', 'account_id'])
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', [...ids])
            .execute()
          const context = await projectionContext(scoped, workspaceId)
          const identities = leads.map((lead) => ({
            id: lead.id,
            email: lead.email,
            accountId: lead.account_id,
          }))
          await reprojectLeads(scoped, workspaceId, identities, context, now)
          return leads.length
        })
      }
      // Leads that re-qualified when their cool-down ended go to a rep like any new MQL, and queued ones
      // find a rep whose absence just ended.
      const waiting = await sql<{ workspace_id: string }>`
        select distinct workspace_id from leads where stage = 'mql' and owner_id is null`.execute(trx)
      for (const { workspace_id: workspaceId } of waiting.rows) {
        await withWorkspace(trx, workspaceId, (scoped) => routeWaitingMqls(scoped, workspaceId, now))
      }
      return refreshed
    })
  },
}
