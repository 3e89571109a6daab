import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { applyQueuedEvents } from '../../services/apply-queued-events.ts'

const ANNA_EVENT = {
  id: 'form-4711',
  type: 'demo_request',
  occurredAt: '2026-11-02T08:30:00Z',
  source: 'website',
  contentId: 'demo',
  lead: {
    email: 'anna.schmidt@example.de',
    firstName: 'Anna',
    lastName: 'Schmidt',
    title: 'Head of Sales',
    company: {
      name: 'Example GmbH',
      domain: 'example.de',
      industry: 'maschinenbau',
      employees: 250,
      country: 'DE',
    },
  },
  properties: { utm_campaign: 'q4' },
}

for (const dialect of TEST_DIALECTS) {
  describe(`POST /api/v1/events (${dialect})`, () => {
    let app: TestApp
    before(async () => {
      app = await startTestApp(dialect)
    })
    after(async () => app.close())

    const ingest = (events: unknown[], key = app.workspace.keys.ingest) =>
      app.request('POST', '/api/v1/events', { key, body: { events } })

    test('stores a touchpoint and answers with the lead already scored and staged', async () => {
      const response = await ingest([ANNA_EVENT])
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.deepEqual(
        { ...response.body, leads: undefined },
        { accepted: 1, duplicate: 0, rejected: 0, errors: [], leads: undefined },
      )
      const list = await app.request('GET', '/api/v1/leads?q=anna.schmidt@example.de', {
        key: app.workspace.keys.read,
      })
      assert.equal(list.status, 200)
      assert.equal(list.body.items.length, 1)
      const lead = list.body.items[0]
      // fit: manufacturing 20 + 200–5,000 employees 20 + DACH 10 + "Head of" 15; engagement: demo request 40 (30 minutes old)
      assert.equal(lead.fit, 65)
      assert.ok(
        Math.abs(lead.engagement - 40 * Math.pow(0.5, 30 / (30 * 24 * 60))) < 1e-9,
        String(lead.engagement),
      )
      assert.equal(lead.stage, 'mql')
    })

    test('a repeated id with the same payload is a duplicate and changes nothing', async () => {
      const before = await app.request('GET', '/api/v1/leads?q=anna.schmidt@example.de', {
        key: app.workspace.keys.read,
      })
      const response = await ingest([
        { ...ANNA_EVENT, lead: { ...ANNA_EVENT.lead, email: 'ANNA.Schmidt@example.de' } },
      ])
      assert.deepEqual([response.body.accepted, response.body.duplicate, response.body.rejected], [0, 1, 0])
      const afterwards = await app.request('GET', '/api/v1/leads?q=anna.schmidt@example.de', {
        key: app.workspace.keys.read,
      })
      assert.deepEqual(afterwards.body, before.body)
    })

    test('a repeated id with a different payload is rejected as idempotency_conflict', async () => {
      const response = await ingest([{ ...ANNA_EVENT, type: 'contact_sales' }])
      assert.equal(response.status, 200)
      assert.equal(response.body.rejected, 1)
      assert.equal(response.body.errors[0].code, 'idempotency_conflict')
      assert.equal(response.body.errors[0].index, 0)
    })

    test('bad items are rejected with index and reasons while the good ones are stored', async () => {
      const good = {
        ...ANNA_EVENT,
        id: 'good-1',
        type: 'page_view',
        contentId: 'pricing',
        lead: { email: 'ben@kunde.de' },
      }
      const response = await ingest([
        good,
        { ...good, id: 'bad-email', lead: { email: 'not-an-email' } },
        { ...good, id: 'bad-type', type: 'pagevieww' },
        { ...good, id: 'bad-date', occurredAt: '2031-01-01T00:00:00Z' },
        { ...good, id: 'bad-content', contentId: 'no-such-content' },
        { ...good, id: undefined },
        { ...good, id: 'bad-extra', stage: 'customer' },
        'not an object',
      ])
      assert.equal(response.status, 200)
      assert.deepEqual([response.body.accepted, response.body.rejected], [1, 7])
      const byIndex = Object.fromEntries(
        response.body.errors.map(
          (error: { index: number; errors: Array<{ path: string }>; code: string }) => [
            error.index,
            [error.code, error.errors[0]!.path],
          ],
        ),
      )
      assert.deepEqual(byIndex, {
        1: ['invalid', '/events/1/lead/email'],
        2: ['invalid', '/events/2/type'],
        3: ['invalid', '/events/3/occurredAt'],
        4: ['unknown_content', '/events/4/contentId'],
        5: ['invalid', '/events/5/id'],
        6: ['invalid', '/events/6/stage'],
        7: ['invalid', '/events/7'],
      })
      const ben = await app.request('GET', '/api/v1/leads?q=ben@kunde.de', { key: app.workspace.keys.read })
      assert.equal(ben.body.items[0].touchpointCount, 1)
    })

    test('an oversize batch is refused as a whole with a problem naming the field', async () => {
      const events = Array.from({ length: 5001 }, (_, index) => ({ ...ANNA_EVENT, id: `big-${index}` }))
      const response = await ingest(events)
      assert.equal(response.status, 400)
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      assert.match(response.body.detail, /events/)
      const count = await app.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_id', 'like', 'big-%')
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 0)
    })

    test('malformed JSON gets a 400 problem, not a 500', async () => {
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: '{"events": [',
        contentType: 'application/json',
      })
      assert.equal(response.status, 400)
      assert.equal(response.body.status, 400)
      assert.ok(response.body.type && response.body.title)
    })

    test('without a key the answer is 401, with a read key 403', async () => {
      assert.equal((await ingest([ANNA_EVENT], '')).status, 401)
      assert.equal((await ingest([ANNA_EVENT], app.workspace.keys.read)).status, 403)
    })

    test('leads of one company share an account matched by domain', async () => {
      const colleague = {
        ...ANNA_EVENT,
        id: 'colleague-1',
        type: 'content_click',
        contentId: 'blog-oee',
        lead: { email: 'chris@example.de' },
      }
      await ingest([colleague])
      const rows = await app.db
        .selectFrom('leads')
        .select(['email', 'account_id'])
        .where('workspace_id', '=', app.workspace.id)
        .where('email', 'in', ['anna.schmidt@example.de', 'chris@example.de'])
        .execute()
      assert.equal(rows.length, 2)
      assert.ok(rows[0]!.account_id)
      assert.equal(rows[0]!.account_id, rows[1]!.account_id)
    })

    test('events arriving out of order give the same lead as in-order arrival', async () => {
      const other = await app.addWorkspace(`order-${dialect}`)
      const email = 'clara@werk.de'
      const lead = {
        email,
        title: 'Werkleiterin',
        company: { domain: 'werk.de', industry: 'maschinenbau', employees: 900, country: 'DE' },
      }
      const story = [
        {
          id: 's1',
          type: 'content_click',
          occurredAt: '2026-10-01T09:00:00Z',
          contentId: 'blog-oee',
          source: 'website',
          lead,
        },
        {
          id: 's2',
          type: 'content_download',
          occurredAt: '2026-10-05T09:00:00Z',
          contentId: 'wp-feinplanung',
          source: 'website',
          lead: { email },
        },
        {
          id: 's3',
          type: 'page_view',
          occurredAt: '2026-10-20T09:00:00Z',
          contentId: 'pricing',
          source: 'website',
          lead: { email },
        },
        {
          id: 's4',
          type: 'case_study_view',
          occurredAt: '2026-10-22T09:00:00Z',
          contentId: 'case-study-kunststoff',
          source: 'website',
          lead: { email },
        },
        {
          id: 's5',
          type: 'webinar_attended',
          occurredAt: '2026-10-25T09:00:00Z',
          source: 'webinar',
          lead: { email },
        },
        {
          id: 's6',
          type: 'roi_calculator_used',
          occurredAt: '2026-10-26T09:00:00Z',
          source: 'website',
          lead: { email },
        },
      ]
      for (const event of story) await ingest([event])
      for (const event of [story[4], story[5], story[2], story[0], story[3], story[1]]) {
        await app.request('POST', '/api/v1/events', { key: other.keys.ingest, body: { events: [event] } })
      }
      const detail = async (key: string) => {
        const found = await app.request('GET', `/api/v1/leads?q=${email}`, { key })
        const response = await app.request('GET', `/api/v1/leads/${found.body.items[0].id}`, { key })
        const { id: _id, account: _account, ...rest } = response.body
        return rest
      }
      const inOrder = await detail(app.workspace.keys.read)
      assert.equal(inOrder.stage, 'mql')
      assert.deepEqual(await detail(other.keys.read), inOrder)
    })

    test('with Prefer: respond-async answers 202 once stored, and the lead follows when the queue is applied', async () => {
      const workspace = await app.addWorkspace(`async-${dialect}`)
      const event = { ...ANNA_EVENT, id: 'async-1', lead: { ...ANNA_EVENT.lead, email: 'async@example.de' } }
      const send = (events: unknown[]) =>
        app.request('POST', '/api/v1/events', {
          key: workspace.keys.ingest,
          body: { events },
          headers: { prefer: 'wait=5, respond-async' },
        })
      const response = await send([event, { id: 'broken' }])
      assert.equal(response.status, 202, JSON.stringify(response.body))
      assert.equal(response.headers.get('preference-applied'), 'respond-async')
      assert.deepEqual([response.body.accepted, response.body.rejected], [1, 1])
      assert.deepEqual([response.body.errors[0].index, response.body.errors[0].code], [1, 'invalid'])
      assert.equal((await send([event])).body.duplicate, 1)

      const queue = () => app.request('GET', '/api/v1/events/queue', { key: workspace.keys.ingest })
      const waiting = await queue()
      assert.equal(waiting.status, 200)
      assert.equal(waiting.body.queued, 1)
      assert.ok(Date.parse(waiting.body.oldestReceivedAt) > 0)
      assert.equal(
        (await app.request('GET', '/api/v1/events/queue', { key: workspace.keys.read })).status,
        403,
      )
      const leads = () => app.request('GET', '/api/v1/leads?q=async@example.de', { key: workspace.keys.read })
      assert.equal((await leads()).body.items.length, 0, 'acknowledged, not yet applied')

      assert.equal((await applyQueuedEvents(app.db, workspace.id, app.clock.now())).applied, 1)
      assert.deepEqual((await queue()).body, { queued: 0, oldestReceivedAt: null })
      const [lead] = (await leads()).body.items
      assert.equal(lead.stage, 'mql')
      assert.equal(lead.fit, 65)
    })
  })
}
