// Erasure and outgoing webhooks over real HTTP: an erased lead's payloads are blanked and its unsent
// deliveries cancelled, also when it is erased, or its subscription deleted, while a delivery is in flight.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import type { ReceivedWebhook, ReceiverAnswer, WebhookReceiver } from '../../testing/webhook-receiver.ts'
import { ALL_TYPES, HOUR, setUpWebhookSuite, SECOND } from '../../testing/webhook-fixtures.ts'

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
  describe(`webhooks and erasure (${dialect})`, () => {
    const suite = setUpWebhookSuite(dialect)

    test('erasing a lead blanks its webhook payloads and cancels its unsent deliveries', async (t) => {
      const { app, api, subscribe, ingestHandRaiser, dispatch, deliveriesOf, detailOf } = suite
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
      const { app, api, subscribe, ingestHandRaiser, dispatch, onlyDeliveryOf, detailOf } = suite
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
      const { app, api, subscribe, ingestHandRaiser, dispatch, onlyDeliveryOf } = suite
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
  })
}
