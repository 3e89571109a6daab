// The sales inbox: a rep's MQLs waiting for an answer, overdue first, with the SLA clock and the reasons.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { explanationText } from '#core/explanation/explanation.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`sales inbox (${dialect})`, () => {
    let app: TestApp
    const ingestAt = async (iso: string, event: unknown) => {
      app.clock.set(iso)
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: [event] },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
    }

    before(async () => {
      app = await startTestApp(dialect)
      app.clock.set('2026-11-01T12:00:00Z') // the staffed agreement is in force before the first hand-off
      await app.replaceAgreement((source) =>
        source.replace('[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]', '[sales@acme.test]'),
      )
      // Handed over Monday 09:00, Tuesday 09:00 and Tuesday 12:00 Berlin.
      await ingestAt(
        '2026-11-02T08:00:00Z',
        handRaiser('i1', 'ida@eins-werk.de', { occurredAt: '2026-11-02T07:59:00Z' }),
      )
      await ingestAt(
        '2026-11-03T08:00:00Z',
        handRaiser('i2', 'jan@zwei-werk.de', { occurredAt: '2026-11-03T07:59:00Z' }),
      )
      await ingestAt(
        '2026-11-03T11:00:00Z',
        handRaiser('i3', 'kai@drei-werk.de', { occurredAt: '2026-11-03T10:59:00Z' }),
      )
      app.clock.set('2026-11-03T13:00:00Z') // Tuesday 14:00 Berlin
    })
    after(async () => app.close())

    test('lists my waiting MQLs, overdue first, then by business hours left, with why they are here', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      const inbox = await app.request('GET', '/api/v1/inbox', { session: rep })
      assert.equal(inbox.status, 200, JSON.stringify(inbox.body))
      assert.deepEqual(
        inbox.body.items.map(
          (item: { email: string; sla: { state: string; remainingBusinessHours: number } }) => [
            item.email,
            item.sla.state,
            item.sla.remainingBusinessHours,
          ],
        ),
        [
          // due Monday 17:00 Berlin: 1 business hour that evening and 6 on Tuesday overdue
          ['ida@eins-werk.de', 'breached', -7],
          ['jan@zwei-werk.de', 'on_time', 3],
          ['kai@drei-werk.de', 'on_time', 6],
        ],
      )
      const first = inbox.body.items[0]
      assert.equal(first.source, 'website')
      assert.ok(first.because.length > 0, 'the reasons it became an MQL')
      assert.deepEqual(first.because, first.explanations.map(explanationText), 'the same reasons, as data')
    })

    test('a rep sees only their own inbox; managers may look at a rep’s; API keys must name one', async () => {
      const other = await app.login(app.workspace.users.sales2.email)
      const own = await app.request('GET', '/api/v1/inbox', { session: other })
      assert.deepEqual(own.body.items, [])
      const peek = await app.request('GET', `/api/v1/inbox?owner=${app.workspace.users.sales.id}`, {
        session: other,
      })
      assert.equal(peek.status, 403)
      const manager = await app.login(app.workspace.users.manager.email)
      const looked = await app.request('GET', `/api/v1/inbox?owner=${app.workspace.users.sales.id}`, {
        session: manager,
      })
      assert.equal(looked.body.items.length, 3)
      const key = await app.request('GET', '/api/v1/inbox', { key: app.workspace.keys.admin })
      assert.equal(key.status, 400)
      assert.equal(key.body.errors[0].path, 'querystring/owner')
    })
  })
}
