import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { ingestSalLeads, openDeal, type BoardAuth } from '../../testing/board-leads.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`bulk actions (${dialect})`, () => {
    let app: TestApp
    let rep: BoardAuth
    let manager: BoardAuth
    let ids: Map<string, string>
    const id = (email: string) => ids.get(email)!

    before(async () => {
      app = await startTestApp(dialect)
      const { sales, sales2, manager: salesManager } = app.workspace.users
      ids = await ingestSalLeads(app, [
        { email: 'a@bulk.de', owner: sales.email },
        { email: 'b@bulk.de', owner: sales.email },
        { email: 'c@bulk.de', owner: sales.email },
        { email: 'd@bulk.de', owner: sales.email },
        { email: 'e@bulk.de', owner: sales.email },
        { email: 'foreign@bulk.de', owner: sales2.email },
      ])
      rep = { session: await app.login(sales.email) }
      manager = { session: await app.login(salesManager.email) }
      await openDeal(app, rep, id('d@bulk.de'), 12_000)
    })
    after(async () => app.close())

    const bulk = (auth: BoardAuth, body: unknown) =>
      app.request('POST', '/api/v1/leads/bulk-actions', { ...auth, body })
    const stageOf = async (email: string) =>
      (await app.request('GET', `/api/v1/leads/${id(email)}`, { key: app.workspace.keys.admin })).body.stage

    test('recycles what the rep may recycle and reports, per lead, what they may not see or move', async () => {
      const leadIds = [id('a@bulk.de'), id('foreign@bulk.de'), id('b@bulk.de'), id('d@bulk.de')]
      const response = await bulk(rep, { leadIds, command: { action: 'recycle', reason: 'bad_timing' } })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.equal(response.body.applied, 2)
      assert.equal(response.body.failed, 2)
      const results = response.body.results as Array<{
        leadId: string
        ok: boolean
        code?: string
        stage?: string
      }>
      assert.deepEqual(
        results.map((result) => [result.leadId, result.ok, result.code ?? result.stage]),
        [
          [id('a@bulk.de'), true, 'recycled'],
          [id('foreign@bulk.de'), false, 'LEAD_NOT_FOUND'],
          [id('b@bulk.de'), true, 'recycled'],
          [id('d@bulk.de'), false, 'ILLEGAL_TRANSITION'],
        ],
      )
      assert.equal(await stageOf('a@bulk.de'), 'recycled')
      assert.equal(await stageOf('b@bulk.de'), 'recycled')
      assert.equal(await stageOf('foreign@bulk.de'), 'sal')
      assert.equal(await stageOf('d@bulk.de'), 'opportunity')
      // Audited exactly for the leads that moved.
      const audit = await app.request('GET', '/api/v1/audit-log?action=lead.recycle', {
        key: app.workspace.keys.admin,
      })
      assert.deepEqual(
        (audit.body.items as Array<{ target: string }>).map((entry) => entry.target).sort(),
        [id('a@bulk.de'), id('b@bulk.de')].sort(),
      )
    })

    test('a reason the agreement does not know fails each lead with UNKNOWN_REASON and changes nothing', async () => {
      const response = await bulk(rep, {
        leadIds: [id('c@bulk.de')],
        command: { action: 'recycle', reason: 'weather' },
      })
      assert.equal(response.status, 200)
      assert.equal(response.body.results[0].code, 'UNKNOWN_REASON')
      assert.equal(await stageOf('c@bulk.de'), 'sal')
    })

    test('a manager assigns several leads to a rep; a rep may not, and an unknown rep is refused for all', async () => {
      const { sales2 } = app.workspace.users
      const leadIds = [id('c@bulk.de'), id('e@bulk.de')]
      const refused = await bulk(rep, { leadIds, command: { action: 'assign', rep: sales2.email } })
      assert.equal(refused.status, 403)
      const unknown = await bulk(manager, { leadIds, command: { action: 'assign', rep: 'ghost@acme.test' } })
      assert.equal(unknown.status, 422)
      assert.equal(unknown.body.code, 'UNKNOWN_REP')
      const assigned = await bulk(manager, { leadIds, command: { action: 'assign', rep: sales2.email } })
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body))
      assert.equal(assigned.body.applied, 2)
      for (const leadId of leadIds) {
        const lead = await app.request('GET', `/api/v1/leads/${leadId}`, { key: app.workspace.keys.admin })
        assert.equal(lead.body.owner?.id ?? lead.body.ownerId, sales2.id, JSON.stringify(lead.body.owner))
      }
    })

    test('adds a follow-up task to each lead the rep may work, skipping the others', async () => {
      const leadIds = [id('d@bulk.de'), id('foreign@bulk.de')]
      const response = await bulk(rep, {
        leadIds,
        command: { action: 'add_task', title: 'Nachfassen', dueAt: '2026-11-05T09:00:00Z' },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.deepEqual(
        response.body.results.map((result: { ok: boolean }) => result.ok),
        [true, false],
      )
      const tasks = await app.db
        .selectFrom('tasks')
        .select(['lead_id', 'owner_id', 'title'])
        .where('workspace_id', '=', app.workspace.id)
        .execute()
      assert.deepEqual(tasks, [
        { lead_id: id('d@bulk.de'), owner_id: app.workspace.users.sales.id, title: 'Nachfassen' },
      ])
    })

    test('bad input is a 400 problem naming the field', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{ leadIds: [], command: { action: 'recycle', reason: 'bad_timing' } }, /leadIds/],
        [{ leadIds: ['not-a-uuid'], command: { action: 'recycle', reason: 'bad_timing' } }, /leadIds/],
        [
          {
            leadIds: Array.from(
              { length: 501 },
              (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
            ),
            command: { action: 'recycle', reason: 'bad_timing' },
          },
          /leadIds/,
        ],
        [{ leadIds: [id('c@bulk.de')], command: { action: 'win' } }, /command/],
        [{ leadIds: [id('c@bulk.de')], command: { action: 'recycle' } }, /reason/],
        [{ leadIds: [id('c@bulk.de')] }, /command/],
      ]
      for (const [body, field] of cases) {
        const response = await bulk(rep, body)
        assert.equal(response.status, 400, JSON.stringify(body).slice(0, 200))
        assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/)
        assert.match(JSON.stringify(response.body), field)
      }
    })
  })
}
