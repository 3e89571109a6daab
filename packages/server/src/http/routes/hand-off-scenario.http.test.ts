// Two weeks of hand-off in simulated time: territory and round-robin routing within capacity, a warm
// hold, an SLA met, an SLA breached (team lead told, lead reassigned), a rejection recycled and
// re-qualified after its cool-down by new engagement, BANT qualification, a deal won, and every change
// reported once by webhook.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts'
import { slaBreachJob } from '../../jobs/sla-breach.job.ts'
import { leadRefreshJob } from '../../jobs/lead-refresh.job.ts'
import { dispatchTestWebhooks } from '../../testing/webhook-fixtures.ts'
import type { Explanation } from '#core/explanation/explanation.ts'
import { staffWithTestReps } from '../../testing/staffed-agreement.ts'

const HOUR = 3_600_000

for (const dialect of TEST_DIALECTS) {
  describe(`two weeks of hand-off (${dialect})`, () => {
    let app: TestApp
    let receiver: WebhookReceiver
    // Sessions end after a day without use, and days pass here: each step signs in afresh.
    type Who = 'sales' | 'sales2' | 'manager' | 'admin'
    const as = (who: Who): Promise<TestSession> => app.login(app.workspace.users[who].email)
    const leadId = async (email: string) =>
      (await app.request('GET', `/api/v1/leads?q=${email}`, { key: app.workspace.keys.read })).body.items[0]
        .id
    const detail = async (email: string) =>
      (await app.request('GET', `/api/v1/leads/${await leadId(email)}`, { key: app.workspace.keys.read }))
        .body
    const act = async (who: Who, email: string, body: Record<string, unknown>) => {
      const response = await app.request('POST', `/api/v1/leads/${await leadId(email)}/actions`, {
        session: await as(who),
        body,
      })
      assert.equal(response.status, 200, `${body.action} ${email}: ${JSON.stringify(response.body)}`)
      return response.body
    }
    const ingest = async (...events: unknown[]) => {
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
    }
    /** Moves the clock in steps, running the jobs as the server's timers would. */
    const runFor = async (ms: number, step = HOUR) => {
      for (let passed = 0; passed < ms; passed += step) {
        app.clock.advance(Math.min(step, ms - passed))
        await slaBreachJob.handle(app.db, app.clock.now())
        await leadRefreshJob.handle(app.db, app.clock.now())
        await deliver()
      }
    }
    const deliver = () => dispatchTestWebhooks(app)

    before(async () => {
      app = await startTestApp(dialect, { webhookTargets: { allowPrivate: true } })
      receiver = await startWebhookReceiver()
      // Monday 2 November 2026, 10:00 in Berlin.
      app.clock.set('2026-11-02T09:00:00Z')
      await app.replaceAgreement((source) =>
        staffWithTestReps(source, 2).replace(/(id: bad_timing[\s\S]*?coolDownDays: )90/, '$17'),
      )
      const subscribed = await app.request('POST', '/api/v1/webhooks', {
        session: await as('admin'),
        body: {
          url: receiver.url,
          eventTypes: ['lead.stage_changed', 'lead.assigned', 'lead.sla_breached', 'lead.recycled'],
        },
      })
      assert.equal(subscribed.status, 201, JSON.stringify(subscribed.body))
    })
    after(async () => {
      await app.close()
      await receiver.close()
    })

    test('week one: routed by territory and round-robin within capacity; one waits in the team queue', async () => {
      // One at a time, as they come in: each is routed on arrival.
      for (const event of [
        handRaiser('a', 'anna@alpha-werk.de', { postcode: '20095', occurredAt: '2026-11-02T08:50:00Z' }),
        handRaiser('b', 'bernd@beta-bau.de', { postcode: '22041', occurredAt: '2026-11-02T08:51:00Z' }),
        handRaiser('c', 'clara@gamma-guss.de', { postcode: '30159', occurredAt: '2026-11-02T08:52:00Z' }),
        handRaiser('s', 'sepp@sued-stahl.de', { postcode: '80331', occurredAt: '2026-11-02T08:53:00Z' }),
        handRaiser('d', 'dora@delta-druck.de', { postcode: '24103', occurredAt: '2026-11-02T08:54:00Z' }),
        handRaiser('e', 'emil@epsilon-eisen.de', { postcode: '28195', occurredAt: '2026-11-02T08:55:00Z' }),
      ])
        await ingest(event)
      const owners = await Promise.all(
        [
          'anna@alpha-werk.de',
          'bernd@beta-bau.de',
          'clara@gamma-guss.de',
          'dora@delta-druck.de',
          'sepp@sued-stahl.de',
        ].map(async (email) => (await detail(email)).owner?.email ?? null),
      )
      assert.deepEqual(owners, [
        'sales@acme.test',
        'sales2@acme.test',
        'sales@acme.test',
        'sales2@acme.test',
        'manager@acme.test',
      ])
      const queues = await app.request('GET', '/api/v1/team-queues', { key: app.workspace.keys.read })
      const north = queues.body.teams.find((team: { team: string }) => team.team === 'de_north')
      assert.deepEqual(
        north.leads.map((lead: { email: string }) => lead.email),
        ['emil@epsilon-eisen.de'],
      )
    })

    test('accepted in time, rejected and recycled; the freed capacity takes the waiting lead', async () => {
      await act('manager', 'sepp@sued-stahl.de', { action: 'accept' })
      await runFor(HOUR) // 11:00
      await act('sales', 'anna@alpha-werk.de', { action: 'accept' })
      assert.equal((await detail('anna@alpha-werk.de')).assignment.sla.state, 'met')
      await runFor(HOUR) // 12:00
      await act('sales2', 'bernd@beta-bau.de', {
        action: 'reject',
        reason: 'bad_timing',
        note: 'Budget erst 2027',
      })
      const bernd = await detail('bernd@beta-bau.de')
      assert.equal(bernd.stage, 'recycled')
      assert.equal(bernd.state.recycleCount, 1)
      assert.equal((await detail('emil@epsilon-eisen.de')).owner.email, 'sales2@acme.test')
      await act('sales2', 'dora@delta-druck.de', { action: 'accept' })
      await act('sales2', 'emil@epsilon-eisen.de', { action: 'accept' })
      // Qualifying frees a slot: SQLs no longer count against the rep's open MQL + SAL leads.
      await act('sales2', 'dora@delta-druck.de', {
        action: 'qualify',
        checklist: { bant: ['need', 'budget', 'timeline'] },
      })
    })

    test('an SLA left to lapse tells the team lead after 8 business hours and reassigns after 16', async () => {
      // Clara was handed to sales at 10:00 on Monday; 8 business hours end at 18:00.
      await runFor(6 * HOUR) // Monday 18:00 Berlin
      const notified = await app.request('GET', '/api/v1/notifications', { session: await as('admin') })
      assert.equal(notified.status, 200, JSON.stringify(notified.body))
      assert.deepEqual(
        notified.body.items.map((item: { kind: string; data: { lead: { email: string } } }) => [
          item.kind,
          item.data.lead.email,
        ]),
        [['sla_breached', 'clara@gamma-guss.de']],
      )
      assert.equal((await detail('clara@gamma-guss.de')).owner.email, 'sales@acme.test')
      // Tuesday 18:00 Berlin: 16 business hours.
      await runFor(24 * HOUR)
      const clara = await detail('clara@gamma-guss.de')
      assert.equal(clara.owner.email, 'sales2@acme.test')
      assert.match(clara.assignment.reasons[0], /SLA lapsed with sales@acme\.test/)
      assert.deepEqual(clara.assignment.explanations[0], { code: 'sla_lapsed', rep: 'sales@acme.test' })
      assert.deepEqual(clara.assignment.people, { 'sales@acme.test': 'sales', 'sales2@acme.test': 'sales2' })
      assert.deepEqual(
        clara.assignment.explanations.slice(1).map((reason: Explanation) => reason.code),
        ['territory', 'skipped', 'round_robin'],
      )
      assert.deepEqual(
        clara.slaBreaches.map((breach: { action: string; rep: string }) => [breach.action, breach.rep]),
        [
          ['notify', 'sales@acme.test'],
          ['reassign', 'sales@acme.test'],
        ],
      )
      const told = await app.request('GET', '/api/v1/notifications', { session: await as('sales2') })
      assert.deepEqual(
        told.body.items.map((item: { kind: string }) => item.kind),
        ['sla_reassigned_to_you'],
      )
      // Running the job again finds nothing more to do: each step fires once.
      assert.equal((await slaBreachJob.handle(app.db, app.clock.now())).fired, 0)
      await runFor(15 * HOUR) // Wednesday 09:00
      await act('sales2', 'clara@gamma-guss.de', { action: 'accept' })
    })

    test('the recycled lead re-qualifies by new engagement after its cool-down and is won with BANT', async () => {
      // Cool-down: 7 days from Monday 12:00. New engagement before its end does not re-qualify.
      await ingest(
        handRaiser('b2', 'bernd@beta-bau.de', {
          postcode: '22041',
          occurredAt: app.clock.now().toISOString(),
        }),
      )
      assert.equal((await detail('bernd@beta-bau.de')).stage, 'recycled')
      await runFor(6 * 24 * HOUR, 6 * HOUR) // the next Tuesday 09:00: cool-down over, engagement since recycling
      const bernd = await detail('bernd@beta-bau.de')
      assert.equal(bernd.stage, 'mql', JSON.stringify(bernd.history.at(-1)))
      assert.ok(bernd.owner, 'routed to a rep after re-qualifying')
      const owner: Who = bernd.owner.email === 'sales@acme.test' ? 'sales' : 'sales2'
      await act(owner, 'bernd@beta-bau.de', { action: 'accept' })
      await act(owner, 'bernd@beta-bau.de', {
        action: 'qualify',
        checklist: { bant: ['need', 'budget', 'authority'] },
      })
      await act(owner, 'bernd@beta-bau.de', {
        action: 'open_deal',
        amount: 48_000,
        expectedCloseDate: '2026-12-18',
      })
      await runFor(2 * 24 * HOUR, 6 * HOUR)
      await act(owner, 'bernd@beta-bau.de', { action: 'win' })
      const won = await detail('bernd@beta-bau.de')
      assert.deepEqual(
        won.history.map((step: { to: string }) => step.to),
        ['lead', 'mql', 'recycled', 'mql', 'sal', 'sql', 'opportunity', 'customer'],
      )
      assert.equal(won.state.recycleCount, 1)
    })

    test('every change reached the webhook receiver exactly once', async () => {
      await deliver()
      const events = receiver.events()
      const ids = events.map((event) => event.id)
      assert.equal(new Set(ids).size, ids.length, 'no event id delivered twice')
      const of = (type: string, email: string) =>
        events.filter(
          (event) => event.type === type && (event.data.lead as { email: string }).email === email,
        )
      assert.deepEqual(
        of('lead.sla_breached', 'clara@gamma-guss.de').map((event) => event.data.action),
        ['notify', 'reassign'],
      )
      assert.deepEqual(
        of('lead.assigned', 'clara@gamma-guss.de').map((event) => event.data.rep),
        ['sales@acme.test', 'sales2@acme.test'],
      )
      assert.equal(of('lead.recycled', 'bernd@beta-bau.de').length, 1)
      assert.deepEqual(
        of('lead.stage_changed', 'bernd@beta-bau.de').map((event) => event.data.to),
        ['mql', 'recycled', 'mql', 'sal', 'sql', 'opportunity', 'customer'],
      )
      const log = await app.request('GET', `/api/v1/webhooks`, { session: await as('admin') })
      const deliveries = await app.request('GET', `/api/v1/webhooks/${log.body[0].id}/deliveries?limit=200`, {
        session: await as('admin'),
      })
      assert.equal(deliveries.body.items.length, events.length)
      assert.ok(deliveries.body.items.every((item: { status: string }) => item.status === 'delivered'))
    })
  })
}
