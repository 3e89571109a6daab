// A closed-loop load over one undici pool: `connections` clients, each sending its next request as soon
// as the previous one is answered, for a while to warm up and then a measured while.
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import { percentile, round } from './http-load.ts'

export type LoadFigures = {
  requests: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** answers other than 200 while measuring, by status */
  failures: Record<number, number>
  /** p99 per label, e.g. per kind of list query */
  p99MsByLabel: Record<string, number>
}

/** Requests what `next()` gives (path and label); a network error fails the run. */
export async function runLoad(options: {
  url: string
  headers: Record<string, string>
  connections: number
  warmUpSeconds: number
  seconds: number
  next: () => { path: string; label: string }
}): Promise<LoadFigures> {
  const pool = new Pool(options.url, { connections: options.connections, pipelining: 1 })
  const samples: Array<{ ms: number; label: string }> = []
  const failures: Record<number, number> = {}
  let measuring = false
  let stopped = false
  const client = async () => {
    while (!stopped) {
      const { path, label } = options.next()
      const began = performance.now()
      const response = await pool.request({ path, method: 'GET', headers: options.headers })
      await response.body.text()
      if (!measuring || stopped) continue
      // Any other answer (e.g. 503 when requests waited too long for a database connection) is counted
      // and left out of the latencies, which would otherwise look better for it.
      if (response.statusCode === 200) samples.push({ ms: performance.now() - began, label })
      else failures[response.statusCode] = (failures[response.statusCode] ?? 0) + 1
    }
  }
  const clients = Array.from({ length: options.connections }, client)
  // The first failure ends the run; the others (e.g. the pool closing under them) are expected.
  for (const running of clients) running.catch(() => undefined)
  const failed = Promise.race(clients).then(() => undefined)
  try {
    await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, options.warmUpSeconds * 1000))])
    measuring = true
    const started = performance.now()
    await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, options.seconds * 1000))])
    stopped = true
    const elapsed = (performance.now() - started) / 1000
    await Promise.all(clients)
    const all = samples.map((sample) => sample.ms)
    const labels = [...new Set(samples.map((sample) => sample.label))]
    return {
      requests: all.length,
      failures,
      perSecond: Math.round(all.length / elapsed),
      p50Ms: round(percentile(all, 50)),
      p99Ms: round(percentile(all, 99)),
      maxMs: round(all.reduce((max, ms) => Math.max(max, ms), 0)),
      p99MsByLabel: Object.fromEntries(
        labels.map((label) => [
          label,
          round(
            percentile(
              samples.flatMap((sample) => (sample.label === label ? [sample.ms] : [])),
              99,
            ),
          ),
        ]),
      ),
    }
  } finally {
    stopped = true
    await pool.close()
  }
}
