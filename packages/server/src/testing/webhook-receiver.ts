// A webhook receiver on loopback for tests: records every request and answers as the test says.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import assert from 'node:assert/strict'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; at: number }

/** `body` is what the receiver says back, for the delivery log's excerpt. */
export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string }

export type WebhookReceiver = {
  url: string
  received: ReceivedWebhook[]
  /**
   * decides each answer; 204 by default; `hang` never answers; a promise answers when it settles, so a
   * test can act while a delivery is in flight
   */
  respond: (
    handler: (request: ReceivedWebhook) => ReceiverAnswer | 'hang' | Promise<ReceiverAnswer | 'hang'>,
  ) => void
  /** the received events, by webhook-id, in arrival order */
  events: () => Array<{ id: string; type: string; data: Record<string, unknown> }>
  close: () => Promise<void>
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = []
  let handler: Parameters<WebhookReceiver['respond']>[0] = () => ({ status: 204 })
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const entry = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() }
      received.push(entry)
      const answer = await handler(entry)
      // The sender may have given up meanwhile; answering a closed socket is harmless.
      if (answer === 'hang' || response.destroyed) return
      response.writeHead(answer.status, answer.headers ?? {})
      response.end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respond: (next) => {
      handler = next
    },
    events: () =>
      received.map((entry) => {
        const parsed = JSON.parse(entry.body) as { type: string; data: Record<string, unknown> }
        return { id: String(entry.headers['webhook-id']), type: parsed.type, data: parsed.data }
      }),
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Each webhook arrived once (no webhook-id twice), and every delivery was delivered at its first attempt. */
export async function assertEachWebhookOnce(receiver: WebhookReceiver, db: Kysely<Database>): Promise<void> {
  const ids = receiver.received.map((request) => String(request.headers['webhook-id']))
  assert.equal(new Set(ids).size, ids.length, 'no webhook-id arrived twice')
  const deliveries = await sql<{ status: string; attempts: number; count: number }>`
    select status, attempts, count(*)::int as count from webhook_deliveries group by status, attempts`.execute(
    db,
  )
  assert.deepEqual(
    deliveries.rows.map((row) => [row.status, row.attempts, row.count]),
    [['delivered', 1, ids.length]],
  )
}
