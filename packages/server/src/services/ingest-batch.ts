// One request's worth of ingestion as one use case, in one transaction: store the touchpoints and bring
// their leads up to date (ingest-events.ts), hand the MQLs that are now waiting to reps, and record the
// batch in the audit log. The caller sees the hand-offs in the answer, and a batch that fails anywhere
// leaves nothing behind.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { audit, type AuditActor } from './audit.ts'
import { ingestEvents, type IngestOutcome } from './ingest-events.ts'
import { routeWaitingMqls } from './route-waiting-mqls.ts'

/**
 * The answer for the client plus `moved`, the stage changes the batch caused, which the caller counts
 * in its metrics once the transaction has committed.
 */
export async function ingestBatch(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  items: readonly unknown[],
  now: Date,
): Promise<IngestOutcome> {
  return inTransaction(db, async (trx) => {
    const outcome = await ingestEvents(trx, workspaceId, items, now)
    if (outcome.accepted === 0) return outcome
    // The leads routing assigns are projected again after the hand-off decision, but folded on from the
    // snapshot just stored: only the decision is folded (their logs are read once more).
    await routeWaitingMqls(trx, workspaceId, now)
    const { accepted, duplicate, rejected } = outcome
    await audit(trx, workspaceId, actor, 'events.ingest', null, { after: { accepted, duplicate, rejected } })
    return outcome
  })
}
