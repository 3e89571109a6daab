// The webhook admin API over real HTTP: what it refuses (addresses, private targets, event types,
// unknown ids, another workspace's subscriptions), who may use it, and which subscription gets which
// event while enabled or disabled.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp } from '../../testing/test-app.ts'
import { ALL_TYPES, HOUR, setUpWebhookSuite } from '../../testing/webhook-fixtures.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`webhook subscriptions (${dialect})`, () => {
    const suite = setUpWebhookSuite(dialect)

    test('refuses addresses that are not http(s), private targets unless allowed, unknown event types and ids', async (t) => {
      const { app, api, subscribe } = suite
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
      for (const [url, code] of [
        ['ftp://hooks.example.com/takt', 'URL_SCHEME'],
        ['javascript:alert(1)', 'URL_SCHEME'],
        ['/hooks', 'URL_NOT_ABSOLUTE'],
        ['hooks.example.com/takt', 'URL_NOT_ABSOLUTE'],
        ['file:///etc/passwd', 'URL_SCHEME'],
        ['https://user:password@hooks.example.com/takt', 'URL_CREDENTIALS'],
        ['https://hooks.example.com/takt#fragment', 'URL_FRAGMENT'],
      ] as const) {
        const created = await api('POST', '/webhooks', { url, eventTypes: ['lead.assigned'] })
        isProblemAbout(created, 422, /^body\/url$/, url)
        assert.equal(created.body.errors[0].code, code, url)
        const patched = await api('PATCH', `/webhooks/${id}`, { url })
        isProblemAbout(patched, 422, /^body\/url$/, `PATCH ${url}`)
        assert.equal(patched.body.errors[0].code, code, `PATCH ${url}`)
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
        assert.match(refused.body.errors[0].code, /^(ADDRESS|HOST)_NOT_PUBLIC$/, target)
        assert.equal(typeof refused.body.errors[0].params.host, 'string', target)
      }
      const metadata = await strictApi('POST', '/webhooks', {
        url: 'http://169.254.169.254/latest/meta-data/',
        eventTypes: ['lead.assigned'],
      })
      assert.deepEqual(metadata.body.errors, [
        {
          path: 'body/url',
          message: '169.254.169.254 is not a public address.',
          code: 'ADDRESS_NOT_PUBLIC',
          params: { host: '169.254.169.254' },
        },
      ])
      const named = await strictApi('POST', '/webhooks', {
        url: 'http://localhost:8080/hooks',
        eventTypes: ['lead.assigned'],
      })
      assert.equal(named.body.errors[0].code, 'HOST_NOT_PUBLIC')
      assert.equal(named.body.errors[0].params.host, 'localhost')
      assert.match(named.body.errors[0].params.address, /^(127\.0\.0\.1|::1)$/)
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
      const { app, api, subscribe } = suite
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

    test('a subscription gets only the event types it asked for, and nothing new while disabled', async (t) => {
      const { app, api, subscribe, ingestHandRaiser, dispatch, deliveriesOf } = suite
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
      assert.equal(disabled.body.disabledReason, 'DISABLED_BY_ADMIN')
      assert.equal(disabled.body.disabledReasonText, 'Disabled by an admin.')
      assert.equal(disabled.body.disabledAt, app.clock.now().toISOString())
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

    test('the delivery log pages with a cursor, every delivery once, newest first', async (t) => {
      const { api, subscribe, ingestHandRaiser } = suite
      const all = await subscribe(t, ALL_TYPES)
      // The test clock stands still, so all six share their creation time: only the id can split the pages.
      for (let person = 0; person < 3; person++) await ingestHandRaiser()
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const query: string = cursor ? `&cursor=${cursor}` : ''
        const page = await api('GET', `/webhooks/${all.id}/deliveries?limit=2${query}`)
        assert.equal(page.status, 200, JSON.stringify(page.body))
        seen.push(...page.body.items.map((item: { id: string }) => item.id))
        cursor = page.body.nextCursor
      } while (cursor)
      const whole = await api('GET', `/webhooks/${all.id}/deliveries?limit=200`)
      assert.equal(seen.length, 6)
      assert.deepEqual(
        seen,
        whole.body.items.map((item: { id: string }) => item.id),
      )
      const forged = await api('GET', `/webhooks/${all.id}/deliveries?cursor=bm9wZQ`)
      assert.equal(forged.status, 400)
      assert.equal(forged.body.errors[0].path, 'querystring/cursor')
    })
  })
}
