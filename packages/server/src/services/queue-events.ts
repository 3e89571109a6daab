// POST /api/v1/events with `Prefer: respond-async`: checks the batch as the synchronous path does and
// acknowledges it once its touchpoints are stored in the queue, without bringing their leads up to date
// (apply-queued-events.ts does that in the background). For bulk loads and imports: the answer comes
// about as fast as the rows can be written, and a touchpoint acknowledged is never lost.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { ingestQueueRepository } from '../db/ingest-queue.repository.ts'
import { scheduleIngestApply } from '../jobs/queue/ingest-apply-queue.ts'
import type { IngestQueuedResult } from './ingest-contract.ts'
import { sortBatch } from './ingest-events.ts'
import { audit, type AuditActor } from './audit.ts'

export async function queueEvents(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  items: readonly unknown[],
  now: Date,
): Promise<IngestQueuedResult> {
  return inTransaction(db, async (trx) => {
    const batch = await sortBatch(trx, workspaceId, items, now)
    const queued = await ingestQueueRepository.insertMany(trx, workspaceId, batch.accepted)
    // A twin queued by a concurrent batch between our check and our insert counts as a duplicate.
    const duplicate = batch.duplicate + batch.accepted.length - queued.size
    const result = { accepted: queued.size, duplicate, rejected: batch.errors.length, errors: batch.errors }
    if (queued.size > 0) {
      await scheduleIngestApply(trx, workspaceId)
      const { accepted, rejected } = result
      await audit(trx, workspaceId, actor, 'events.ingest', null, {
        after: { accepted, duplicate, rejected, queued: true },
      })
    }
    return result
  })
}
