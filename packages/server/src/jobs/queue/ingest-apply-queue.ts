// The job that applies touchpoints acknowledged with respond-async (services/apply-queued-events.ts).
// Every acknowledged batch sends one, in the transaction that queues its touchpoints, so no batch can
// be left without a job that runs after it is visible. Each drains all it finds, and those behind it
// find little left. Jobs of one workspace may run side by side (on several instances): they claim
// disjoint touchpoints (SKIP LOCKED). Not one-at-a-time by policy on purpose: a job whose process was
// killed stays active until it expires, and would hold up every other job of its workspace until then.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { enqueue, type QueueDefinition } from './job-queue.ts'

export type IngestApply = { workspaceId: string }

export const INGEST_APPLY_QUEUE: QueueDefinition = {
  name: 'ingest-apply',
  policy: 'standard',
  retryLimit: 10,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 900,
  deleteAfterSeconds: 3_600,
}

export async function scheduleIngestApply(executor: Kysely<Database>, workspaceId: string): Promise<void> {
  await enqueue(executor, INGEST_APPLY_QUEUE.name, { workspaceId } satisfies IngestApply)
}
