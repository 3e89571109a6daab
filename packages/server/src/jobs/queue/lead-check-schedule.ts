// When a lead must be looked at again (an SLA step falling due), as a job of the lead-check queue
// enqueued in the transaction that learns it. Apart from jobs/lead-check.job.ts, which works the queue,
// so the projection can schedule without importing the services the worker calls.
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { enqueueMany, type QueueDefinition } from './job-queue.ts'

export type LeadCheck = { workspaceId: string; leadId: string; at: string }

export const LEAD_CHECK_QUEUE: QueueDefinition = {
  name: 'lead-check',
  policy: 'standard',
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 300,
}

/**
 * Enqueues one job per lead and instant, with the caller's executor (so in its transaction); the same
 * lead and instant twice is one job. Each runs at its instant.
 */
export async function scheduleLeadChecks(
  executor: Kysely<Database>,
  workspaceId: string,
  checks: ReadonlyArray<{ leadId: string; at: Date }>,
): Promise<void> {
  await enqueueMany(
    executor,
    LEAD_CHECK_QUEUE.name,
    checks.map(({ leadId, at }) => ({
      id: checkId(workspaceId, leadId, at),
      startAfter: at,
      data: { workspaceId, leadId, at: at.toISOString() } satisfies LeadCheck,
    })),
  )
}

// A deterministic UUID (version 8 layout) of workspace, lead and instant: the job's identity.
function checkId(workspaceId: string, leadId: string, at: Date): string {
  const hex = createHash('sha256').update(`${workspaceId}/${leadId}/${at.toISOString()}`).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
