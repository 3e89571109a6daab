import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Fastify from 'fastify'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts'
import { registerAuthentication } from '../authenticate.ts'

test('a route under /api/v1 without an access entry stops the app from starting', async () => {
  const app = Fastify()
  registerAuthentication(app, {} as never, () => new Date())
  assert.throws(() => app.get('/api/v1/forgotten', async () => 'oops'), /declares no access entry/)
  await app.close()
})

for (const dialect of TEST_DIALECTS) {
  describe(`sessions, API keys and content (${dialect})`, () => {
    let app: TestApp
    before(async () => {
      app = await startTestApp(dialect)
    })
    after(async () => app.close())

    test('signing in sets an HTTP-only cookie; wrong passwords and unknown users get the same 401', async () => {
      const ok = await app.request('POST', '/api/v1/session', {
        body: { workspace: 'acme', email: app.workspace.users.sales.email, password: TEST_PASSWORD },
      })
      assert.equal(ok.status, 200)
      assert.equal(ok.body.user.role, 'sales')
      assert.match(ok.headers.get('set-cookie') ?? '', /takt_session=.+; .*HttpOnly; SameSite=Strict/i)
      const wrong = await app.request('POST', '/api/v1/session', {
        body: { workspace: 'acme', email: app.workspace.users.sales.email, password: 'nope' },
      })
      const unknown = await app.request('POST', '/api/v1/session', {
        body: { workspace: 'acme', email: 'ghost@acme.test', password: 'nope' },
      })
      assert.equal(wrong.status, 401)
      assert.deepEqual(unknown.body, wrong.body)
    })

    test('a cookie-authenticated write without the CSRF token is refused', async () => {
      const session = await app.login(app.workspace.users.marketing.email)
      const body = { title: 'x', kind: 'blog', journeyStage: null }
      const missing = await app.request('PUT', '/api/v1/content/csrf-1', {
        headers: { cookie: session.cookie },
        body,
      })
      assert.equal(missing.status, 403)
      assert.equal(missing.body.code, 'CSRF_TOKEN_INVALID')
      const forged = await app.request('PUT', '/api/v1/content/csrf-1', {
        session: { ...session, csrf: 'guess' },
        body,
      })
      assert.equal(forged.status, 403)
      assert.equal((await app.request('PUT', '/api/v1/content/csrf-1', { session, body })).status, 200)
      // Reads need no token.
      assert.equal(
        (await app.request('GET', '/api/v1/content', { headers: { cookie: session.cookie } })).status,
        200,
      )
    })

    test('the 6th wrong password in a minute is refused before any password is checked', async () => {
      const email = app.workspace.users.sales2.email
      const attempt = (password: string) =>
        app.request('POST', '/api/v1/session', { body: { workspace: 'acme', email, password } })
      for (let index = 0; index < 5; index++) assert.equal((await attempt('wrong')).status, 401)
      // Even the right password is not looked at now: the answer does not depend on it.
      const refused = await attempt(TEST_PASSWORD)
      assert.equal(refused.status, 429)
      assert.equal(refused.body.code, 'TOO_MANY_SIGN_IN_ATTEMPTS')
      assert.ok(Number(refused.headers.get('retry-after')) > 0)
      app.clock.advance(61_000)
      assert.equal((await attempt(TEST_PASSWORD)).status, 200)
    })

    test('ten failures in a quarter hour lock the account for 15 minutes', async () => {
      const email = app.workspace.users.manager.email
      const attempt = (password: string) =>
        app.request('POST', '/api/v1/session', { body: { workspace: 'acme', email, password } })
      for (let round = 0; round < 2; round++) {
        for (let index = 0; index < 5; index++) assert.equal((await attempt('wrong')).status, 401)
        app.clock.advance(61_000)
      }
      const locked = await attempt(TEST_PASSWORD)
      assert.equal(locked.status, 429)
      assert.ok(Number(locked.headers.get('retry-after')) > 600)
      app.clock.advance(15 * 60_000)
      assert.equal((await attempt(TEST_PASSWORD)).status, 200)
    })

    test('signing out revokes the session on the server', async () => {
      const cookie = await app.login(app.workspace.users.marketing.email)
      assert.equal((await app.request('GET', '/api/v1/session', { session: cookie })).status, 200)
      assert.equal((await app.request('DELETE', '/api/v1/session', { session: cookie })).status, 204)
      assert.equal((await app.request('GET', '/api/v1/session', { session: cookie })).status, 401)
    })

    test('an admin creates a key that is shown once, listed without its secret, and revocable', async () => {
      const admin = await app.login(app.workspace.users.admin.email)
      const created = await app.request('POST', '/api/v1/api-keys', {
        session: admin,
        body: { name: 'CRM sync', scope: 'read' },
      })
      assert.equal(created.status, 201)
      assert.match(created.body.key, /^takt_read_/)
      const listed = await app.request('GET', '/api/v1/api-keys', { session: admin })
      assert.ok(!JSON.stringify(listed.body).includes(created.body.key))
      assert.equal((await app.request('GET', '/api/v1/leads', { key: created.body.key })).status, 200)
      assert.equal(
        (await app.request('DELETE', `/api/v1/api-keys/${created.body.id}`, { session: admin })).status,
        204,
      )
      assert.equal((await app.request('GET', '/api/v1/leads', { key: created.body.key })).status, 401)
    })

    test('only admins manage keys', async () => {
      const marketing = await app.login(app.workspace.users.marketing.email)
      assert.equal(
        (
          await app.request('POST', '/api/v1/api-keys', {
            session: marketing,
            body: { name: 'x', scope: 'admin' },
          })
        ).status,
        403,
      )
      assert.equal(
        (await app.request('GET', '/api/v1/api-keys', { key: app.workspace.keys.read })).status,
        403,
      )
    })

    test('marketing maintains the content catalog; bad fields are named', async () => {
      const marketing = await app.login(app.workspace.users.marketing.email)
      const put = await app.request('PUT', '/api/v1/content/wp-oee-2027', {
        session: marketing,
        body: {
          title: 'OEE-Whitepaper 2027',
          kind: 'whitepaper',
          journeyStage: 'consideration',
          topics: ['oee'],
        },
      })
      assert.equal(put.status, 200)
      const list = await app.request('GET', '/api/v1/content', { session: marketing })
      assert.ok(
        list.body.some(
          (item: { id: string; journeyStage: string }) =>
            item.id === 'wp-oee-2027' && item.journeyStage === 'consideration',
        ),
      )
      const bad = await app.request('PUT', '/api/v1/content/x1', {
        session: marketing,
        body: { title: 'x', kind: 'blog', journeyStage: 'awareness' },
      })
      assert.equal(bad.status, 400)
      assert.match(bad.body.errors[0].path, /journeyStage/)
      assert.equal(
        (await app.request('DELETE', '/api/v1/content/no-such-item', { session: marketing })).status,
        404,
      )
      const rep = await app.login(app.workspace.users.sales.email)
      assert.equal((await app.request('DELETE', '/api/v1/content/wp-oee-2027', { session: rep })).status, 403)
    })
  })
}
