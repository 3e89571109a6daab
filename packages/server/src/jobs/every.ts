// Runs a job's rounds on a timer: one round at a time per process, repeated while a round comes back
// full (more work is waiting), errors logged and retried on the next tick. While the database is
// unreachable the job pauses (no round starts, no log line per tick) and resumes when it is back.
import type { FastifyBaseLogger } from 'fastify'
import type { DatabaseAvailability } from '../db/database-availability.ts'

export type JobRound = () => Promise<{ done: number; full: boolean }>

/** Told of each finished round and each failed one (metrics). */
export type JobObserver = {
  round(job: string, done: number): void
  failure(job: string): void
}

export type Job = {
  /** Stops the timer and resolves when the round in progress (if any) has finished. */
  stop: () => Promise<void>
}

/** What every job of a process shares: where it logs, whether the database is up, who counts rounds. */
export type JobRuntime = {
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>
  database?: Pick<DatabaseAvailability, 'isUp' | 'reportFailure'>
  observer?: JobObserver
}

export type JobSchedule = { name: string; everyMs: number; round: JobRound }

export function every({ name, everyMs, round }: JobSchedule, { log, database, observer }: JobRuntime): Job {
  let running: Promise<void> | undefined
  let stopped = false
  let paused = false
  const tick = async () => {
    if (stopped) return
    if (database && !database.isUp()) {
      if (!paused) log.warn({ job: name }, `${name} paused: database unreachable`)
      paused = true
      return
    }
    if (paused) log.info({ job: name }, `${name} resumed`)
    paused = false
    try {
      let result: Awaited<ReturnType<JobRound>>
      do {
        result = await round()
        observer?.round(name, result.done)
      } while (result.full && !stopped)
    } catch (error) {
      observer?.failure(name)
      if (database?.reportFailure(error)) paused = true
      else log.error({ err: error, job: name }, `${name} failed`)
    }
  }
  const timer = setInterval(() => {
    if (running) return
    running = tick().finally(() => (running = undefined))
  }, everyMs)
  timer.unref()
  return {
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
