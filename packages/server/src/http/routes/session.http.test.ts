import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts'
import { createWorkspace } from '../../services/create-workspace.ts'
import { DEMO_AGREEMENT_PATH } from '../../demo/seed-demo-workspace.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`the session names the workspace's time zone (${dialect})`, () => {
    let app: TestApp
    before(async () => {
      app = await startTestApp(dialect)
      // Set up as `takt init --timezone America/New_York` would.
      await createWorkspace(
        app.db,
        {
          slug: 'nyc',
          name: 'New York plant',
          timezone: 'America/New_York',
          admin: { email: 'admin@nyc.test', name: 'Admin', password: TEST_PASSWORD },
          agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
        },
        new Date('2026-01-01T00:00:00Z'),
      )
    })
    after(async () => app.close())

    test('signing in and asking who I am both give the zone the UI shows dates in', async () => {
      const signedIn = await app.request('POST', '/api/v1/session', {
        body: { workspace: 'nyc', email: 'admin@nyc.test', password: TEST_PASSWORD },
      })
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body))
      assert.equal(signedIn.body.workspace.timezone, 'America/New_York')
      const session = await app.login('admin@nyc.test', 'nyc')
      const me = await app.request('GET', '/api/v1/session', { session })
      assert.equal(me.status, 200)
      assert.deepEqual(
        { slug: me.body.workspace.slug, timezone: me.body.workspace.timezone },
        { slug: 'nyc', timezone: 'America/New_York' },
      )
    })

    test('a workspace created without one is in Europe/Berlin, also for API keys', async () => {
      const me = await app.request('GET', '/api/v1/session', { key: app.workspace.keys.read })
      assert.equal(me.status, 200)
      assert.equal(me.body.user, null)
      assert.equal(me.body.workspace.timezone, 'Europe/Berlin')
    })
  })
}
