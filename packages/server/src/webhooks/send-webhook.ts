// One delivery attempt of an outgoing webhook: signed as the Standard Webhooks spec says, posted through the
// SSRF-guarded agent, and summed up as a value the dispatcher stores and schedules from. Whatever the
// receiver or the network does, the attempt returns; only a programmer mistake throws (no secret, or one
// that is not `whsec_` + base64).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { request, type Dispatcher } from 'undici'
import { classifyResponse, parseRetryAfter } from '#core/webhooks/retry-schedule.ts'
import { guardedDispatcher, parseWebhookUrl, type TargetPolicy } from './webhook-target.ts'

export type WebhookAttempt = {
  outcome: 'delivered' | 'retry' | 'disable'
  /** The receiver's status; null when no response came. */
  status: number | null
  retryAfterMs: number | undefined
  /** Why no response came; null when one did. */
  error: string | null
  durationMs: number
  /** The start of the response body, for the delivery log; null when no response came. */
  responseExcerpt: string | null
}

// The log shows what the receiver said, not its whole error page.
const EXCERPT_BYTES = 1024
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/** A signing secret in the form receivers' Standard Webhooks libraries take: `whsec_` + 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/**
 * Posts `body` to `url` once. `timestamp` is the time of this attempt, not of the event: receivers refuse
 * signatures more than 5 minutes off their clock. All `secrets` sign, so during a rotation a receiver that
 * knows either one accepts the message. The whole attempt takes at most about `timeoutMs`.
 * @example
 * const attempt = await sendWebhook({ url, messageId: delivery.id, timestamp: new Date(now()), body,
 *   secrets: [current, previous], policy: { allowPrivate: false }, timeoutMs: 10_000, now })
 * // { outcome: 'retry', status: 503, retryAfterMs: 60_000, error: null, durationMs: 84, responseExcerpt: '…' }
 */
export async function sendWebhook(input: {
  url: string
  messageId: string
  timestamp: Date
  body: string
  secrets: string[]
  policy: TargetPolicy
  timeoutMs: number
  now: () => number
}): Promise<WebhookAttempt> {
  assert.ok(input.secrets.length > 0, 'a webhook is signed with at least one secret')
  const signatures = input.secrets.map((secret) =>
    new Webhook(secret).sign(input.messageId, input.timestamp, input.body),
  )
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Takt-Webhooks/1',
    'webhook-id': input.messageId,
    'webhook-timestamp': String(Math.floor(input.timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  }
  const startedAt = input.now()
  const failed = (error: string): WebhookAttempt => ({
    outcome: 'retry',
    status: null,
    retryAfterMs: undefined,
    error,
    durationMs: input.now() - startedAt,
    responseExcerpt: null,
  })

  const parsed = parseWebhookUrl(input.url)
  if (!parsed.ok) return failed(parsed.problem.message)
  let response: Dispatcher.ResponseData
  try {
    // undici's request follows no redirects; a 3xx comes back as it is and counts as a failure.
    response = await request(parsed.url, {
      method: 'POST',
      headers,
      body: input.body,
      dispatcher: guardedDispatcher(input.policy, input.timeoutMs),
      // The agent's timeouts are per phase (connect, headers, between body chunks); this bounds the sum.
      signal: AbortSignal.timeout(input.timeoutMs),
    })
  } catch (error) {
    return failed(describeError(error, input.timeoutMs))
  }
  const responseExcerpt = await readExcerpt(response.body)
  const status = response.statusCode
  // Retry-After means "come back later" only on 429 and 503; on a 3xx it is about the redirect.
  const retryAfter =
    status === 429 || status === 503 ? firstValue(response.headers['retry-after']) : undefined
  return {
    outcome: classifyResponse(status),
    status,
    retryAfterMs: parseRetryAfter(retryAfter, input.now()),
    error: null,
    durationMs: input.now() - startedAt,
    responseExcerpt,
  }
}

async function readExcerpt(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      size += chunk.length
      // Leaving the loop destroys the body: the rest is not read and the connection is closed.
      if (size >= EXCERPT_BYTES) break
    }
  } catch {
    // A body cut off or timed out midway still leaves the part already read.
  }
  // Postgres text cannot hold NUL, and a receiver may send anything.
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').replaceAll('\u0000', '')
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header
}

function describeError(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  if (error.name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code))) {
    return `timeout after ${timeoutMs} ms`
  }
  // Trying each address of a host (IPv4 and IPv6) fails with all their errors; the first says enough.
  if (error instanceof AggregateError && error.errors[0] !== undefined) {
    return describeError(error.errors[0], timeoutMs)
  }
  return error.message || (typeof code === 'string' ? code : error.name)
}
