// Hand-raisers on leads marketing holds back: a recycled lead in its cool-down or a disqualified one asks
// for sales, the person who had it is told once per touchpoint (unless they switched that off), and a
// sales manager hands it back to sales as an MQL with a reason.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { staffWithTestReps } from '../../testing/staffed-agreement.ts'
import { applyQueuedEvents } from '../../services/apply-queued-events.ts'

type Who = 'sales' | 'sales2' | 'manager' | 'admin'

for (const dialect of TEST_DIALECTS) {
  describe(`hand-raiser alerts (${dialect})`, () => {
    let app: TestApp
    const as = (who: Who) => app.login(app.workspace.users[who].email)
    const whoIs = (email: string) =>
      (['sales', 'sales2', 'manager', 'admin'] as const).find(
        (who) => app.workspace.users[who].email === email,
      )!
    const leadOf = async (email: string) => {
      const list = await app.request('GET', `/api/v1/leads?q=${email}`, { key: app.workspace.keys.read })
      const id = list.body.items[0].id as string
      return (await app.request('GET', `/api/v1/leads/${id}`, { key: app.workspace.keys.read })).body
    }
    const ingest = async (events: unknown[], headers: Record<string, string> = {}) => {
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events },
        headers,
      })
      assert.ok(response.status === 200 || response.status === 202, JSON.stringify(response.body))
      return response.body
    }
    const act = async (who: Who, leadId: string, body: Record<string, unknown>) =>
      app.request('POST', `/api/v1/leads/${leadId}/actions`, { session: await as(who), body })
    const handRaisersFor = async (who: Who) => {
      const response = await app.request('GET', '/api/v1/notifications', { session: await as(who) })
      assert.equal(response.status, 200)
      return response.body.items.filter((item: { kind: string }) => item.kind === 'hand_raiser')
    }
    /** An MQL routed to a rep, who then rejects (recycles, 90-day cool-down) or disqualifies it. */
    const heldBack = async (email: string, way: 'reject' | 'disqualify') => {
      const at = new Date(app.clock.now().getTime() - 60_000).toISOString()
      await ingest([handRaiser(`${email}-first`, email, { occurredAt: at })])
      const lead = await leadOf(email)
      assert.equal(lead.stage, 'mql')
      const owner = whoIs(lead.owner.email)
      const body =
        way === 'reject'
          ? { action: 'reject', reason: 'bad_timing' }
          : { action: 'disqualify', reason: 'competitor' }
      const response = await act(owner, lead.id, body)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return { id: lead.id as string, owner }
    }
    const later = (minutes: number) => {
      app.clock.advance(minutes * 60_000)
      return app.clock.now().toISOString()
    }

    before(async () => {
      app = await startTestApp(dialect)
      await app.replaceAgreement((source) => staffWithTestReps(source, 10))
    })
    after(() => app.close())

    test('a hand-raiser on a recycled lead in its cool-down tells its rep once, even when the batch is re-sent', async () => {
      const { id, owner } = await heldBack('hanna@alpha-werk.de', 'reject')
      assert.deepEqual(await handRaisersFor(owner), [])
      const batch = [
        {
          ...handRaiser('hanna-again', 'hanna@alpha-werk.de', { occurredAt: later(60) }),
          type: 'contact_sales',
        },
      ]
      await ingest(batch)
      assert.equal((await ingest(batch)).duplicate, 1)

      const alerts = await handRaisersFor(owner)
      assert.equal(alerts.length, 1, JSON.stringify(alerts))
      assert.equal(alerts[0].leadId, id)
      assert.equal(alerts[0].data.stage, 'recycled')
      assert.equal(alerts[0].data.touchpointType, 'contact_sales')
      assert.equal(alerts[0].data.lead.email, 'hanna@alpha-werk.de')
      assert.equal((await leadOf('hanna@alpha-werk.de')).stage, 'recycled', 'still cooling down')
    })

    test('a touchpoint that raises no hand tells nobody', async () => {
      const { owner } = await heldBack('ida@beta-bau.de', 'reject')
      const before = (await handRaisersFor(owner)).length
      await ingest([
        {
          id: 'ida-pricing',
          type: 'page_view',
          occurredAt: later(5),
          source: 'website',
          lead: { email: 'ida@beta-bau.de' },
        },
      ])
      assert.equal((await handRaisersFor(owner)).length, before)
      assert.deepEqual(await handRaisersFor('manager'), [])
    })

    test('a rep who switched hand-raiser alerts off is not told', async () => {
      const { owner } = await heldBack('jan@gamma-guss.de', 'reject')
      const before = (await handRaisersFor(owner)).length
      const off = await app.request('PUT', '/api/v1/me/notification-settings', {
        session: await as(owner),
        body: { enabled: { hand_raiser: false } },
      })
      assert.equal(off.status, 200, JSON.stringify(off.body))
      await ingest([handRaiser('jan-again', 'jan@gamma-guss.de', { occurredAt: later(5) })])
      assert.equal((await handRaisersFor(owner)).length, before)

      const on = await app.request('PUT', '/api/v1/me/notification-settings', {
        session: await as(owner),
        body: { enabled: { hand_raiser: true } },
      })
      assert.equal(on.status, 200)
      await ingest([handRaiser('jan-third', 'jan@gamma-guss.de', { occurredAt: later(5) })])
      assert.equal((await handRaisersFor(owner)).length, before + 1)
    })

    test('a disqualified lead asking for sales through the asynchronous path tells its owner', async () => {
      const { id, owner } = await heldBack('kai@delta-druck.de', 'disqualify')
      const before = (await handRaisersFor(owner)).length
      await ingest([handRaiser('kai-again', 'kai@delta-druck.de', { occurredAt: later(5) })], {
        prefer: 'respond-async',
      })
      assert.equal((await handRaisersFor(owner)).length, before, 'queued, not yet applied')
      assert.equal((await applyQueuedEvents(app.db, app.workspace.id, app.clock.now())).applied, 1)
      const alerts = await handRaisersFor(owner)
      assert.equal(alerts.length, before + 1)
      assert.equal(alerts[0].leadId, id)
      assert.equal(alerts[0].data.stage, 'disqualified')
    })

    test('a sales manager hands the lead to sales as an MQL with a reason; a rep may not', async () => {
      const lead = await leadOf('hanna@alpha-werk.de')
      const body = { action: 'hand_to_sales', reason: 'Asked for a call during the cool-down' }
      const refused = await act('sales', lead.id, body)
      assert.equal(refused.status, 403, JSON.stringify(refused.body))
      assert.equal((await leadOf('hanna@alpha-werk.de')).stage, 'recycled')

      const handed = await act('manager', lead.id, body)
      assert.equal(handed.status, 200, JSON.stringify(handed.body))
      assert.equal(handed.body.stage, 'mql')
      const after = await leadOf('hanna@alpha-werk.de')
      assert.equal(after.stage, 'mql')
      const last = after.history.at(-1)
      assert.equal(last.from, 'recycled')
      assert.equal(last.reason, 'Asked for a call during the cool-down')
      assert.equal(last.actor.id, app.workspace.users.manager.id)
      assert.equal(last.agreementVersion, lead.history.at(-1).agreementVersion)
      assert.ok(after.owner, 'routing handed the MQL to a rep')

      const again = await act('manager', lead.id, body)
      assert.equal(again.status, 409, 'an MQL is not held back')
      const empty = await act('manager', lead.id, { action: 'hand_to_sales', reason: '' })
      assert.equal(empty.status, 400)
    })
  })
}
