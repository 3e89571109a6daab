// Reps' absences and regions as routing and the SLA clock see them; checklist editing after the SQL
// hand-over; a breach that returns the lead to marketing.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { slaBreachJob } from '../../jobs/sla-breach.job.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`rep availability, checklists and returns to marketing (${dialect})`, () => {
    let app: TestApp
    const lead = async (email: string) => {
      const id = (await app.request('GET', `/api/v1/leads?q=${email}`, { key: app.workspace.keys.read })).body
        .items[0].id
      return (await app.request('GET', `/api/v1/leads/${id}`, { key: app.workspace.keys.read })).body
    }
    const ingest = async (event: unknown) => {
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: [event] },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
    }
    const act = async (who: 'sales' | 'sales2', id: string, body: Record<string, unknown>) =>
      app.request('POST', `/api/v1/leads/${id}/actions`, {
        session: await app.login(app.workspace.users[who].email),
        body,
      })

    before(async () => {
      app = await startTestApp(dialect)
      app.clock.set('2026-11-16T08:00:00Z') // Monday 09:00 Berlin
      await app.replaceAgreement((source) =>
        source.replace(
          '[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]',
          '[sales@acme.test, sales2@acme.test]',
        ),
      )
    })
    after(async () => app.close())

    test('a rep out of office gets no new leads; the reason says so', async () => {
      const sales = await app.login(app.workspace.users.sales.email)
      const away = await app.request('PATCH', '/api/v1/session', {
        session: sales,
        body: {
          outOfOffice: [{ from: '2026-11-16T00:00:00Z', until: '2026-11-17T00:00:00Z', note: 'Messe' }],
        },
      })
      assert.equal(away.status, 204, JSON.stringify(away.body))
      for (const [index, email] of ['olga@ost-werk.de', 'paul@pro-werk.de'].entries()) {
        await ingest(handRaiser(`ooo-${index}`, email, { occurredAt: '2026-11-16T07:30:00Z' }))
        const routed = await lead(email)
        assert.equal(routed.owner.email, 'sales2@acme.test')
        assert.ok(
          routed.assignment.reasons.some((reason: string) => /sales@acme\.test.*out of office/.test(reason)),
          routed.assignment.reasons.join('; '),
        )
      }
      const reps = await app.request('GET', '/api/v1/reps', {
        session: await app.login(app.workspace.users.manager.email),
      })
      assert.deepEqual(
        reps.body.items.map((rep: { email: string; outOfOffice: boolean; teams: string[] }) => [
          rep.email,
          rep.outOfOffice,
          rep.teams,
        ]),
        [
          ['manager@acme.test', false, []],
          ['sales2@acme.test', false, ['de_north']],
          ['sales@acme.test', true, ['de_north']],
        ],
      )
      assert.equal(
        reps.body.items.find((rep: { email: string }) => rep.email === 'sales2@acme.test').openLeads,
        2,
      )
      // Marketing reads them too: it staffs the teams of an agreement draft.
      const byMarketing = await app.request('GET', '/api/v1/reps', {
        session: await app.login(app.workspace.users.marketing.email),
      })
      assert.equal(byMarketing.status, 200, JSON.stringify(byMarketing.body))
      assert.deepEqual(byMarketing.body, reps.body)
      const users = await app.request('GET', '/api/v1/users', {
        session: await app.login(app.workspace.users.admin.email),
      })
      const me = users.body.find((user: { email: string }) => user.email === 'sales@acme.test')
      assert.deepEqual(me.outOfOffice, [
        { from: '2026-11-16T00:00:00Z', until: '2026-11-17T00:00:00Z', note: 'Messe' },
      ])
    })

    test('absences and regions that cannot be right are refused, naming the field', async () => {
      const sales = await app.login(app.workspace.users.sales.email)
      const backwards = await app.request('PATCH', '/api/v1/session', {
        session: sales,
        body: { outOfOffice: [{ from: '2026-11-20T00:00:00Z', until: '2026-11-19T00:00:00Z' }] },
      })
      assert.equal(backwards.status, 422)
      assert.equal(backwards.body.errors[0].path, 'body/outOfOffice/0/until')
      const admin = await app.login(app.workspace.users.admin.email)
      const unknown = await app.request('PATCH', `/api/v1/users/${app.workspace.users.sales.id}`, {
        session: admin,
        body: { region: 'XX' },
      })
      assert.equal(unknown.status, 422)
      assert.equal(unknown.body.errors[0].path, 'body/region')
      const empty = await app.request('PATCH', '/api/v1/session', { session: sales, body: { unknown: 1 } })
      assert.equal(empty.status, 400)
    })

    test('the SLA clock of a rep in Saxony skips Buß- und Bettag', async () => {
      const admin = await app.login(app.workspace.users.admin.email)
      for (const [user, region] of [
        [app.workspace.users.sales.id, 'SN'],
        [app.workspace.users.sales2.id, 'HH'],
      ] as const) {
        const set = await app.request('PATCH', `/api/v1/users/${user}`, {
          session: admin,
          body: { region, outOfOffice: [] },
        })
        assert.equal(set.status, 200, JSON.stringify(set.body))
        assert.equal(set.body.region, region)
      }
      // Tuesday 17 November, 14:00 Berlin: 4 business hours left today, then Wednesday 18 is a holiday in Saxony.
      app.clock.set('2026-11-17T13:00:00Z')
      const dueAt: Record<string, string> = {}
      for (const [index, email] of ['rita@rot-werk.de', 'sven@sued-werk.de'].entries()) {
        await ingest(handRaiser(`sn-${index}`, email, { occurredAt: '2026-11-17T12:55:00Z' }))
        const routed = await lead(email)
        dueAt[routed.owner.email] = routed.assignment.sla.dueAt
      }
      assert.deepEqual(dueAt, {
        'sales@acme.test': '2026-11-19T11:00:00.000Z', // Thursday 12:00 Berlin
        'sales2@acme.test': '2026-11-18T11:00:00.000Z', // Wednesday 12:00 Berlin
      })
    })

    test('the checklist stays editable through opportunity, with its history; unknown items are refused', async () => {
      const rita = await lead('rita@rot-werk.de')
      const owner = rita.owner.email === 'sales@acme.test' ? 'sales' : 'sales2'
      assert.equal((await act(owner, rita.id, { action: 'accept' })).status, 200)
      const draft = await act(owner, rita.id, {
        action: 'update_checklist',
        checklist: { bant: ['need'] },
        note: 'Bedarf im Erstgespräch bestätigt',
      })
      assert.equal(draft.status, 200, JSON.stringify(draft.body))
      let current = await lead('rita@rot-werk.de')
      assert.equal(current.stage, 'sal')
      assert.equal(current.qualification.satisfied, false)
      assert.deepEqual(
        current.qualification.checklists[0].items
          .filter((item: { confirmed: boolean }) => item.confirmed)
          .map((item: { id: string }) => item.id),
        ['need'],
      )
      const qualified = await act(owner, rita.id, {
        action: 'qualify',
        checklist: { bant: ['need', 'budget', 'timeline'] },
      })
      assert.equal(qualified.status, 200, JSON.stringify(qualified.body))
      assert.equal(
        (await act(owner, rita.id, { action: 'open_deal', amount: 60_000, expectedCloseDate: '2027-02-26' }))
          .status,
        200,
      )
      const revised = await act(owner, rita.id, {
        action: 'update_checklist',
        checklist: { bant: ['need', 'timeline', 'authority'] },
        note: 'Budget wieder offen, Einkaufsleiter entscheidet',
      })
      assert.equal(revised.status, 200, JSON.stringify(revised.body))
      current = await lead('rita@rot-werk.de')
      assert.equal(current.stage, 'opportunity')
      assert.deepEqual(
        current.qualification.history.map(
          (entry: { kind: string; confirmed: { bant: string[] }; by: { email: string } }) => [
            entry.kind,
            entry.confirmed.bant.join(','),
            entry.by.email,
          ],
        ),
        [
          ['update_checklist', 'need', rita.owner.email],
          ['qualify', 'need,budget,timeline', rita.owner.email],
          ['update_checklist', 'need,timeline,authority', rita.owner.email],
        ],
      )
      const strange = await act(owner, rita.id, {
        action: 'update_checklist',
        checklist: { bant: ['need', 'vibes'] },
      })
      assert.equal(strange.status, 422)
      assert.deepEqual(strange.body.unknown, [{ checklist: 'bant', items: ['vibes'] }])
      const sven = await lead('sven@sued-werk.de')
      const tooEarly = await act(sven.owner.email === 'sales@acme.test' ? 'sales' : 'sales2', sven.id, {
        action: 'update_checklist',
        checklist: { bant: ['need'] },
      })
      assert.equal(tooEarly.status, 409)
    })

    test('a breach step that returns the lead to marketing recycles it with the reason, and notifications are read', async () => {
      await app.replaceAgreement((source) =>
        source.replace(
          '- { afterBusinessHours: 16, action: reassign } # to the next rep in the team',
          '- { afterBusinessHours: 16, action: return_to_marketing }',
        ),
      )
      app.clock.set('2026-11-23T08:00:00Z') // Monday 09:00 Berlin
      await ingest(handRaiser('rtm', 'theo@tal-werk.de', { occurredAt: '2026-11-23T07:55:00Z' }))
      const handed = await lead('theo@tal-werk.de')
      const rep = handed.owner.email === 'sales@acme.test' ? 'sales' : 'sales2'
      app.clock.set('2026-11-24T17:30:00Z') // Tuesday 18:30 Berlin: 16 business hours later
      assert.ok((await slaBreachJob.handle(app.db, app.clock.now())).fired >= 2)
      const returned = await lead('theo@tal-werk.de')
      assert.equal(returned.stage, 'recycled')
      assert.equal(returned.owner, null)
      assert.equal(returned.history.at(-1).reason, 'sla_breached')
      assert.equal(returned.state.recycleQueue, 'nurture')
      const session = await app.login(app.workspace.users[rep].email)
      const mine = await app.request('GET', '/api/v1/notifications?unread=true', { session })
      const returnedNote = mine.body.items.find(
        (item: { kind: string }) => item.kind === 'sla_returned_to_marketing',
      )
      assert.ok(returnedNote, JSON.stringify(mine.body))
      const marked = await app.request('POST', '/api/v1/notifications/read', {
        session,
        body: { ids: [returnedNote.id] },
      })
      assert.deepEqual(marked.body, { marked: 1 })
      const after = await app.request('GET', '/api/v1/notifications', { session })
      assert.equal(after.body.unread, mine.body.unread - 1)
      const keyCaller = await app.request('GET', '/api/v1/notifications', { key: app.workspace.keys.admin })
      assert.equal(keyCaller.status, 403)
    })
  })
}
