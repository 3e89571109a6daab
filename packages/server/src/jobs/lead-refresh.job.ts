// Keeps projections current without new input: cool-downs that end and scores that decay.
// Safe with several server instances: leads are claimed with FOR UPDATE SKIP LOCKED.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { projectionContext } from '../services/projection-context.ts'
import { reprojectLeads } from '../services/lead-projection.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { routeWaitingMqls } from '../services/route-waiting-mqls.ts'
import { every, type Job, type JobRuntime } from './every.ts'

const BATCH = 200
// Scores in lists are refreshed at least this often, so decay shows within hours.
const STALE_AFTER_MS = 6 * 3_600_000

export const leadRefreshJob = {
  name: 'lead-refresh',
  /** One round: due cool-downs first, then the stalest scores. Returns how many leads were refreshed. */
  async handle(db: Kysely<Database>, now: Date): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const due = await leadRepository.claimDue(trx, now, BATCH)
      const stale = await sql<{ workspace_id: string; id: string }>`
        select workspace_id, id from leads where scored_at < ${new Date(now.getTime() - STALE_AFTER_MS)}
        order by scored_at limit ${BATCH - due.length} for update skip locked`.execute(trx)
      const byWorkspace = new Map<string, Set<string>>()
      for (const row of [...due, ...stale.rows]) {
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

export function startLeadRefreshJob(
  db: Kysely<Database>,
  clock: () => Date,
  runtime: JobRuntime,
  everyMs = 60_000,
): Job {
  const round = async () => {
    const refreshed = await leadRefreshJob.handle(db, clock())
    return { done: refreshed, full: refreshed === BATCH }
  }
  return every({ name: leadRefreshJob.name, everyMs, round }, runtime)
}
