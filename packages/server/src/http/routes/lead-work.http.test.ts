// Activities and tasks: a rep logs calls and notes and plans follow-ups; the first call on an MQL answers
// its SLA; My work shows each held lead with its next task and whether it went stale; everything is
// audited, sent to webhooks, exported with the person and blanked by erasure.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts'
import { slaBreachJob } from '../../jobs/sla-breach.job.ts'
import { dispatchTestWebhooks } from '../../testing/webhook-fixtures.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

for (const dialect of TEST_DIALECTS) {
  describe(`activities, tasks and my work (${dialect})`, () => {
    let app: TestApp
    let receiver: WebhookReceiver
    const ids = new Map<string, string>()
    type Who = 'sales' | 'sales2' | 'manager' | 'admin' | 'marketing'
    const as = (who: Who): Promise<TestSession> => app.login(app.workspace.users[who].email)
    const leadOf = (email: string) => ids.get(email)!
    const logActivity = async (who: Who, email: string, body: Record<string, unknown>) =>
      app.request('POST', `/api/v1/leads/${leadOf(email)}/activities`, { session: await as(who), body })
    const detail = async (email: string) =>
      (await app.request('GET', `/api/v1/leads/${leadOf(email)}`, { key: app.workspace.keys.read })).body
    const myWork = async (who: Who) => {
      const response = await app.request('GET', '/api/v1/my-work', { session: await as(who) })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body
    }
    const ingestAt = async (iso: string, event: ReturnType<typeof handRaiser>) => {
      app.clock.set(iso)
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: [event] },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      const found = await app.request('GET', `/api/v1/leads?q=${event.lead.email}`, {
        key: app.workspace.keys.read,
      })
      ids.set(event.lead.email, found.body.items[0].id)
    }

    before(async () => {
      app = await startTestApp(dialect, { webhookTargets: { allowPrivate: true }, logLevel: 'error' })
      receiver = await startWebhookReceiver()
      app.clock.set('2026-11-01T12:00:00Z')
      // One rep for the north; the SLA lapses to a notification of the team lead after 8 business hours.
      await app.replaceAgreement((source) =>
        source
          .replace('[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]', '[sales@acme.test]')
          .replaceAll('lead: martina.wolf@demo.takt.dev', 'lead: admin@acme.test'),
      )
      const subscribed = await app.request('POST', '/api/v1/webhooks', {
        session: await as('admin'),
        body: { url: receiver.url, eventTypes: ['activity.logged', 'task.created', 'task.completed'] },
      })
      assert.equal(subscribed.status, 201, JSON.stringify(subscribed.body))
      // Handed to the rep on Monday 2 November, 09:00 and 09:05 Berlin.
      await ingestAt(
        '2026-11-02T08:00:00Z',
        handRaiser('a', 'anna@alpha-werk.de', { occurredAt: '2026-11-02T07:59:00Z' }),
      )
      await ingestAt(
        '2026-11-02T08:05:00Z',
        handRaiser('b', 'bernd@beta-bau.de', { occurredAt: '2026-11-02T08:04:00Z' }),
      )
    })
    after(async () => {
      await app.close()
      await receiver.close()
    })

    test('a note answers no SLA; the first call on an MQL does, and the lead stays an MQL', async () => {
      assert.equal((await detail('anna@alpha-werk.de')).owner.email, 'sales@acme.test')
      app.clock.set('2026-11-02T08:30:00Z')
      const note = await logActivity('sales', 'anna@alpha-werk.de', {
        kind: 'note',
        body: 'Website: CNC-Fräsen',
      })
      assert.equal(note.status, 201, JSON.stringify(note.body))
      assert.equal(note.body.answeredSla, false)
      assert.equal((await detail('anna@alpha-werk.de')).assignment.sla.respondedAt, null)

      app.clock.set('2026-11-02T09:00:00Z')
      const call = await logActivity('sales', 'anna@alpha-werk.de', {
        kind: 'call',
        outcome: 'no_answer',
        durationMinutes: 1,
      })
      assert.equal(call.status, 201, JSON.stringify(call.body))
      assert.equal(call.body.answeredSla, true)
      assert.equal(call.body.activity.author.id, app.workspace.users.sales.id)
      const anna = await detail('anna@alpha-werk.de')
      assert.equal(anna.stage, 'mql')
      assert.equal(anna.assignment.sla.respondedAt, '2026-11-02T09:00:00.000Z')
      assert.equal(anna.assignment.sla.state, 'met')

      app.clock.set('2026-11-02T09:10:00Z')
      const again = await logActivity('sales', 'anna@alpha-werk.de', {
        kind: 'email',
        subject: 'Ihre Demo-Anfrage',
      })
      assert.equal(again.body.answeredSla, false, 'only the first contact answers')

      const listed = await app.request('GET', `/api/v1/leads/${leadOf('anna@alpha-werk.de')}/activities`, {
        session: await as('sales'),
      })
      assert.deepEqual(
        listed.body.items.map((item: { kind: string }) => item.kind),
        ['email', 'call', 'note'],
      )
    })

    test('a call logged by mistake is taken back by its author within a minute, with its SLA answer', async () => {
      app.clock.set('2026-11-02T09:20:00Z')
      const lead = leadOf('bernd@beta-bau.de')
      const call = await logActivity('sales', 'bernd@beta-bau.de', { kind: 'call', outcome: 'reached' })
      assert.equal(call.body.answeredSla, true)
      const undo = async (who: Who, id: string) =>
        app.request('POST', `/api/v1/leads/${lead}/activities/${id}/undo`, { session: await as(who) })
      assert.equal((await undo('sales2', call.body.activity.id)).status, 404, 'not their lead')
      assert.equal((await undo('manager', call.body.activity.id)).status, 403, 'not their activity')
      const undone = await undo('sales', call.body.activity.id)
      assert.equal(undone.status, 200, JSON.stringify(undone.body))
      assert.deepEqual(undone.body, { activityId: call.body.activity.id, undone: 'call', stage: 'mql' })
      assert.equal((await detail('bernd@beta-bau.de')).assignment.sla.respondedAt, null)
      assert.equal((await undo('sales', call.body.activity.id)).status, 404, 'gone already')

      const note = await logActivity('sales', 'bernd@beta-bau.de', { kind: 'note', body: 'Budget erst 2027' })
      app.clock.advance(61_000)
      const late = await undo('sales', note.body.activity.id)
      assert.equal(late.status, 409)
      assert.equal(late.body.code, 'UNDO_WINDOW_PASSED')
      const listed = await app.request('GET', `/api/v1/leads/${lead}/activities`, {
        key: app.workspace.keys.read,
      })
      assert.deepEqual(
        listed.body.items.map((item: { kind: string }) => item.kind),
        ['note'],
      )
      const audited = await app.request(
        'GET',
        `/api/v1/audit-log?target=${lead}&action=lead.activity_undone`,
        {
          session: await as('admin'),
        },
      )
      assert.equal(audited.body.items.length, 1)
    })

    test('the answered MQL breaches nothing; the unanswered one notifies the team lead', async () => {
      // Tuesday 10:00 Berlin: both hand-offs are more than 8 business hours old.
      app.clock.set('2026-11-03T09:00:00Z')
      await slaBreachJob.handle(app.db, app.clock.now())
      const notified = await app.request('GET', '/api/v1/notifications', { session: await as('admin') })
      const breached = notified.body.items
        .filter((item: { kind: string }) => item.kind === 'sla_breached')
        .map((item: { leadId: string }) => item.leadId)
      assert.deepEqual(breached, [leadOf('bernd@beta-bau.de')])
    })

    test('refuses bad input, other reps and marketing with a problem naming the field', async () => {
      const email = 'anna@alpha-werk.de'
      const cases: Array<[Who, Record<string, unknown>, number, string | undefined]> = [
        ['sales', { kind: 'note', outcome: 'reached' }, 400, 'body/outcome'],
        ['sales', { kind: 'call', occurredAt: '2026-11-04T09:00:00Z' }, 400, 'body/occurredAt'],
        ['sales', { kind: 'visit' }, 400, 'body/kind'],
        ['sales', { kind: 'note', body: 'x'.repeat(10_001) }, 400, 'body/body'],
        [
          'sales',
          { kind: 'note', followUp: { title: 'Nachfassen', dueAt: 'morgen' } },
          400,
          'body/followUp/dueAt',
        ],
        [
          'sales',
          {
            kind: 'note',
            followUp: { title: 'x', dueAt: '2026-11-05T09:00:00Z', ownerId: app.workspace.users.sales2.id },
          },
          403,
          'body/followUp/ownerId',
        ],
        ['sales2', { kind: 'note' }, 404, undefined],
        ['marketing', { kind: 'note' }, 403, undefined],
      ]
      for (const [who, body, status, path] of cases) {
        const response = await logActivity(who, email, body)
        assert.equal(response.status, status, `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`)
        assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/)
        if (path)
          assert.ok(JSON.stringify(response.body.errors).includes(path), JSON.stringify(response.body))
      }
      const unknown = await app.request(
        'POST',
        '/api/v1/leads/00000000-0000-4000-8000-000000000000/activities',
        {
          session: await as('sales'),
          body: { kind: 'note' },
        },
      )
      assert.equal(unknown.status, 404)
      const listed = await app.request('GET', `/api/v1/leads/${leadOf(email)}/activities`, {
        key: app.workspace.keys.read,
      })
      assert.equal(listed.body.items.length, 3, 'nothing refused was stored')
    })

    test('a follow-up task: listed, due, overdue, done with one click, reopened', async () => {
      app.clock.set('2026-11-03T09:30:00Z')
      const logged = await logActivity('sales', 'anna@alpha-werk.de', {
        kind: 'call',
        outcome: 'reached',
        body: 'Interesse an 5-Achs-Fräse, Budget Q1',
        followUp: { title: 'Angebot schicken', dueAt: '2026-11-04T15:00:00Z' },
      })
      assert.equal(logged.status, 201, JSON.stringify(logged.body))
      const task = logged.body.task
      assert.equal(task.owner.id, app.workspace.users.sales.id)
      assert.equal(task.overdue, false)

      const mine = await app.request('GET', '/api/v1/tasks', { session: await as('sales') })
      assert.deepEqual(
        mine.body.items.map((item: { id: string }) => item.id),
        [task.id],
      )
      assert.equal(mine.body.items[0].lead.email, 'anna@alpha-werk.de')
      const theirs = await app.request('GET', '/api/v1/tasks', { session: await as('sales2') })
      assert.deepEqual(theirs.body.items, [])
      // On a lead they see, a rep sees every task; on another rep's lead, none.
      const onLead = await app.request(
        'GET',
        `/api/v1/tasks?leadId=${leadOf('anna@alpha-werk.de')}&owner=all`,
        {
          session: await as('sales'),
        },
      )
      assert.deepEqual(
        onLead.body.items.map((item: { id: string }) => item.id),
        [task.id],
      )
      const notTheirs = await app.request(
        'GET',
        `/api/v1/tasks?leadId=${leadOf('anna@alpha-werk.de')}&owner=all`,
        {
          session: await as('sales2'),
        },
      )
      assert.equal(notTheirs.status, 404)
      const peek = await app.request('GET', `/api/v1/tasks?owner=${app.workspace.users.sales.id}`, {
        session: await as('sales2'),
      })
      assert.equal(peek.status, 403)

      app.clock.set('2026-11-04T16:00:00Z')
      const work = await myWork('sales')
      assert.equal(work.tasks[0].overdue, true)
      assert.equal(work.counts.tasksDue, 1)
      assert.deepEqual(
        work.sections.waiting.find((item: { id: string }) => item.id === leadOf('anna@alpha-werk.de'))
          .nextTask,
        {
          id: task.id,
          title: 'Angebot schicken',
          dueAt: '2026-11-04T15:00:00.000Z',
          overdue: true,
        },
      )

      const foreign = await app.request('PATCH', `/api/v1/tasks/${task.id}`, {
        session: await as('sales2'),
        body: { done: true },
      })
      assert.equal(foreign.status, 404)
      const done = await app.request('PATCH', `/api/v1/tasks/${task.id}`, {
        session: await as('sales'),
        body: { done: true },
      })
      assert.equal(done.status, 200, JSON.stringify(done.body))
      assert.equal(done.body.doneAt, '2026-11-04T16:00:00.000Z')
      app.clock.advance(60_000)
      const twice = await app.request('PATCH', `/api/v1/tasks/${task.id}`, {
        session: await as('sales'),
        body: { done: true },
      })
      assert.equal(
        twice.body.doneAt,
        '2026-11-04T16:00:00.000Z',
        'a second click records no second completion',
      )
      assert.deepEqual(
        (await app.request('GET', '/api/v1/tasks', { session: await as('sales') })).body.items,
        [],
      )
      const reopened = await app.request('PATCH', `/api/v1/tasks/${task.id}`, {
        session: await as('sales'),
        body: { done: false },
      })
      assert.equal(reopened.body.doneAt, null)
      await app.request('PATCH', `/api/v1/tasks/${task.id}`, {
        session: await as('sales'),
        body: { done: true },
      })
      const empty = await app.request('PATCH', `/api/v1/tasks/${task.id}`, {
        session: await as('sales'),
        body: {},
      })
      assert.equal(empty.status, 400)
    })

    test('task owners: a manager assigns to a rep; marketing owns no tasks; an API key names the owner', async () => {
      const body = { leadId: leadOf('bernd@beta-bau.de'), title: 'Rückruf', dueAt: '2026-11-05T09:00:00Z' }
      const byManager = await app.request('POST', '/api/v1/tasks', {
        session: await as('manager'),
        body: { ...body, ownerId: app.workspace.users.sales.id },
      })
      assert.equal(byManager.status, 201, JSON.stringify(byManager.body))
      assert.equal(byManager.body.owner.id, app.workspace.users.sales.id)
      const toMarketing = await app.request('POST', '/api/v1/tasks', {
        session: await as('manager'),
        body: { ...body, ownerId: app.workspace.users.marketing.id },
      })
      assert.equal(toMarketing.status, 422)
      assert.equal(toMarketing.body.errors[0].path, 'body/ownerId')
      const keyless = await app.request('POST', '/api/v1/tasks', { key: app.workspace.keys.admin, body })
      assert.equal(keyless.status, 422)
      const byKey = await app.request('POST', '/api/v1/tasks', {
        key: app.workspace.keys.admin,
        body: { ...body, ownerId: app.workspace.users.sales.id },
      })
      assert.equal(byKey.status, 201)
      const keyList = await app.request('GET', '/api/v1/tasks', { key: app.workspace.keys.admin })
      assert.equal(keyList.body.items.length, 2, 'an API key sees all open tasks')
      for (const id of [byManager.body.id, byKey.body.id]) {
        const closed = await app.request('PATCH', `/api/v1/tasks/${id}`, {
          session: await as('sales'),
          body: { done: true },
        })
        assert.equal(closed.status, 200)
      }
    })

    test('My work: accepted leads by stage, stale after five business days without work, rejected ones kept', async () => {
      app.clock.set('2026-11-05T09:00:00Z')
      const session = await as('sales')
      for (const [email, body] of [
        ['anna@alpha-werk.de', { action: 'accept' }],
        ['bernd@beta-bau.de', { action: 'reject', reason: 'bad_timing', note: 'erst 2027' }],
      ] as const) {
        const response = await app.request('POST', `/api/v1/leads/${leadOf(email)}/actions`, {
          session,
          body,
        })
        assert.equal(response.status, 200, JSON.stringify(response.body))
      }
      const fresh = await myWork('sales')
      assert.deepEqual(
        fresh.sections.qualifying.map((item: { email: string }) => item.email),
        ['anna@alpha-werk.de'],
      )
      assert.equal(fresh.sections.qualifying[0].stale, false)
      assert.deepEqual(
        fresh.sections.recycled.map((item: { email: string; reason: string }) => [item.email, item.reason]),
        [['bernd@beta-bau.de', 'bad_timing']],
      )
      assert.equal(fresh.staleAfterBusinessDays, 5)

      // Thursday 10:00 to the next Thursday 10:00 Berlin is five business days.
      app.clock.advance(7 * DAY - HOUR)
      assert.equal((await myWork('sales')).sections.qualifying[0].stale, false)
      app.clock.advance(2 * HOUR)
      const quiet = await myWork('sales')
      assert.equal(quiet.sections.qualifying[0].stale, true)
      assert.equal(quiet.counts.stale, 1)
      assert.equal(quiet.counts.attention, quiet.counts.waiting + 1 + quiet.counts.tasksDue)

      await logActivity('sales', 'anna@alpha-werk.de', { kind: 'meeting', subject: 'Vor-Ort-Termin' })
      assert.equal((await myWork('sales')).sections.qualifying[0].stale, false, 'a logged meeting is work')
      const other = await myWork('sales2')
      assert.deepEqual(other.sections.qualifying, [])
      assert.deepEqual(other.sections.recycled, [])
      const key = await app.request('GET', '/api/v1/my-work', { key: app.workspace.keys.admin })
      assert.equal(key.status, 403)
    })

    test('audited and sent to webhook subscribers', async () => {
      const audited = await app.request('GET', `/api/v1/audit-log?target=${leadOf('anna@alpha-werk.de')}`, {
        session: await as('admin'),
      })
      const actions = audited.body.items.map((item: { action: string }) => item.action)
      for (const action of ['lead.activity_logged', 'task.created', 'task.completed', 'task.reopened']) {
        assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`)
      }
      await dispatchTestWebhooks(app)
      const events = receiver.events()
      const count = (type: string) => events.filter((event) => event.type === type).length
      // five on Anna, and on Bernd the call taken back and the note
      assert.equal(count('activity.logged'), 7)
      assert.equal(count('task.created'), 3)
      // the follow-up done, reopened and done again, and the two others done once
      assert.equal(count('task.completed'), 4)
      // The event carries what was logged, with the lead it was logged on.
      const call = events.find(
        (event) =>
          event.type === 'activity.logged' &&
          (event.data.activity as { body: string | null }).body === 'Interesse an 5-Achs-Fräse, Budget Q1',
      )!
      assert.deepEqual(
        [(call.data.activity as { outcome: string }).outcome, (call.data.lead as { email: string }).email],
        ['reached', 'anna@alpha-werk.de'],
      )
    })

    test('exported with the person; erasure blanks their texts and keeps kind and time', async () => {
      const admin = await as('admin')
      const id = leadOf('anna@alpha-werk.de')
      const exported = await app.request('GET', `/api/v1/leads/${id}/export`, { session: admin })
      assert.equal(exported.status, 200, JSON.stringify(exported.body))
      assert.equal(exported.body.activities.length, 5)
      assert.ok(
        exported.body.activities.some(
          (item: { body: string }) => item.body === 'Interesse an 5-Achs-Fräse, Budget Q1',
        ),
      )
      assert.deepEqual(
        exported.body.tasks.map((item: { title: string }) => item.title),
        ['Angebot schicken'],
      )

      const erased = await app.request('POST', `/api/v1/leads/${id}/erasure`, { session: admin, body: {} })
      assert.equal(erased.status, 200, JSON.stringify(erased.body))
      assert.equal(erased.body.activities, 5)
      assert.equal(erased.body.tasks, 1)
      const listed = await app.request('GET', `/api/v1/leads/${id}/activities`, { session: admin })
      assert.equal(listed.body.items.length, 5)
      for (const item of listed.body.items) {
        assert.deepEqual([item.subject, item.body, item.outcome, item.erased], [null, null, null, true])
      }
      const tasks = await app.request('GET', `/api/v1/tasks?leadId=${id}&status=all`, { session: admin })
      assert.deepEqual(
        tasks.body.items.map((item: { title: string }) => item.title),
        [''],
      )
      const more = await logActivity('admin', 'anna@alpha-werk.de', { kind: 'note', body: 'noch etwas' })
      assert.equal(more.status, 410)
    })
  })
}
