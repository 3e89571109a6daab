// Outgoing webhooks over real HTTP to a real receiver, delivery by delivery: Standard Webhooks
// signatures, retries on the schedule, Retry-After, 410 Gone, dead letters and replay, timeouts, and
// secret rotation.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import type { ReceivedWebhook } from '../../testing/webhook-receiver.ts'
import { HOUR, iso, MINUTE, setUpWebhookSuite, SECOND } from '../../testing/webhook-fixtures.ts'
import { newWebhookSecret } from '../../webhooks/send-webhook.ts'
import { RETRY_DELAYS_MS } from '#core/webhooks/retry-schedule.ts'

/** The Standard Webhooks headers of a received request, as `Webhook#verify` takes them. */
function signedHeaders(message: ReceivedWebhook): Record<string, string> {
  return Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
      name,
      String(message.headers[name]),
    ]),
  )
}

for (const dialect of TEST_DIALECTS) {
  describe(`webhook deliveries (${dialect})`, () => {
    const suite = setUpWebhookSuite(dialect)

    test('signs deliveries so a Standard Webhooks receiver verifies them; a changed body or a stale timestamp fails', async (t) => {
      const { app, subscribe, ingestHandRaiser, dispatch, deliveriesOf, onlyDeliveryOf } = suite
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
      const { app, subscribe, ingestHandRaiser, dispatch, onlyDeliveryOf, detailOf, now } = suite
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
      const { app, subscribe, ingestHandRaiser, dispatch, onlyDeliveryOf, now } = suite
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
      const { app, api, subscribe, ingestHandRaiser, dispatch, deliveriesOf, onlyDeliveryOf } = suite
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
      assert.equal(disabled.body.disabledReason, 'RECEIVER_GONE')
      assert.equal(disabled.body.disabledAt, app.clock.now().toISOString())
      assert.match(disabled.body.disabledReasonText, /410 Gone/)
      app.clock.advance(24 * HOUR)
      assert.equal(await dispatch(), 0)

      const enabled = await api('PATCH', `/webhooks/${id}`, { enabled: true })
      assert.equal(enabled.status, 200, JSON.stringify(enabled.body))
      assert.equal(enabled.body.enabled, true)
      assert.equal(enabled.body.disabledReason, null)
      assert.equal(enabled.body.disabledAt, null)
      assert.equal(enabled.body.disabledReasonText, null)
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
      const { app, api, subscribe, ingestHandRaiser, dispatch, onlyDeliveryOf, detailOf, now } = suite
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
      const { app, subscribe, ingestHandRaiser, dispatch, deliveriesOf, onlyDeliveryOf, detailOf, now } =
        suite
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
      const { app, api, subscribe, ingestHandRaiser, dispatch, onlyDeliveryOf, now } = suite
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
      const { app, api, subscribe, ingestHandRaiser, dispatch } = suite
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
  })
}
