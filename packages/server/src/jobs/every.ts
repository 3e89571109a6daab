// Runs a job's rounds on a timer: one round at a time per process, repeated while a round comes back
// full (more work is waiting), errors logged and retried on the next tick.
import type { FastifyBaseLogger } from 'fastify'

export type JobRound = () => Promise<{ done: number; full: boolean }>

export function every(everyMs: number, name: string, round: JobRound, log: FastifyBaseLogger) {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      let result: Awaited<ReturnType<JobRound>>
      do result = await round()
      while (result.full)
    } catch (error) {
      log.error({ err: error, job: name }, `${name} failed`)
    } finally {
      running = false
    }
  }
  const timer = setInterval(tick, everyMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
