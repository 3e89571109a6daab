// Applies touchpoints acknowledged with respond-async (queue-events.ts): the oldest queued ones are
// stored in the log and their leads brought up to date, as a synchronous batch would, then removed
// from the queue, all in one transaction. A crash or a lost connection rolls it back and leaves them
// queued for the retry; nothing is applied twice, as the log's ids are unique.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { eventRepository } from '../db/event.repository.ts'
import { ingestQueueRepository } from '../db/ingest-queue.repository.ts'
import type { TransitionRecord } from '#core/lifecycle/replay-lead.ts'
import { parseInstant } from '#core/util/is-instant.ts'
import { storeAndProject } from './ingest-events.ts'
import { routeWaitingMqls } from './route-waiting-mqls.ts'

/**
 * Touchpoints applied per transaction: large enough that a lead with several queued touchpoints is
 * folded once for all of them, small enough to keep the transaction short.
 */
export const APPLY_CHUNK = 2_000

export type AppliedChunk = {
  /** queued touchpoints taken off the queue */
  claimed: number
  /** of those, stored in the log now */
  applied: number
  /**
   * already in the log: a synchronous batch with the same id stored it between our acknowledgement and
   * now (with the same payload, a duplicate; with another, the first stored wins)
   */
  logged: number
  moved: TransitionRecord[]
}

export async function applyQueuedEvents(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
  limit = APPLY_CHUNK,
): Promise<AppliedChunk> {
  return withWorkspace(db, workspaceId, async (trx) => {
    const claimed = await ingestQueueRepository.claim(trx, workspaceId, limit)
    if (claimed.length === 0) return { claimed: 0, applied: 0, logged: 0, moved: [] }
    const logged = await eventRepository.hashesByClientId(
      trx,
      workspaceId,
      claimed.map(({ event }) => event.id),
    )
    const items = claimed
      .filter(({ event }) => !logged.has(event.id))
      .map(({ event, hash }, index) => ({
        index,
        event,
        hash,
        occurredAt: new Date(parseInstant(event.occurredAt)!),
      }))
    const { inserted, moved } = await storeAndProject(trx, workspaceId, items, now)
    await ingestQueueRepository.remove(
      trx,
      workspaceId,
      claimed.map(({ seq }) => seq),
    )
    if (inserted.size > 0) await routeWaitingMqls(trx, workspaceId, now)
    return { claimed: claimed.length, applied: inserted.size, logged: logged.size, moved }
  })
}
