// A client that sends touchpoints the way a careful integration does: batch after batch, and the same
// batch again (same ids) after a network error or a 503, until it is acknowledged. Tests that break
// the server on purpose use it to prove that every acknowledged event is stored exactly once.
import { randomBytes } from 'node:crypto'
import { issueApiKey } from '../services/issue-api-key.ts'
import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { generateDemoData } from '#core/demo/generate-demo-data.ts'
import type { DemoEvent } from '#core/demo/types.ts'
import { createWorkspace } from '../services/create-workspace.ts'
import { DEMO_AGREEMENT_PATH } from '../demo/seed-demo-workspace.ts'

export type StreamWorkspace = { workspaceId: string; ingestKey: string; events: DemoEvent[] }

/** A workspace with the demo agreement and catalog, an ingestion key, and `count` generated touchpoints. */
export async function seedStreamWorkspace(db: Kysely<Database>, count: number): Promise<StreamWorkspace> {
  const now = new Date('2026-11-02T09:00:00Z')
  const data = generateDemoData({ seed: 7, leads: Math.ceil(count / 8), now })
  if (data.events.length < count) throw new Error(`the generator made only ${data.events.length} events`)
  const { workspace } = await createWorkspace(
    db,
    {
      slug: `stream-${randomBytes(5).toString('hex')}`,
      name: 'Stream',
      admin: { email: 'admin@stream.test', name: 'Admin', password: 'stream-test-password' },
      agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
      content: data.contentItems,
    },
    new Date('2026-01-01T00:00:00Z'),
  )
  const ingestKey = await issueApiKey(db, workspace.id, { name: 'stream', scope: 'ingest' })
  return { workspaceId: workspace.id, ingestKey, events: data.events.slice(0, count) }
}

export type StreamReport = {
  /** ids of events the server acknowledged (200, or 202 when sent async; accepted or duplicate) */
  acknowledged: Set<string>
  batches: number
  /** answers other than 200 that the client retried on, with their Retry-After and problem code */
  unavailable: Array<{
    status: number
    retryAfter: string | null
    code: string | undefined
    contentType: string | null
  }>
  networkErrors: number
}

export type StreamOptions = {
  /** where the server is now (it may move between restarts) */
  baseUrl: () => string
  key: string
  events: readonly DemoEvent[]
  batchSize: number
  /** called when a batch has been sent and its answer is awaited: the moment to break something */
  onSending?: (batch: number) => void
  /** give up (throw) after this long without an acknowledgement */
  stallMs?: number
  /** send with `Prefer: respond-async`: a 202 acknowledges the batch */
  respondAsync?: boolean
}

export async function streamEvents(options: StreamOptions): Promise<StreamReport> {
  const report: StreamReport = { acknowledged: new Set(), batches: 0, unavailable: [], networkErrors: 0 }
  const stallMs = options.stallMs ?? 90_000
  for (let start = 0, batch = 0; start < options.events.length; start += options.batchSize, batch++) {
    const events = options.events.slice(start, start + options.batchSize)
    const body = JSON.stringify({ events })
    const deadline = Date.now() + stallMs
    for (;;) {
      if (Date.now() > deadline) throw new Error(`batch ${batch} not acknowledged within ${stallMs} ms`)
      let response: Response
      try {
        const sending = fetch(`${options.baseUrl()}/api/v1/events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.key}`,
            'content-type': 'application/json',
            ...(options.respondAsync ? { prefer: 'respond-async' } : {}),
          },
          body,
          signal: AbortSignal.timeout(60_000),
        })
        options.onSending?.(batch)
        response = await sending
      } catch {
        report.networkErrors++
        await pause(100)
        continue
      }
      const text = await response.text().catch(() => '')
      if (response.status === (options.respondAsync ? 202 : 200)) {
        const result = JSON.parse(text) as { rejected: number; errors?: unknown[] }
        if (result.rejected > 0) throw new Error(`batch ${batch} had rejected items: ${text.slice(0, 500)}`)
        for (const event of events) report.acknowledged.add(event.id)
        report.batches++
        break
      }
      if (response.status !== 503 && response.status !== 502) {
        throw new Error(`batch ${batch} answered ${response.status}: ${text.slice(0, 500)}`)
      }
      let code: string | undefined
      try {
        code = (JSON.parse(text) as { code?: string }).code
      } catch {
        code = undefined
      }
      report.unavailable.push({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        code,
        contentType: response.headers.get('content-type'),
      })
      await pause(150)
    }
  }
  return report
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
