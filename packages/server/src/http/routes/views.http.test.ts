import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'

type View = { id: string; name: string; shared: boolean; filters: Record<string, unknown>; editable: boolean }

for (const dialect of TEST_DIALECTS) {
  describe(`saved views (${dialect})`, () => {
    let app: TestApp
    let rep: TestSession
    let otherRep: TestSession
    let admin: TestSession

    before(async () => {
      app = await startTestApp(dialect)
      rep = await app.login(app.workspace.users.sales.email)
      otherRep = await app.login(app.workspace.users.sales2.email)
      admin = await app.login(app.workspace.users.admin.email)
    })
    after(async () => app.close())

    const names = async (session: TestSession) => {
      const response = await app.request('GET', '/api/v1/views', { session })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return (response.body.items as View[]).map((view) => view.name)
    }
    const create = async (session: TestSession, body: unknown) => {
      const response = await app.request('POST', '/api/v1/views', { session, body })
      assert.equal(response.status, 201, JSON.stringify(response.body))
      return response.body as View
    }

    test('a personal view is the owner’s alone; a shared one everyone in the workspace sees', async () => {
      const mine = await create(rep, {
        name: 'Meine heißen SALs',
        filters: { stage: ['sal'], owner: 'me', minEngagement: 20, sort: 'fit', order: 'asc' },
      })
      assert.deepEqual(mine.filters, {
        stage: ['sal'],
        owner: 'me',
        minEngagement: 20,
        sort: 'fit',
        order: 'asc',
      })
      assert.equal(mine.shared, false)
      assert.equal(mine.editable, true)
      await create(rep, { name: 'Messe-Leads', shared: true, filters: { source: 'trade_fair' } })
      assert.deepEqual(await names(rep), ['Meine heißen SALs', 'Messe-Leads'])
      assert.deepEqual(await names(otherRep), ['Messe-Leads'])
      assert.deepEqual(await names(admin), ['Messe-Leads'], 'personal views stay personal, even for admins')
      const seen = (await app.request('GET', '/api/v1/views', { session: otherRep })).body.items[0] as View
      assert.equal(seen.editable, false)
      // Another workspace sees neither.
      const elsewhere = await app.addWorkspace('other')
      const stranger = await app.login(elsewhere.users.sales.email, 'other')
      assert.deepEqual(await names(stranger), [])
    })

    test('only the owner or an admin changes or deletes a view; another’s personal view is not found', async () => {
      const personal = await create(rep, { name: 'Privat', filters: {} })
      const shared = await create(rep, { name: 'Team', shared: true, filters: { stage: ['mql'] } })
      const byOther = await app.request('PATCH', `/api/v1/views/${shared.id}`, {
        session: otherRep,
        body: { name: 'Übernommen' },
      })
      assert.equal(byOther.status, 403)
      const deleteByOther = await app.request('DELETE', `/api/v1/views/${shared.id}`, { session: otherRep })
      assert.equal(deleteByOther.status, 403)
      const hidden = await app.request('PATCH', `/api/v1/views/${personal.id}`, {
        session: otherRep,
        body: { shared: true },
      })
      assert.equal(hidden.status, 404)
      const renamed = await app.request('PATCH', `/api/v1/views/${shared.id}`, {
        session: rep,
        body: { name: 'Team-MQLs', filters: { stage: ['mql', 'sal'] } },
      })
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body))
      assert.equal(renamed.body.name, 'Team-MQLs')
      assert.deepEqual(renamed.body.filters, { stage: ['mql', 'sal'] })
      const unshared = await app.request('PATCH', `/api/v1/views/${shared.id}`, {
        session: admin,
        body: { shared: false },
      })
      assert.equal(unshared.status, 200)
      assert.ok(!(await names(otherRep)).includes('Team-MQLs'))
      const deleted = await app.request('DELETE', `/api/v1/views/${personal.id}`, { session: rep })
      assert.equal(deleted.status, 204)
      assert.ok(!(await names(rep)).includes('Privat'))
      const again = await app.request('DELETE', `/api/v1/views/${personal.id}`, { session: rep })
      assert.equal(again.status, 404)
    })

    test('bad input is a 400 problem naming the field', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{ filters: {} }, /name/],
        [{ name: '   ', filters: {} }, /name/],
        [{ name: 'x'.repeat(101), filters: {} }, /name/],
        [{ name: 'Falsche Stufe', filters: { stage: ['hot'] } }, /stage/],
        [{ name: 'Falsche Zahl', filters: { minFit: 'viel' } }, /minFit/],
        [{ name: 'Ohne Filter' }, /filters/],
        [{ name: 'Geteilt?', shared: 'ja', filters: {} }, /shared/],
      ]
      for (const [body, field] of cases) {
        const response = await app.request('POST', '/api/v1/views', { session: rep, body })
        assert.equal(response.status, 400, JSON.stringify(body))
        assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/)
        assert.match(JSON.stringify(response.body.errors), field, JSON.stringify(response.body))
      }
      const empty = await app.request('PATCH', '/api/v1/views/00000000-0000-4000-8000-000000000000', {
        session: rep,
        body: {},
      })
      assert.equal(empty.status, 400)
      const notUuid = await app.request('DELETE', '/api/v1/views/abc', { session: rep })
      assert.equal(notUuid.status, 400)
    })

    test('API keys own no views', async () => {
      const response = await app.request('GET', '/api/v1/views', { key: app.workspace.keys.admin })
      assert.equal(response.status, 403)
    })
  })
}
