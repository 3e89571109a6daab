// Periodic work (SLA breaches, lead refresh, webhook dispatch, retention) as queue jobs: each round is
// a job that, when done, sends the next one for `everyMs` later. The queues are stately (migration
// 0014), so however many instances send, one round waits and one runs; a failed round is retried by
// the queue and shows in the Jobs view. Every start sends a round, which restarts a chain that a
// stopped database or a crash may have broken.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import {
  enqueue,
  type JobContext,
  type JobObserver,
  type JobQueue,
  type QueueDefinition,
} from './job-queue.ts'

export type Round = () => Promise<{ done: number; full: boolean }>

export type PeriodicRound = { name: string; everyMs: number; round: Round }

/**
 * Rounds are frequent: keep their history an hour, retry a failed one three times. A running round
 * beats every 5 s: one whose process was killed stops beating and is failed (and retried) within
 * about 20 s. Otherwise it would stay `active` until its 15-minute expiry, and as a stately queue holds
 * one running round, no round of that queue (SLA catch-up, webhook dispatch) would run meanwhile.
 */
export function periodicQueue(name: string): QueueDefinition {
  return {
    name,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 5,
    deleteAfterSeconds: 3_600,
    heartbeatSeconds: ROUND_HEARTBEAT_SECONDS,
  }
}

/** The least pg-boss allows. */
export const ROUND_HEARTBEAT_SECONDS = 10

export async function workPeriodically(
  queue: JobQueue,
  db: Kysely<Database>,
  { name, everyMs, round }: PeriodicRound,
  observer?: JobObserver,
): Promise<void> {
  const sendNext = (delayMs: number) =>
    enqueue(db, name, {}, { singletonKey: name, startAfter: new Date(Date.now() + delayMs) })
  // Looked for about as often as a round is due, within pg-boss's bounds and a cheap idle load.
  const pollingIntervalSeconds = Math.min(Math.max(everyMs / 1_000, 0.5), 5)
  const handle = async (_data: object, job: JobContext) => {
    try {
      // More work is waiting while a round comes back full: go on at once.
      let result: Awaited<ReturnType<Round>>
      do {
        result = await round()
        observer?.round(name, result.done)
      } while (result.full && !job.signal.aborted)
    } finally {
      await sendNext(everyMs)
    }
  }
  await queue.work(name, handle, { pollingIntervalSeconds })
  await sendNext(0)
}
