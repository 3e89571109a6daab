import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'

const ALL_ON = {
  hand_raiser: true,
  sla_breached: true,
  sla_reassigned: true,
  sla_reassigned_to_you: true,
  sla_reassign_failed: true,
  sla_returned_to_marketing: true,
}

for (const dialect of TEST_DIALECTS) {
  describe(`notification settings (${dialect})`, () => {
    let app: TestApp
    const settings = async (who: 'sales' | 'marketing' | 'manager', method = 'GET', body?: unknown) =>
      app.request(method, '/api/v1/me/notification-settings', {
        session: await app.login(app.workspace.users[who].email),
        ...(body === undefined ? {} : { body }),
      })

    before(async () => {
      app = await startTestApp(dialect)
    })
    after(() => app.close())

    test('everyone starts with every kind on', async () => {
      for (const who of ['sales', 'marketing', 'manager'] as const) {
        const response = await settings(who)
        assert.equal(response.status, 200, JSON.stringify(response.body))
        assert.deepEqual(response.body, { enabled: ALL_ON })
      }
    })

    test('a person switches kinds off and on again, and only their own choice changes', async () => {
      const off = await settings('sales', 'PUT', { enabled: { hand_raiser: false, sla_breached: false } })
      assert.equal(off.status, 200, JSON.stringify(off.body))
      const expected = { ...ALL_ON, hand_raiser: false, sla_breached: false }
      assert.deepEqual(off.body, { enabled: expected })
      assert.deepEqual((await settings('sales')).body, { enabled: expected })
      assert.deepEqual((await settings('manager')).body, { enabled: ALL_ON })

      // The choice is replaced: kinds left out are on again.
      const replaced = await settings('sales', 'PUT', { enabled: { sla_reassigned: false } })
      assert.deepEqual(replaced.body, { enabled: { ...ALL_ON, sla_reassigned: false } })
      assert.deepEqual((await settings('sales')).body, { enabled: { ...ALL_ON, sla_reassigned: false } })
    })

    test('an unknown kind is refused with 400 naming it, and nothing changes', async () => {
      const before = (await settings('marketing')).body
      const response = await settings('marketing', 'PUT', {
        enabled: { hand_raiser: false, lunch_break: true },
      })
      assert.equal(response.status, 400)
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/)
      assert.ok(
        response.body.errors.some((error: { path: string }) => error.path === 'body/enabled/lunch_break'),
        JSON.stringify(response.body),
      )
      assert.deepEqual((await settings('marketing')).body, before)
    })

    test('a value that is not true or false, or a body without `enabled`, is refused', async () => {
      const wrongType = await settings('marketing', 'PUT', { enabled: { hand_raiser: 'no' } })
      assert.equal(wrongType.status, 400)
      assert.match(JSON.stringify(wrongType.body.errors), /body\/enabled\/hand_raiser/)
      const missing = await settings('marketing', 'PUT', { hand_raiser: false })
      assert.equal(missing.status, 400)
    })

    test('API keys have no notification settings', async () => {
      const response = await app.request('GET', '/api/v1/me/notification-settings', {
        key: app.workspace.keys.admin,
      })
      assert.equal(response.status, 403)
    })
  })
}
