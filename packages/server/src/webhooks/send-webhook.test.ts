import { after, before, beforeEach, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { newWebhookSecret, sendWebhook } from './send-webhook.ts'

const OLD_SECRET = newWebhookSecret()
const NEW_SECRET = newWebhookSecret()
const BODY = JSON.stringify({ type: 'lead.mql', data: { leadId: 'lead_1' } })

type Received = { path: string; headers: IncomingHttpHeaders; body: string }

// A receiver on 127.0.0.1 that checks signatures as a customer's endpoint would, with the secret it knows.
let receiverSecret = OLD_SECRET
let received: Received[] = []
let server: Server
let origin: string

before(async () => {
  server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    received.push({ path: req.url ?? '', headers: req.headers, body })
    switch (req.url) {
      case '/hook':
        try {
          new Webhook(receiverSecret).verify(body, req.headers as Record<string, string>)
          return res.writeHead(204).end()
        } catch (error) {
          return res.writeHead(401).end(`rejected: ${(error as Error).message}`)
        }
      case '/fails':
        return res.writeHead(500).end('database is down')
      case '/gone':
        return res.writeHead(410).end()
      case '/busy':
        return res.writeHead(429, { 'retry-after': '120' }).end()
      case '/moved':
        return res.writeHead(302, { location: '/hook' }).end()
      case '/large':
        return res.writeHead(200).end('x'.repeat(1024 * 1024))
      case '/silent':
        return // never answers
      default:
        return res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

after(() => {
  server.closeAllConnections()
  server.close()
})

beforeEach(() => {
  receiverSecret = OLD_SECRET
  received = []
})

const send = (path: string, overrides: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
  sendWebhook({
    url: `${origin}${path}`,
    messageId: 'msg_2mZ5Yc6Q',
    timestamp: new Date(),
    body: BODY,
    secrets: [OLD_SECRET, NEW_SECRET],
    policy: { allowPrivate: true },
    timeoutMs: 2000,
    now: Date.now,
    ...overrides,
  })

describe('sendWebhook', () => {
  test('delivers a message that receivers with either rotated secret verify', async () => {
    for (const secret of [OLD_SECRET, NEW_SECRET]) {
      receiverSecret = secret
      const attempt = await send('/hook')
      assert.equal(attempt.outcome, 'delivered')
      assert.equal(attempt.status, 204)
      assert.equal(attempt.error, null)
      assert.equal(attempt.responseExcerpt, '')
    }
    const [delivery] = received
    assert.ok(delivery)
    assert.equal(delivery.body, BODY)
    assert.equal(delivery.headers['content-type'], 'application/json')
    assert.equal(delivery.headers['user-agent'], 'Takt-Webhooks/1')
    assert.equal(delivery.headers['webhook-id'], 'msg_2mZ5Yc6Q')
    assert.match(String(delivery.headers['webhook-timestamp']), /^\d{10}$/)
    assert.match(String(delivery.headers['webhook-signature']), /^v1,\S+ v1,\S+$/)
  })

  test('signs so that a tampered body fails the receiver’s verification', async () => {
    await send('/hook')
    const [delivery] = received
    assert.ok(delivery)
    const headers = delivery.headers as Record<string, string>
    assert.deepEqual(new Webhook(OLD_SECRET).verify(delivery.body, headers), JSON.parse(BODY))
    const tampered = delivery.body.replace('lead_1', 'lead_2')
    assert.throws(() => new Webhook(OLD_SECRET).verify(tampered, headers), /No matching signature/)
    assert.throws(
      () => new Webhook(newWebhookSecret()).verify(delivery.body, headers),
      /No matching signature/,
    )
  })

  test('is refused by the receiver when its timestamp is 6 minutes old', async () => {
    const attempt = await send('/hook', { timestamp: new Date(Date.now() - 6 * 60_000) })
    assert.equal(attempt.outcome, 'retry')
    assert.equal(attempt.status, 401)
    assert.equal(attempt.responseExcerpt, 'rejected: Message timestamp too old')
  })

  test('retries on a server error and keeps the start of the answer', async () => {
    const attempt = await send('/fails')
    assert.deepEqual(
      { ...attempt, durationMs: 0 },
      {
        outcome: 'retry',
        status: 500,
        retryAfterMs: undefined,
        error: null,
        durationMs: 0,
        responseExcerpt: 'database is down',
      },
    )
  })

  test('disables the subscription on 410 Gone', async () => {
    const attempt = await send('/gone')
    assert.equal(attempt.outcome, 'disable')
    assert.equal(attempt.status, 410)
  })

  test('passes on the Retry-After of a 429', async () => {
    const attempt = await send('/busy')
    assert.equal(attempt.outcome, 'retry')
    assert.equal(attempt.status, 429)
    assert.equal(attempt.retryAfterMs, 120_000)
  })

  test('does not follow a redirect', async () => {
    const attempt = await send('/moved')
    assert.equal(attempt.outcome, 'retry')
    assert.equal(attempt.status, 302)
    assert.deepEqual(
      received.map((delivery) => delivery.path),
      ['/moved'],
    )
  })

  test('reads at most 1 KiB of the answer', async () => {
    const attempt = await send('/large')
    assert.equal(attempt.outcome, 'delivered')
    assert.equal(attempt.responseExcerpt, 'x'.repeat(1024))
  })

  test('gives up on a receiver that never answers after the timeout', async () => {
    const attempt = await send('/silent', { timeoutMs: 300 })
    assert.equal(attempt.outcome, 'retry')
    assert.equal(attempt.status, null)
    assert.equal(attempt.error, 'timeout after 300 ms')
    assert.equal(attempt.responseExcerpt, null)
    assert.ok(attempt.durationMs >= 250 && attempt.durationMs < 5_000, `took ${attempt.durationMs} ms`)
  })

  test('refuses a loopback receiver unless private targets are allowed, before any request', async () => {
    for (const url of [`${origin}/hook`, `${origin.replace('127.0.0.1', 'localhost')}/hook`]) {
      const attempt = await send('', { url, policy: { allowPrivate: false } })
      assert.equal(attempt.outcome, 'retry')
      assert.equal(attempt.status, null)
      assert.match(attempt.error ?? '', /not a public address/)
    }
    assert.equal(received.length, 0)
  })

  test('retries when the connection is refused', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const attempt = await send('', { url: `http://127.0.0.1:${port}/hook` })
    assert.equal(attempt.outcome, 'retry')
    assert.match(attempt.error ?? '', /ECONNREFUSED/)
  })

  test('retries, without a request, when the stored URL is not a webhook URL', async () => {
    const attempt = await send('', { url: 'ftp://example.com/hook' })
    assert.equal(attempt.outcome, 'retry')
    assert.match(attempt.error ?? '', /https:\/\/ or http:\/\//)
  })
})

describe('newWebhookSecret', () => {
  test('makes a whsec_ secret of 32 random bytes', () => {
    const secret = newWebhookSecret()
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
    assert.equal(Buffer.from(secret.slice('whsec_'.length), 'base64').length, 32)
    assert.notEqual(secret, newWebhookSecret())
  })
})
