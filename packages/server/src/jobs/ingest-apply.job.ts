// Works the ingest-apply queue: drains a workspace's queued touchpoints chunk by chunk until none are
// left (or the job is cancelled), reporting progress for the Jobs view.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { ingestQueueRepository } from '../db/ingest-queue.repository.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import type { TransitionRecord } from '#core/lifecycle/replay-lead.ts'
import { APPLY_CHUNK, applyQueuedEvents } from '../services/apply-queued-events.ts'
import type { JobQueue } from './queue/job-queue.ts'
import { INGEST_APPLY_QUEUE, scheduleIngestApply, type IngestApply } from './queue/ingest-apply-queue.ts'

export async function workIngestApply(
  queue: JobQueue,
  db: Kysely<Database>,
  clock: () => Date,
  onMoved?: (moved: readonly TransitionRecord[]) => void,
): Promise<void> {
  await queue.work<IngestApply>(
    INGEST_APPLY_QUEUE.name,
    async ({ workspaceId }, job) => {
      const { queued } = await withWorkspace(db, workspaceId, (scoped) =>
        ingestQueueRepository.depth(scoped, workspaceId),
      )
      let applied = 0
      let claimed = 0
      for (;;) {
        const chunk = await applyQueuedEvents(db, workspaceId, clock())
        applied += chunk.applied
        claimed += chunk.claimed
        if (chunk.moved.length > 0) onMoved?.(chunk.moved)
        if (chunk.claimed < APPLY_CHUNK) break
        // More may arrive while we work: the fraction is of what waited when the job began.
        const going = await job.progress(Math.min(claimed / Math.max(queued, 1), 1), `${applied} applied`)
        if (!going || job.signal.aborted) break
      }
      return applied
    },
    // Acknowledged touchpoints should reach their leads within about a second.
    { pollingIntervalSeconds: 0.5 },
  )
  // Every acknowledged batch sent its job; this picks up at once after a job killed with its process
  // (which the queue retries only once it expires) or one that ran out of retries.
  for (const workspaceId of await ingestQueueRepository.workspacesWithQueued(db)) {
    await scheduleIngestApply(db, workspaceId)
  }
}
