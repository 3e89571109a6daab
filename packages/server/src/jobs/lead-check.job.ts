// Brings given leads up to date at a given instant: fires the SLA breach steps that fell due and
// reprojects them (cool-downs that end, scores that decay), then routes MQLs left waiting. Scheduled
// when a lead's next check is known, in the transaction that knows it, instead of polled.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { fireSlaBreaches } from '../services/fire-sla-breaches.ts'
import { routeWaitingMqls } from '../services/route-waiting-mqls.ts'
import type { JobQueue } from './queue/job-queue.ts'
import { LEAD_CHECK_QUEUE, type LeadCheck } from './queue/lead-check-schedule.ts'

const CLOCK_SKEW_MS = 1_000

export const leadCheckJob = {
  name: LEAD_CHECK_QUEUE.name,
  /** Checks the given leads at `now` (or at their instant, if the clock is behind it); returns steps fired. */
  async handle(db: Kysely<Database>, checks: readonly LeadCheck[], now: Date): Promise<number> {
    // The queue starts a job by the database's clock. One ours has not reached yet (a clock behind,
    // or set back in a test) waits: run early, it would act in our future. Retried, it runs later.
    const due = checks.filter((check) => Date.parse(check.at) <= now.getTime() + CLOCK_SKEW_MS)
    let fired = 0
    for (const [workspaceId, group] of Map.groupBy(due, (check) => check.workspaceId)) {
      const at = new Date(Math.max(now.getTime(), ...group.map((check) => Date.parse(check.at))))
      const ids = [...new Set(group.map((check) => check.leadId))]
      fired += await withWorkspace(db, workspaceId, async (scoped) => {
        // Locked, as the rounds lock theirs, so a round and a check never project the same lead at once.
        const leads = await scoped
          .selectFrom('leads')
          .select(['id', 'email', 'account_id'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .forUpdate()
          .execute()
        const identities = leads.map((lead) => ({
          id: lead.id,
          email: lead.email,
          accountId: lead.account_id,
        }))
        const steps = await fireSlaBreaches(scoped, workspaceId, identities, at)
        await routeWaitingMqls(scoped, workspaceId, at)
        return steps
      })
    }
    // The due ones are done; running them again with the rest is harmless (breaches have dedupe keys).
    if (due.length < checks.length) {
      throw new Error(`${checks.length - due.length} lead checks are not due yet by this server's clock`)
    }
    return fired
  },
}

export async function workLeadChecks(queue: JobQueue, db: Kysely<Database>, clock: () => Date) {
  await queue.workBatch<LeadCheck>(
    LEAD_CHECK_QUEUE.name,
    async (jobs) => {
      await leadCheckJob.handle(
        db,
        jobs.map((job) => job.data),
        clock(),
      )
      return jobs.length
    },
    { batchSize: 50 },
  )
}
