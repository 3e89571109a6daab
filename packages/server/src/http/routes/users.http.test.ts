import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, TEST_PASSWORD, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'

const NEW_PASSWORD = 'a much longer passphrase 2027'

for (const dialect of TEST_DIALECTS) {
  describe(`users, passwords and the audit log (${dialect})`, () => {
    let app: TestApp
    let admin: TestSession
    before(async () => {
      app = await startTestApp(dialect)
      admin = await app.login(app.workspace.users.admin.email)
    })
    after(async () => app.close())

    const signIn = (email: string, password: string) =>
      app.request('POST', '/api/v1/session', { body: { workspace: 'acme', email, password } })

    test('an admin adds a user who can then sign in; duplicates and short passwords are refused', async () => {
      const body = { email: 'Neu@acme.test', name: 'Nina Neu', role: 'sales', password: NEW_PASSWORD }
      const created = await app.request('POST', '/api/v1/users', { session: admin, body })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      assert.equal(created.body.email, 'neu@acme.test')
      assert.equal((await app.request('POST', '/api/v1/users', { session: admin, body })).status, 409)
      const weak = await app.request('POST', '/api/v1/users', {
        session: admin,
        body: { ...body, email: 'x@acme.test', password: 'short' },
      })
      assert.equal(weak.status, 400)
      assert.match(weak.body.errors[0].path, /password/)
      assert.equal((await signIn('neu@acme.test', NEW_PASSWORD)).status, 200)
    })

    test('only admins manage users', async () => {
      const marketing = await app.login(app.workspace.users.marketing.email)
      assert.equal((await app.request('GET', '/api/v1/users', { session: marketing })).status, 403)
      assert.equal((await app.request('GET', '/api/v1/users', { key: app.workspace.keys.read })).status, 403)
    })

    test('the last admin cannot be demoted or disabled', async () => {
      const demote = await app.request('PATCH', `/api/v1/users/${app.workspace.users.admin.id}`, {
        session: admin,
        body: { role: 'sales' },
      })
      assert.equal(demote.status, 409)
      assert.equal(demote.body.code, 'LAST_ADMIN')
    })

    test('disabling a user ends their sessions at once', async () => {
      const victim = await app.login(app.workspace.users.sales2.email)
      assert.equal((await app.request('GET', '/api/v1/session', { session: victim })).status, 200)
      const disabled = await app.request('PATCH', `/api/v1/users/${app.workspace.users.sales2.id}`, {
        session: admin,
        body: { disabled: true },
      })
      assert.equal(disabled.body.disabled, true)
      assert.equal((await app.request('GET', '/api/v1/session', { session: victim })).status, 401)
      assert.equal((await signIn(app.workspace.users.sales2.email, TEST_PASSWORD)).status, 401)
      // The e-mail stays taken while the disabled user exists: 409, not a failed insert.
      const again = await app.request('POST', '/api/v1/users', {
        session: admin,
        body: {
          email: app.workspace.users.sales2.email,
          name: 'Again',
          role: 'sales',
          password: NEW_PASSWORD,
        },
      })
      assert.equal(again.status, 409, JSON.stringify(again.body))
      assert.equal(again.body.code, 'USER_EXISTS')
    })

    test('an admin reset ends the user’s sessions; the new password works', async () => {
      const user = app.workspace.users.marketing
      const old = await app.login(user.email)
      const reset = await app.request('PUT', `/api/v1/users/${user.id}/password`, {
        session: admin,
        body: { password: NEW_PASSWORD },
      })
      assert.equal(reset.status, 204)
      assert.equal((await app.request('GET', '/api/v1/session', { session: old })).status, 401)
      assert.equal((await signIn(user.email, TEST_PASSWORD)).status, 401)
      assert.equal((await signIn(user.email, NEW_PASSWORD)).status, 200)
    })

    test('a user changes their own password with the current one; other sessions end', async () => {
      const user = app.workspace.users.manager
      const elsewhere = await app.login(user.email)
      const here = await app.login(user.email)
      const wrong = await app.request('PUT', '/api/v1/session/password', {
        session: here,
        body: { currentPassword: 'nope', newPassword: NEW_PASSWORD },
      })
      assert.equal(wrong.status, 403)
      const ok = await app.request('PUT', '/api/v1/session/password', {
        session: here,
        body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      })
      assert.equal(ok.status, 204)
      assert.equal((await app.request('GET', '/api/v1/session', { session: here })).status, 200)
      assert.equal((await app.request('GET', '/api/v1/session', { session: elsewhere })).status, 401)
    })

    test('the audit log shows who changed what with before and after, to admins only', async () => {
      const marketing = await app.login(app.workspace.users.admin.email)
      await app.request('PUT', '/api/v1/content/audit-demo', {
        session: marketing,
        body: { title: 'Alt', kind: 'blog', journeyStage: 'orientation' },
      })
      await app.request('PUT', '/api/v1/content/audit-demo', {
        session: marketing,
        body: { title: 'Neu', kind: 'blog', journeyStage: 'orientation' },
      })
      const log = await app.request('GET', '/api/v1/audit-log?action=content.', { session: admin })
      assert.equal(log.status, 200)
      const [latest] = log.body.items
      assert.deepEqual(
        [latest.action, latest.target, latest.before.title, latest.after.title],
        ['content.upsert', 'audit-demo', 'Alt', 'Neu'],
      )
      assert.deepEqual(latest.actor, { type: 'user', id: app.workspace.users.admin.id })
      const actions = (
        await app.request('GET', '/api/v1/audit-log?limit=500', { session: admin })
      ).body.items.map((entry: { action: string }) => entry.action)
      for (const action of [
        'user.create',
        'user.update',
        'user.password_reset',
        'session.password_change',
        'session.sign_in',
      ]) {
        assert.ok(actions.includes(action), `missing ${action}`)
      }
      const rep = await app.login(app.workspace.users.sales.email)
      assert.equal((await app.request('GET', '/api/v1/audit-log', { session: rep })).status, 403)
    })

    test('the application cannot change or delete audit entries', async () => {
      await assert.rejects(
        withWorkspace(app.db, app.workspace.id, (db) =>
          sql`update audit_log set action = 'forged'`.execute(db),
        ),
        /permission denied/,
      )
      await assert.rejects(
        withWorkspace(app.db, app.workspace.id, (db) => sql`delete from audit_log`.execute(db)),
        /permission denied/,
      )
    })
  })
}
