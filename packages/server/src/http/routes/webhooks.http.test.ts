// Outgoing webhooks over real HTTP to a real receiver: Standard Webhooks signatures, retries on the
// schedule, Retry-After, 410 Gone, dead letters and replay, timeouts, secret rotation, the admin API's
// refusals, erasure, and which subscription gets which event.
import { after, before, describe, test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type ReceiverAnswer,
  type WebhookReceiver,
} from '../../testing/webhook-receiver.ts'
import { dispatchWebhooks, type DispatchOptions } from '../../webhooks/dispatch-webhooks.ts'
import { newWebhookSecret } from '../../webhooks/send-webhook.ts'
import { RETRY_DELAYS_MS } from '#core/webhooks/retry-schedule.ts'

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const ALL_TYPES = ['lead.stage_changed', 'lead.assigned', 'lead.sla_breached', 'lead.recycled']

type Delivery = {
  id: string
  eventId: string
  eventType: string
  leadId: string | null
  status: string
  attempts: number
  nextAttemptAt: string | null
  lastStatus: number | null
  lastError: string | null
  deliveredAt: string | null
}

/** The Standard Webhooks headers of a received request, as `Webhook#verify` takes them. */
function signedHeaders(message: ReceivedWebhook): Record<string, string> {
  return Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
      name,
      String(message.headers[name]),
    ]),
  )
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Holds the receiver's first answer until the test gives it, to act while a delivery is in flight. */
function holdFirstAnswer(receiver: WebhookReceiver) {
  let give: (answer: ReceiverAnswer) => void = () => undefined
  let arrived: (message: ReceivedWebhook) => void = () => undefined
  const received = new Promise<ReceivedWebhook>((resolve) => (arrived = resolve))
  let holding = false
  receiver.respond((message) => {
    if (holding) return { status: 204 }
    holding = true
    arrived(message)
    return new Promise((resolve) => (give = resolve))
  })
  return { received, answer: (answer: ReceiverAnswer) => give(answer) }
}

for (const dialect of TEST_DIALECTS) {
  describe(`outgoing webhooks (${dialect})`, () => {
    let app: TestApp
    let people = 0

    before(async () => {
      app = await startTestApp(dialect, { webhookTargets: { allowPrivate: true } })
      // The demo agreement, staffed with this workspace's reps, so a hand-raiser is also assigned.
      const current = await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })
      const staffed = current.body.source
        .replace(
          '[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]',
          '[sales@acme.test, sales2@acme.test]',
        )
        .replace('[lukas.maier@demo.takt.dev, sophie.huber@demo.takt.dev]', '[manager@acme.test]')
        .replaceAll('lead: martina.wolf@demo.takt.dev', 'lead: admin@acme.test')
        // Room for every hand-raiser of this file, so each is assigned and makes a lead.assigned event.
        .replace('maxOpenLeadsPerRep: 25', 'maxOpenLeadsPerRep: 200')
      const replaced = await app.request('PUT', '/api/v1/agreement', {
        key: app.workspace.keys.admin,
        body: staffed,
        contentType: 'application/yaml',
      })
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body))
    })
    after(async () => app.close())

    const api = (method: string, path: string, body?: unknown) =>
      app.request(method, `/api/v1${path}`, { key: app.workspace.keys.admin, body })

    /** A receiver and a subscription to it; both go when the test ends, its deliveries with them. */
    const subscribe = async (t: TestContext, eventTypes: string[] = ['lead.stage_changed']) => {
      const receiver = await startWebhookReceiver()
      const created = await api('POST', '/webhooks', { url: receiver.url, eventTypes })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      t.after(async () => {
        await api('DELETE', `/webhooks/${created.body.id}`)
        await receiver.close()
      })
      return { receiver, id: created.body.id as string, secret: created.body.secret as string }
    }

    /** A demo request from someone new: an MQL (lead.stage_changed) routed to a rep (lead.assigned). */
    const ingestHandRaiser = async () => {
      people += 1
      const email = `person${people}@alpha-werk.de`
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            {
              id: `demo-${people}`,
              type: 'demo_request',
              occurredAt: iso(app.clock.now().getTime() - MINUTE),
              source: 'website',
              contentId: 'demo',
              lead: {
                email,
                title: 'Werkleiter',
                company: {
                  domain: 'alpha-werk.de',
                  industry: 'maschinenbau',
                  employees: 400,
                  country: 'DE',
                  postcode: '20095',
                },
              },
            },
          ],
        },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.equal(response.body.leads[0].stage, 'mql')
      return { email, leadId: response.body.leads[0].id as string }
    }

    const dispatch = (options: Partial<DispatchOptions> = {}) =>
      dispatchWebhooks(app.db, {
        policy: { allowPrivate: true },
        timeoutMs: 2_000,
        batch: 100,
        concurrency: 4,
        clock: app.clock.now,
        // No jitter: each retry comes exactly one scheduled delay after the failure.
        random: () => 0.5,
        ...options,
      })

    const deliveriesOf = async (subscriptionId: string): Promise<Delivery[]> => {
      const response = await api('GET', `/webhooks/${subscriptionId}/deliveries`)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body.items
    }
    const onlyDeliveryOf = async (subscriptionId: string): Promise<Delivery> => {
      const items = await deliveriesOf(subscriptionId)
      assert.equal(items.length, 1, JSON.stringify(items))
      return items[0]!
    }
    const detailOf = async (subscriptionId: string, deliveryId: string) => {
      const response = await api('GET', `/webhooks/${subscriptionId}/deliveries/${deliveryId}`)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body
    }
    const now = () => app.clock.now().getTime()

    test('signs deliveries so a Standard Webhooks receiver verifies them; a changed body or a stale timestamp fails', async (t) => {
      // verify() compares webhook-timestamp with the real time, so this test runs on it.
      app.clock.set(new Date())
      const { receiver, id, secret } = await subscribe(t)
      const verifier = new Webhook(secret)
      receiver.respond((message) => {
        try {
          verifier.verify(message.body, signedHeaders(message))
          return { status: 204 }
        } catch (error) {
          return { status: 401, body: (error as Error).message }
        }
      })
      const { email, leadId } = await ingestHandRaiser()
      assert.equal(await dispatch({ clock: () => new Date() }), 1)

      const message = receiver.received[0]!
      const payload = verifier.verify(message.body, signedHeaders(message)) as {
        type: string
        timestamp: string
        data: { lead: { id: string; email: string; stage: string }; from: string; to: string }
      }
      assert.equal(payload.type, 'lead.stage_changed')
      assert.equal(iso(Date.parse(payload.timestamp)), payload.timestamp)
      assert.deepEqual(
        [payload.data.lead.id, payload.data.lead.email, payload.data.from, payload.data.to],
        [leadId, email, 'lead', 'mql'],
      )
      assert.equal(message.headers['content-type'], 'application/json')
      const delivery = await onlyDeliveryOf(id)
      assert.equal(delivery.status, 'delivered')
      assert.equal(message.headers['webhook-id'], delivery.eventId)

      const tampered = message.body.replace(email, 'someone.else@example.com')
      assert.notEqual(tampered, message.body)
      assert.throws(
        () => verifier.verify(tampered, signedHeaders(message)),
        (error: Error) => error instanceof WebhookVerificationError && /signature/i.test(error.message),
      )
      const otherSecret = new Webhook(newWebhookSecret())
      assert.throws(() => otherSecret.verify(message.body, signedHeaders(message)), WebhookVerificationError)
      const otherId = { ...signedHeaders(message), 'webhook-id': 'msg_someone_else' }
      assert.throws(() => verifier.verify(message.body, otherId), WebhookVerificationError)

      // A sender whose clock is 6 minutes behind signs with a timestamp past the 5-minute tolerance.
      app.clock.set(new Date(Date.now() - 10 * MINUTE))
      await ingestHandRaiser()
      assert.equal(await dispatch({ clock: () => new Date(Date.now() - 6 * MINUTE) }), 1)
      const stale = receiver.received[1]!
      assert.ok(Date.now() / 1000 - Number(stale.headers['webhook-timestamp']) >= 6 * 60 - 1)
      assert.throws(
        () => verifier.verify(stale.body, signedHeaders(stale)),
        (error: Error) => error instanceof WebhookVerificationError && /too old/i.test(error.message),
      )
      const refused = (await deliveriesOf(id)).find((item) => item.eventId === stale.headers['webhook-id'])
      assert.equal(refused?.status, 'pending')
      assert.equal(refused?.lastStatus, 401)
    })

    test('retries a delivery the receiver fails with 500, on the schedule and under the same webhook-id, until it is delivered', async (t) => {
      const { receiver, id } = await subscribe(t)
      receiver.respond(() => ({ status: 500, body: 'database down' }))
      await ingestHandRaiser()
      assert.equal(await dispatch(), 1)
      let delivery = await onlyDeliveryOf(id)
      assert.equal(delivery.status, 'pending')
      assert.equal(delivery.attempts, 1)
      assert.equal(delivery.lastStatus, 500)
      assert.equal(delivery.nextAttemptAt, iso(now() + RETRY_DELAYS_MS[0]!))

      app.clock.advance(RETRY_DELAYS_MS[0]! - 1)
      assert.equal(await dispatch(), 0, 'not tried before it is due')
      app.clock.advance(1)
      assert.equal(await dispatch(), 1)
      delivery = await onlyDeliveryOf(id)
      assert.equal(delivery.attempts, 2)
      assert.equal(delivery.nextAttemptAt, iso(now() + RETRY_DELAYS_MS[1]!))

      receiver.respond(() => ({ status: 204 }))
      app.clock.advance(RETRY_DELAYS_MS[1]!)
      assert.equal(await dispatch(), 1)
      delivery = await onlyDeliveryOf(id)
      assert.equal(delivery.status, 'delivered')
      assert.equal(delivery.nextAttemptAt, null)
      assert.equal(delivery.deliveredAt, iso(now()))
      assert.equal(delivery.lastStatus, 204)

      const detail = await detailOf(id, delivery.id)
      assert.deepEqual(
        detail.attempts.map((attempt: { attempt: number; status: number; error: string | null }) => [
          attempt.attempt,
          attempt.status,
          attempt.error,
        ]),
        [
          [1, 500, null],
          [2, 500, null],
          [3, 204, null],
        ],
      )
      assert.equal(detail.attempts[0].responseExcerpt, 'database down')
      assert.deepEqual(
        receiver.received.map((message) => message.headers['webhook-id']),
        [delivery.eventId, delivery.eventId, delivery.eventId],
      )
      // Each attempt is signed anew at its own time.
      const timestamps = receiver.received.map((message) => Number(message.headers['webhook-timestamp']))
      assert.deepEqual(
        timestamps.map((timestamp) => timestamp - timestamps[0]!),
        [0, RETRY_DELAYS_MS[0]! / SECOND, (RETRY_DELAYS_MS[0]! + RETRY_DELAYS_MS[1]!) / SECOND],
      )
      app.clock.advance(24 * HOUR)
      assert.equal(await dispatch(), 0, 'a delivered event is not sent again')
    })

    test('waits as long as a 429 or 503 Retry-After asks when that is longer than the schedule', async (t) => {
      const { receiver, id } = await subscribe(t)
      receiver.respond(() => ({ status: 429, headers: { 'retry-after': '120' } }))
      await ingestHandRaiser()
      assert.equal(await dispatch(), 1)
      let delivery = await onlyDeliveryOf(id)
      assert.equal(delivery.lastStatus, 429)
      assert.equal(delivery.nextAttemptAt, iso(now() + 120 * SECOND))
      app.clock.advance(120 * SECOND - 1)
      assert.equal(await dispatch(), 0, 'not before Retry-After')

      // The second failure would wait about 5 minutes; the receiver asks for an hour, as an HTTP-date.
      const retryAt = new Date(now() + HOUR + 1)
      receiver.respond(() => ({ status: 503, headers: { 'retry-after': retryAt.toUTCString() } }))
      app.clock.advance(1)
      assert.equal(await dispatch(), 1)
      delivery = await onlyDeliveryOf(id)
      assert.equal(delivery.lastStatus, 503)
      assert.equal(delivery.nextAttemptAt, iso(Date.parse(retryAt.toUTCString())))
      app.clock.set(new Date(Date.parse(delivery.nextAttemptAt!) - 1))
      assert.equal(await dispatch(), 0, 'not before the Retry-After date')

      receiver.respond(() => ({ status: 204 }))
      app.clock.advance(1)
      assert.equal(await dispatch(), 1)
      assert.equal((await onlyDeliveryOf(id)).status, 'delivered')
      assert.equal(receiver.received.length, 3)
    })

    test('a 410 Gone disables the subscription with a reason and dead-letters the delivery; enabling it resumes', async (t) => {
      const { receiver, id } = await subscribe(t)
      receiver.respond(() => ({ status: 410 }))
      await ingestHandRaiser()
      assert.equal(await dispatch(), 1)
      const gone = await onlyDeliveryOf(id)
      assert.equal(gone.status, 'dead')
      assert.equal(gone.lastStatus, 410)
      assert.equal(gone.nextAttemptAt, null)
      const disabled = await api('GET', `/webhooks/${id}`)
      assert.equal(disabled.body.enabled, false)
      assert.match(disabled.body.disabledReason, /410 Gone/)
      app.clock.advance(24 * HOUR)
      assert.equal(await dispatch(), 0)

      const enabled = await api('PATCH', `/webhooks/${id}`, { enabled: true })
      assert.equal(enabled.status, 200, JSON.stringify(enabled.body))
      assert.equal(enabled.body.enabled, true)
      assert.equal(enabled.body.disabledReason, null)
      receiver.respond(() => ({ status: 204 }))
      await ingestHandRaiser()
      assert.equal(await dispatch(), 1)
      const items = await deliveriesOf(id)
      assert.deepEqual(
        items.map((item) => item.status),
        ['delivered', 'dead'],
      )
      assert.equal(receiver.received.length, 2)
    })

    test('dead-letters a delivery after the last retry; a replay sends it again under the same webhook-id', async (t) => {
      const { receiver, id } = await subscribe(t)
      receiver.respond(() => ({ status: 500 }))
      await ingestHandRaiser()
      for (const delay of RETRY_DELAYS_MS) {
        assert.equal(await dispatch(), 1)
        const delivery = await onlyDeliveryOf(id)
        assert.equal(delivery.status, 'pending')
        assert.equal(delivery.nextAttemptAt, iso(now() + delay))
        app.clock.set(delivery.nextAttemptAt!)
      }
      assert.equal(await dispatch(), 1)
      const dead = await onlyDeliveryOf(id)
      assert.equal(dead.status, 'dead')
      assert.equal(dead.attempts, RETRY_DELAYS_MS.length + 1)
      assert.equal(dead.nextAttemptAt, null)
      app.clock.advance(7 * 24 * HOUR)
      assert.equal(await dispatch(), 0, 'a dead delivery is not tried again by itself')

      receiver.respond(() => ({ status: 204 }))
      const replay = `/webhooks/${id}/deliveries/${dead.id}/replay`
      const replayed = await api('POST', replay)
      assert.equal(replayed.status, 202, JSON.stringify(replayed.body))
      assert.deepEqual(replayed.body, { status: 'pending' })
      const again = await api('POST', replay)
      assert.equal(again.status, 409)
      assert.equal(again.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      assert.equal(again.body.code, 'DELIVERY_NOT_REPLAYABLE')
      assert.equal(again.body.status, 409)
      assert.equal(again.body.deliveryStatus, 'pending')
      const pending = await onlyDeliveryOf(id)
      assert.equal(pending.status, 'pending')
      assert.equal(pending.eventId, dead.eventId)

      assert.equal(await dispatch(), 1)
      const delivered = await onlyDeliveryOf(id)
      assert.equal(delivered.status, 'delivered')
      const ids = new Set(receiver.received.map((message) => message.headers['webhook-id']))
      assert.deepEqual([...ids], [dead.eventId])
      assert.equal(receiver.received.length, RETRY_DELAYS_MS.length + 2)
      // The log keeps every attempt, the replayed one after the eleven that failed.
      const detail = await detailOf(id, dead.id)
      assert.deepEqual(
        detail.attempts.map((attempt: { status: number }) => attempt.status),
        [...Array.from(RETRY_DELAYS_MS, () => 500), 500, 204],
      )
      assert.deepEqual(
        detail.attempts.map((attempt: { attempt: number }) => attempt.attempt),
        Array.from({ length: RETRY_DELAYS_MS.length + 2 }, (_, index) => index + 1),
      )

      const unknown = await api(
        'POST',
        `/webhooks/${id}/deliveries/00000000-0000-4000-8000-000000000000/replay`,
      )
      assert.equal(unknown.status, 404)
    })

    test('gives up on a receiver that hangs after the timeout and tries again later; the others still get theirs', async (t) => {
      const slow = await subscribe(t)
      slow.receiver.respond(() => 'hang')
      await ingestHandRaiser()
      // The hanging receiver's delivery is due first, so one worker meets it before the other's.
      app.clock.advance(SECOND)
      const fast = await subscribe(t)
      await ingestHandRaiser()
      const started = performance.now()
      assert.equal(await dispatch({ timeoutMs: 300, concurrency: 1 }), 3)
      assert.ok(performance.now() - started < 5_000, 'the round does not wait for the hanging receiver')

      assert.equal((await onlyDeliveryOf(fast.id)).status, 'delivered')
      const waiting = await deliveriesOf(slow.id)
      assert.equal(waiting.length, 2)
      for (const delivery of waiting) {
        assert.equal(delivery.status, 'pending')
        assert.equal(delivery.lastStatus, null)
        assert.equal(delivery.lastError, 'timeout after 300 ms')
        assert.equal(delivery.nextAttemptAt, iso(now() + RETRY_DELAYS_MS[0]!))
        const [attempt] = (await detailOf(slow.id, delivery.id)).attempts
        assert.deepEqual([attempt.status, attempt.error], [null, 'timeout after 300 ms'])
      }

      slow.receiver.respond(() => ({ status: 204 }))
      app.clock.advance(RETRY_DELAYS_MS[0]!)
      assert.equal(await dispatch({ timeoutMs: 300 }), 2)
      assert.deepEqual(
        (await deliveriesOf(slow.id)).map((delivery) => [delivery.status, delivery.attempts]),
        [
          ['delivered', 2],
          ['delivered', 2],
        ],
      )
    })

    test('after a secret rotation both secrets sign during the grace period; lists show hints, never secrets', async (t) => {
      app.clock.set(new Date())
      const { receiver, id, secret: previous } = await subscribe(t)
      // No body: the defaults, a grace period of 24 hours.
      const rotated = await api('POST', `/webhooks/${id}/rotate-secret`)
      assert.equal(rotated.status, 200, JSON.stringify(rotated.body))
      const current: string = rotated.body.secret
      assert.match(current, /^whsec_[A-Za-z0-9+/]{43}=$/)
      assert.notEqual(current, previous)
      assert.deepEqual(
        rotated.body.secrets.map((secret: { hint: string; expiresAt: string | null }) => [
          secret.hint,
          secret.expiresAt,
        ]),
        [
          [`${current.slice(0, 10)}…`, null],
          [`${previous.slice(0, 10)}…`, iso(now() + 24 * HOUR)],
        ],
      )

      await ingestHandRaiser()
      assert.equal(await dispatch({ clock: () => new Date() }), 1)
      const message = receiver.received[0]!
      assert.equal(String(message.headers['webhook-signature']).split(' ').length, 2)
      for (const secret of [current, previous]) {
        assert.doesNotThrow(() => new Webhook(secret).verify(message.body, signedHeaders(message)))
      }

      const shown = [
        await api('GET', '/webhooks'),
        await api('GET', `/webhooks/${id}`),
        await api('PATCH', `/webhooks/${id}`, { description: 'CRM' }),
        await api('GET', `/webhooks/${id}/deliveries`),
        await api('GET', `/webhooks/${id}/deliveries/${(await onlyDeliveryOf(id)).id}`),
        await api('GET', '/audit-log?limit=200'),
      ]
      for (const response of shown) {
        assert.equal(response.status, 200, JSON.stringify(response.body))
        const text = JSON.stringify(response.body)
        for (const secret of [current, previous]) assert.ok(!text.includes(secret.slice(6)), text)
      }
      assert.equal(shown[0]!.body.find((item: { id: string }) => item.id === id).secrets.length, 2)
    })

    test('after the grace period only the new secret signs', async (t) => {
      // Rotated 25 hours ago with the default grace period of 24 hours.
      app.clock.set(new Date(Date.now() - 25 * HOUR))
      const { receiver, id, secret: previous } = await subscribe(t)
      const rotated = await api('POST', `/webhooks/${id}/rotate-secret`, {})
      assert.equal(rotated.status, 200, JSON.stringify(rotated.body))
      app.clock.set(new Date())
      await ingestHandRaiser()
      assert.equal(await dispatch({ clock: () => new Date() }), 1)
      const message = receiver.received[0]!
      assert.equal(String(message.headers['webhook-signature']).split(' ').length, 1)
      assert.doesNotThrow(() => new Webhook(rotated.body.secret).verify(message.body, signedHeaders(message)))
      assert.throws(
        () => new Webhook(previous).verify(message.body, signedHeaders(message)),
        WebhookVerificationError,
      )
      // The next rotation drops the expired secret.
      const again = await api('POST', `/webhooks/${id}/rotate-secret`, { keepPreviousForHours: 1 })
      assert.equal(again.status, 200, JSON.stringify(again.body))
      assert.deepEqual(
        again.body.secrets.map((secret: { hint: string }) => secret.hint),
        [`${again.body.secret.slice(0, 10)}…`, `${rotated.body.secret.slice(0, 10)}…`],
      )
    })

    test('refuses addresses that are not http(s), private targets unless allowed, unknown event types and ids', async (t) => {
      const { id } = await subscribe(t)
      const isProblemAbout = (
        response: Awaited<ReturnType<typeof api>>,
        status: number,
        path: RegExp,
        label: string,
      ) => {
        assert.equal(response.status, status, `${label}: ${JSON.stringify(response.body)}`)
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, label)
        assert.ok(
          response.body.errors.some((issue: { path: string }) => path.test(issue.path)),
          `${label}: ${JSON.stringify(response.body)}`,
        )
      }
      for (const url of [
        'ftp://hooks.example.com/takt',
        'javascript:alert(1)',
        '/hooks',
        'hooks.example.com/takt',
        'file:///etc/passwd',
        'https://user:password@hooks.example.com/takt',
        'https://hooks.example.com/takt#fragment',
      ]) {
        const created = await api('POST', '/webhooks', { url, eventTypes: ['lead.assigned'] })
        isProblemAbout(created, 422, /^body\/url$/, url)
        isProblemAbout(await api('PATCH', `/webhooks/${id}`, { url }), 422, /^body\/url$/, `PATCH ${url}`)
      }
      isProblemAbout(
        await api('POST', '/webhooks', { url: '', eventTypes: ['lead.assigned'] }),
        400,
        /^body\/url$/,
        'empty',
      )
      const url = 'https://hooks.example.com/takt'
      isProblemAbout(
        await api('POST', '/webhooks', { url, eventTypes: ['lead.created'] }),
        400,
        /^body\/eventTypes/,
        'unknown event type',
      )
      isProblemAbout(
        await api('POST', '/webhooks', { url, eventTypes: [] }),
        400,
        /^body\/eventTypes/,
        'no event type',
      )
      isProblemAbout(
        await api('PATCH', `/webhooks/${id}`, { eventTypes: ['lead.assigned', 'lead.deleted'] }),
        400,
        /^body\/eventTypes/,
        'PATCH unknown event type',
      )

      const strict = await startTestApp(dialect)
      t.after(() => strict.close())
      const strictApi = (method: string, path: string, body?: unknown) =>
        strict.request(method, `/api/v1${path}`, { key: strict.workspace.keys.admin, body })
      for (const target of [
        strict.baseUrl,
        'http://localhost:8080/hooks',
        'http://[::1]/hooks',
        'http://[::ffff:127.0.0.1]/hooks',
        'http://10.0.0.7/hooks',
        'http://169.254.169.254/latest/meta-data/',
      ]) {
        const refused = await strictApi('POST', '/webhooks', { url: target, eventTypes: ['lead.assigned'] })
        isProblemAbout(refused, 422, /^body\/url$/, target)
        assert.equal(refused.body.code, 'INVALID_WEBHOOK_URL')
        assert.match(refused.body.errors[0].message, /not a public address/, target)
      }
      assert.deepEqual((await strictApi('GET', '/webhooks')).body, [])

      const unknown = '00000000-0000-4000-8000-000000000000'
      const paths: Array<[string, string, unknown?]> = [
        ['GET', `/webhooks/${unknown}`],
        ['PATCH', `/webhooks/${unknown}`, { enabled: false }],
        ['DELETE', `/webhooks/${unknown}`],
        ['POST', `/webhooks/${unknown}/rotate-secret`],
        ['GET', `/webhooks/${unknown}/deliveries`],
        ['GET', `/webhooks/${unknown}/deliveries/${unknown}`],
        ['GET', `/webhooks/${id}/deliveries/${unknown}`],
        ['POST', `/webhooks/${unknown}/deliveries/${unknown}/replay`],
      ]
      for (const [method, path, body] of paths) {
        const response = await api(method, path, body)
        assert.equal(response.status, 404, `${method} ${path}: ${JSON.stringify(response.body)}`)
      }
      assert.equal((await api('GET', '/webhooks/not-a-uuid')).status, 400)
      // Another workspace's subscription does not exist here.
      const other = await app.addWorkspace('globex')
      const foreign = await app.request('GET', `/api/v1/webhooks/${id}`, { key: other.keys.admin })
      assert.equal(foreign.status, 404)
      const foreignPatch = await app.request('PATCH', `/api/v1/webhooks/${id}`, {
        key: other.keys.admin,
        body: { enabled: false },
      })
      assert.equal(foreignPatch.status, 404)
      assert.equal((await api('GET', `/webhooks/${id}`)).body.enabled, true)
    })

    test('only admins see or change webhooks', async (t) => {
      const { id } = await subscribe(t)
      const callers = {
        sales: { session: await app.login(app.workspace.users.sales.email) },
        marketing: { session: await app.login(app.workspace.users.marketing.email) },
        manager: { session: await app.login(app.workspace.users.manager.email) },
        'read key': { key: app.workspace.keys.read },
        'ingest key': { key: app.workspace.keys.ingest },
      }
      const delivery = '00000000-0000-4000-8000-000000000000'
      const routes: Array<[string, string, unknown?]> = [
        ['GET', '/webhooks'],
        ['POST', '/webhooks', { url: 'https://hooks.example.com/x', eventTypes: ['lead.assigned'] }],
        ['GET', `/webhooks/${id}`],
        ['PATCH', `/webhooks/${id}`, { enabled: false }],
        ['DELETE', `/webhooks/${id}`],
        ['POST', `/webhooks/${id}/rotate-secret`],
        ['GET', `/webhooks/${id}/deliveries`],
        ['GET', `/webhooks/${id}/deliveries/${delivery}`],
        ['POST', `/webhooks/${id}/deliveries/${delivery}/replay`],
      ]
      for (const [who, credentials] of Object.entries(callers)) {
        for (const [method, path, body] of routes) {
          const response = await app.request(method, `/api/v1${path}`, { ...credentials, body })
          assert.equal(response.status, 403, `${who} ${method} ${path}: ${JSON.stringify(response.body)}`)
          assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/)
        }
      }
      const unchanged = await api('GET', `/webhooks/${id}`)
      assert.equal(unchanged.body.enabled, true)
      assert.equal(unchanged.body.secrets.length, 1)
      // An admin's session works as well as the admin key.
      const admin = await app.login(app.workspace.users.admin.email)
      assert.equal((await app.request('GET', `/api/v1/webhooks/${id}`, { session: admin })).status, 200)
    })

    test('erasing a lead blanks its webhook payloads and cancels its unsent deliveries', async (t) => {
      const delivered = await subscribe(t, ALL_TYPES)
      const failing = await subscribe(t, ALL_TYPES)
      // Receivers may quote what they got; the log keeps the start of their answer.
      failing.receiver.respond((message) => ({ status: 500, body: `cannot store ${message.body}` }))
      const erased = await ingestHandRaiser()
      const kept = await ingestHandRaiser()
      assert.equal(await dispatch(), 8, 'two events for each lead, to each subscription')
      const quoted = await detailOf(failing.id, (await deliveriesOf(failing.id))[0]!.id)
      assert.match(
        quoted.attempts[0].responseExcerpt,
        /cannot store .*person/,
        'the excerpt quotes the payload',
      )

      const response = await api('POST', `/leads/${erased.leadId}/erasure`)
      assert.equal(response.status, 200, JSON.stringify(response.body))

      for (const subscription of [delivered, failing]) {
        const items = await deliveriesOf(subscription.id)
        const mine = items.filter((item) => item.leadId === erased.leadId)
        const theirs = items.filter((item) => item.leadId === kept.leadId)
        // The erasure makes no webhook event of its own.
        assert.equal(mine.length, 2, JSON.stringify(items))
        assert.equal(theirs.length, 2)
        for (const item of mine) {
          const detail = await detailOf(subscription.id, item.id)
          assert.deepEqual(detail.payload, { erased: true })
          assert.ok(
            detail.attempts.every(
              (attempt: { responseExcerpt: string | null }) => attempt.responseExcerpt === null,
            ),
            JSON.stringify(detail.attempts),
          )
          assert.ok(!JSON.stringify(detail).includes(erased.email))
        }
        for (const item of theirs) {
          const detail = await detailOf(subscription.id, item.id)
          assert.equal(detail.payload.data.lead.email, kept.email)
        }
        if (subscription === delivered) {
          // What was sent stays sent, with its payload blanked, and is not sent again.
          assert.deepEqual(
            mine.map((item) => item.status),
            ['delivered', 'delivered'],
          )
          const replay = await api('POST', `/webhooks/${subscription.id}/deliveries/${mine[0]!.id}/replay`)
          assert.equal(replay.status, 409)
          assert.equal(replay.body.code, 'DELIVERY_ERASED')
        } else {
          for (const item of mine) {
            assert.equal(item.status, 'cancelled')
            assert.equal(item.lastError, 'lead erased')
            assert.equal(item.nextAttemptAt, null)
          }
          assert.deepEqual(
            theirs.map((item) => item.status),
            ['pending', 'pending'],
          )
        }
      }

      const sentBefore = failing.receiver.received.length
      app.clock.advance(HOUR)
      assert.equal(await dispatch(), 2, "only the other lead's deliveries are tried again")
      const later = failing.receiver.received.slice(sentBefore)
      assert.ok(later.every((message) => !message.body.includes(erased.leadId)))
    })

    test('a delivery in flight when its lead is erased stays cancelled, and what the receiver said is not kept', async (t) => {
      const { receiver, id } = await subscribe(t)
      const held = holdFirstAnswer(receiver)
      const { email, leadId } = await ingestHandRaiser()
      const round = dispatch()
      const message = await held.received
      const erased = await api('POST', `/leads/${leadId}/erasure`)
      assert.equal(erased.status, 200, JSON.stringify(erased.body))
      held.answer({ status: 500, body: `cannot store ${message.body}` })
      assert.equal(await round, 1)

      const delivery = await onlyDeliveryOf(id)
      assert.equal(delivery.status, 'cancelled')
      assert.equal(delivery.nextAttemptAt, null)
      const detail = await detailOf(id, delivery.id)
      assert.deepEqual(
        detail.attempts.map((attempt: { status: number; responseExcerpt: string | null }) => [
          attempt.status,
          attempt.responseExcerpt,
        ]),
        [[500, null]],
      )
      assert.ok(!JSON.stringify(detail).includes(email), JSON.stringify(detail))
      app.clock.advance(HOUR)
      assert.equal(await dispatch(), 0, 'the erased lead is not sent again')
      assert.equal(receiver.received.length, 1)
    })

    test('deleting a subscription while its deliveries are in flight leaves the round to finish the others', async (t) => {
      const doomed = await subscribe(t)
      const held = holdFirstAnswer(doomed.receiver)
      await ingestHandRaiser()
      app.clock.advance(SECOND)
      const kept = await subscribe(t)
      await ingestHandRaiser()
      // One worker: the held delivery comes first, then the deleted subscription's other, then the kept one.
      const round = dispatch({ concurrency: 1 })
      await held.received
      assert.equal((await api('DELETE', `/webhooks/${doomed.id}`)).status, 204)
      held.answer({ status: 204 })
      assert.equal(await round, 3)
      assert.equal((await api('GET', `/webhooks/${doomed.id}`)).status, 404)
      assert.equal((await onlyDeliveryOf(kept.id)).status, 'delivered')
      assert.equal(kept.receiver.received.length, 1)
    })

    test('a subscription gets only the event types it asked for, and nothing new while disabled', async (t) => {
      const stages = await subscribe(t, ['lead.stage_changed'])
      const assignments = await subscribe(t, ['lead.assigned'])
      const paused = await subscribe(t, ALL_TYPES)
      paused.receiver.respond(() => ({ status: 503 }))
      const first = await ingestHandRaiser()
      assert.equal(await dispatch(), 4)
      assert.deepEqual(
        stages.receiver.events().map((event) => event.type),
        ['lead.stage_changed'],
      )
      assert.deepEqual(
        assignments.receiver.events().map((event) => event.type),
        ['lead.assigned'],
      )
      assert.equal((assignments.receiver.events()[0]!.data.lead as { id: string }).id, first.leadId)

      const disabled = await api('PATCH', `/webhooks/${paused.id}`, { enabled: false })
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body))
      assert.equal(disabled.body.enabled, false)
      assert.equal(disabled.body.disabledReason, 'Disabled by an admin.')
      paused.receiver.respond(() => ({ status: 204 }))
      const second = await ingestHandRaiser()
      app.clock.advance(HOUR)
      assert.equal(await dispatch(), 2, 'the disabled subscription is skipped')
      assert.equal(paused.receiver.received.length, 2)
      assert.deepEqual(
        (await deliveriesOf(paused.id)).map((item) => item.status),
        ['pending', 'pending'],
        'its waiting deliveries are kept, and none are made while it is disabled',
      )

      const enabled = await api('PATCH', `/webhooks/${paused.id}`, { enabled: true })
      assert.equal(enabled.body.enabled, true)
      assert.equal(await dispatch(), 2, 'enabling resumes the waiting deliveries')
      const third = await ingestHandRaiser()
      assert.equal(await dispatch(), 4)
      const pausedEvents = paused.receiver.events()
      assert.equal(pausedEvents.length, 6)
      const leadOf = (event: { data: Record<string, unknown> }) => (event.data.lead as { id: string }).id
      assert.ok(pausedEvents.every((event) => leadOf(event) !== second.leadId))
      assert.deepEqual(
        pausedEvents.map((event) => `${leadOf(event)} ${event.type}`).sort(),
        // The first lead's two events twice (refused, then sent after enabling), and the third's.
        [first, first, third]
          .flatMap(({ leadId }) => [`${leadId} lead.assigned`, `${leadId} lead.stage_changed`])
          .sort(),
      )
      assert.deepEqual(
        (await deliveriesOf(paused.id)).map((item) => item.status),
        ['delivered', 'delivered', 'delivered', 'delivered'],
      )

      // Changing the event types applies to the events after it.
      const narrowed = await api('PATCH', `/webhooks/${stages.id}`, { eventTypes: ['lead.assigned'] })
      assert.deepEqual(narrowed.body.eventTypes, ['lead.assigned'])
      await ingestHandRaiser()
      await dispatch()
      assert.deepEqual(
        stages.receiver.events().map((event) => event.type),
        ['lead.stage_changed', 'lead.stage_changed', 'lead.stage_changed', 'lead.assigned'],
      )
    })
  })
}
