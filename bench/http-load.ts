// What the HTTP benches share: sizes from the environment, percentiles, the server's memory sampled
// from /proc, and the load average (other work on the machine skews every figure).
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'

/** A whole number from the environment (e.g. TAKT_BENCH_EVENTS=2000 for a smoke run), or the default. */
export function sizeFromEnv(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number ≥ 1, not ${text}`)
  return value
}

/** The nearest-rank percentile (p in 0..100) of samples; NaN without samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/** The 1, 5 and 15 minute load averages, rounded, to print and record beside the figures. */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = loadavg()
  return [round(one!, 2), round(five!, 2), round(fifteen!, 2)]
}

/** A process's resident memory in MB every `everyMs` (Linux /proc); `stop` gives the peak seen. */
export function sampleRss(pid: number, everyMs = 100): { stop: () => number } {
  let peak = 0
  const sample = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (match) peak = Math.max(peak, Number(match[1]) / 1024)
    } catch {
      // the process has ended, or this is not Linux
    }
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      sample()
      return round(peak)
    },
  }
}

/**
 * Sends one batch until it is stored and counts the answers it took: a 409, 429 or 503 between concurrent
 * batches is retried as a careful client would; so is a 500 (e.g. a deadlock between two batches), but
 * counted apart, as a server error the bench reports.
 */
export async function postEvents(
  url: string,
  key: string,
  events: readonly unknown[],
  options: { respondAsync?: boolean } = {},
): Promise<{ retries: number; serverErrors: number }> {
  const body = JSON.stringify({ events })
  let serverErrors = 0
  for (let retries = 0; ; retries++) {
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        ...(options.respondAsync ? { prefer: 'respond-async' } : {}),
      },
      body,
    })
    const text = await response.text()
    if (response.status === (options.respondAsync ? 202 : 200)) {
      if ((JSON.parse(text) as { rejected: number }).rejected > 0) throw new Error(`rejected: ${text}`)
      return { retries, serverErrors }
    }
    if (response.status === 500) serverErrors++
    if (![409, 429, 500, 503].includes(response.status) || retries === 20) {
      throw new Error(`POST /api/v1/events answered ${response.status}: ${text.slice(0, 500)}`)
    }
    await pause(50)
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the server has applied every touchpoint it acknowledged asynchronously. */
export async function untilApplied(url: string, key: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/api/v1/events/queue`, {
      headers: { authorization: `Bearer ${key}` },
    })
    if (!response.ok) throw new Error(`GET /api/v1/events/queue answered ${response.status}`)
    if (((await response.json()) as { queued: number }).queued === 0) return
    await pause(100)
  }
}
