// Worker threads that replay a backtest's pages beside the thread that reads them: the replay is pure
// CPU (every lead folded under two versions), so on a machine with cores to spare a large backtest
// reads the next pages from the database while earlier ones are judged, on as many cores as it is given.
// Small backtests stay on the calling thread: starting a worker costs more than they take.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { BacktestLead } from '#core/backtest/backtest-lead.ts'
import type { LeadHistory } from './backtest-history.ts'
import type { ReplayReply, ReplayRequest, ReplayWorkerData } from './replay-worker.ts'

/** Below this many leads a backtest replays on the calling thread. */
export const POOL_MIN_LEADS = 5_000
const MAX_WORKERS = 4

/**
 * How many worker threads a backtest of `leads` leads uses unless configured (`TAKT_BACKTEST_WORKERS`):
 * none for a small one; else one per core but the one that reads (at least one, so reading and
 * replaying overlap).
 */
export function replayWorkersFor(leads: number): number {
  if (leads < POOL_MIN_LEADS) return 0
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism() - 1))
}

export type ReplayPool = {
  /** the page's leads judged, in the page's order (erased leads left out) */
  judge: (histories: LeadHistory[]) => Promise<BacktestLead[]>
  /** stops the workers; pages still being judged are rejected */
  close: () => Promise<void>
}

export function startReplayPool(size: number, data: ReplayWorkerData): ReplayPool {
  if (size < 1) throw new Error('a replay pool needs at least one worker')
  type Pending = { resolve: (leads: BacktestLead[]) => void; reject: (error: Error) => void }
  const pending = new Map<number, Pending>()
  const load = new Map<Worker, number>()
  let nextId = 0
  let closed = false
  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error)
    pending.clear()
  }
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./replay-worker.ts', import.meta.url), { workerData: data })
    load.set(worker, 0)
    worker.on('message', (reply: ReplayReply) => {
      load.set(worker, load.get(worker)! - 1)
      const waiting = pending.get(reply.id)
      pending.delete(reply.id)
      if ('error' in reply) waiting?.reject(new Error(`backtest replay failed: ${reply.error}`))
      else waiting?.resolve(reply.leads)
    })
    worker.on('error', (error) => failAll(error))
    worker.on('exit', (code) => {
      if (!closed) failAll(new Error(`a backtest replay worker stopped (exit code ${code})`))
    })
    return worker
  })
  return {
    judge(histories) {
      if (closed) return Promise.reject(new Error('the replay pool is closed'))
      const id = nextId++
      // The least busy worker: pages differ in size, so round robin would let one queue up.
      const worker = workers.reduce((best, candidate) =>
        load.get(candidate)! < load.get(best)! ? candidate : best,
      )
      load.set(worker, load.get(worker)! + 1)
      return new Promise<BacktestLead[]>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        worker.postMessage({ id, histories } satisfies ReplayRequest)
      })
    },
    async close() {
      closed = true
      failAll(new Error('the replay pool was closed'))
      await Promise.all(workers.map((worker) => worker.terminate()))
    },
  }
}
