import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`hand-off routing (${dialect})`, () => {
    let app: TestApp
    const leadOf = async (email: string) =>
      (await app.request('GET', `/api/v1/leads?q=${email}`, { key: app.workspace.keys.read })).body.items[0]
    const detail = async (id: string) =>
      (await app.request('GET', `/api/v1/leads/${id}`, { key: app.workspace.keys.read })).body

    before(async () => {
      app = await startTestApp(dialect)
      // The workshop agreement, staffed with this workspace's reps and one open lead per rep.
      await app.replaceAgreement((source) =>
        source
          .replace('[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]', '[sales@acme.test]')
          .replace('[lukas.maier@demo.takt.dev, sophie.huber@demo.takt.dev]', '[sales2@acme.test]')
          .replace('maxOpenLeadsPerRep: 25', 'maxOpenLeadsPerRep: 1'),
      )
    })
    after(async () => app.close())

    test('a new MQL goes to the territory’s rep with the reasons and an SLA clock in business hours', async () => {
      await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            handRaiser('n1', 'nora@nordwerk.de', { postcode: '20095', occurredAt: '2026-11-02T08:30:00Z' }),
          ],
        },
      })
      const lead = await leadOf('nora@nordwerk.de')
      assert.equal(lead.stage, 'mql')
      assert.equal(lead.ownerId, app.workspace.users.sales.id)
      const { assignment } = await detail(lead.id)
      assert.equal(assignment.rep, 'sales@acme.test')
      assert.equal(assignment.team, 'de_north')
      assert.ok(
        assignment.reasons.some((reason: string) => /territory/i.test(reason)),
        assignment.reasons.join('; '),
      )
      // Monday 10:00 in Berlin plus 8 business hours (08:00–18:00) is 18:00 the same day.
      // MQL at 09:30 Berlin (the demo request), handed over at 10:00 when the batch arrived.
      assert.deepEqual(assignment.sla, {
        state: 'on_time',
        dueAt: '2026-11-02T17:00:00.000Z',
        remainingBusinessHours: 8,
        respondedAt: null,
        responseBusinessHours: null,
        systemDelayBusinessHours: 0.5,
        // the agreement tells the team lead when the 8 hours are up
        nextStep: { at: '2026-11-02T17:00:00.000Z', action: 'notify' },
      })
    })

    test('a south lead goes to the south team', async () => {
      await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            handRaiser('s1', 'sepp@suedwerk.de', { postcode: '80331', occurredAt: '2026-11-02T08:30:00Z' }),
          ],
        },
      })
      const lead = await leadOf('sepp@suedwerk.de')
      assert.equal(lead.ownerId, app.workspace.users.sales2.id)
    })

    test('when the rep is at capacity the MQL waits, and gets the rep when capacity frees', async () => {
      await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            handRaiser('n2', 'otto@nordbau.de', { postcode: '21073', occurredAt: '2026-11-02T08:30:00Z' }),
          ],
        },
      })
      const waiting = await leadOf('otto@nordbau.de')
      assert.equal(waiting.stage, 'mql')
      assert.equal(waiting.ownerId, null)
      app.clock.advance(2 * 3_600_000)
      const queues = await app.request('GET', '/api/v1/team-queues', { key: app.workspace.keys.read })
      assert.equal(queues.status, 200)
      const north = queues.body.teams.find((team: { team: string }) => team.team === 'de_north')
      assert.deepEqual(
        north.leads.map((lead: { email: string; waitingBusinessHours: number }) => [
          lead.email,
          lead.waitingBusinessHours,
        ]),
        // MQL since its demo request at 09:30 Berlin; now it is 12:00 on the same Monday.
        [['otto@nordbau.de', 2.5]],
      )
      const rep = await app.login(app.workspace.users.sales.email)
      const nora = await leadOf('nora@nordwerk.de')
      const rejected = await app.request('POST', `/api/v1/leads/${nora.id}/actions`, {
        session: rep,
        body: { action: 'reject', reason: 'bad_timing' },
      })
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body))
      assert.equal((await leadOf('otto@nordbau.de')).ownerId, app.workspace.users.sales.id)
      // It waited from 09:30 to 12:00 Berlin for capacity: 2.5 business hours of system delay.
      const handedOver = await detail((await leadOf('otto@nordbau.de')).id)
      assert.equal(handedOver.assignment.sla.systemDelayBusinessHours, 2.5)
    })

    test('a manager hands a lead to another rep; a rep may not', async () => {
      const otto = await leadOf('otto@nordbau.de')
      const rep = await app.login(app.workspace.users.sales.email)
      const refused = await app.request('POST', `/api/v1/leads/${otto.id}/actions`, {
        session: rep,
        body: { action: 'assign', rep: 'sales2@acme.test' },
      })
      assert.equal(refused.status, 403)
      const manager = await app.login(app.workspace.users.manager.email)
      const unknown = await app.request('POST', `/api/v1/leads/${otto.id}/actions`, {
        session: manager,
        body: { action: 'assign', rep: 'ghost@acme.test' },
      })
      assert.equal(unknown.status, 422)
      const moved = await app.request('POST', `/api/v1/leads/${otto.id}/actions`, {
        session: manager,
        body: { action: 'assign', rep: 'sales2@acme.test' },
      })
      assert.equal(moved.status, 200, JSON.stringify(moved.body))
      const after = await detail(otto.id)
      assert.equal(after.owner.email, 'sales2@acme.test')
      assert.equal(after.stage, 'mql')
      assert.equal(after.assignment.rep, 'sales2@acme.test')
      assert.equal(after.assignment.sla.systemDelayBusinessHours, 2.5)
      // Accepted, the lead leaves MQL: its wait before the hand-off still counts from becoming an MQL.
      const newOwner = await app.login(app.workspace.users.sales2.email)
      const accepted = await app.request('POST', `/api/v1/leads/${otto.id}/actions`, {
        session: newOwner,
        body: { action: 'accept' },
      })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
      const working = await detail(otto.id)
      assert.equal(working.stage, 'sal')
      assert.equal(working.assignment.sla.systemDelayBusinessHours, 2.5)
    })
  })
}
