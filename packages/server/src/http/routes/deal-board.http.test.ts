import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { ingestSalLeads, openDeal, type BoardAuth } from '../../testing/board-leads.ts'

type Column = {
  id: string
  probability: number | null
  count: number
  totals: Array<{ currency: string; amount: number; weighted: number | null }>
}

for (const dialect of TEST_DIALECTS) {
  describe(`deal board (${dialect})`, () => {
    let app: TestApp
    let rep: BoardAuth
    let otherRep: BoardAuth
    let ids: Map<string, string>

    before(async () => {
      app = await startTestApp(dialect)
      const { sales, sales2 } = app.workspace.users
      ids = await ingestSalLeads(app, [
        { email: 'anna@guss-werk.de', owner: sales.email },
        { email: 'bernd@guss-werk.de', owner: sales.email },
        { email: 'clara@press-technik.de', owner: sales.email },
        { email: 'dora@fremd.de', owner: sales2.email },
      ])
      rep = { session: await app.login(sales.email) }
      otherRep = { session: await app.login(sales2.email) }
      await openDeal(app, rep, ids.get('anna@guss-werk.de')!, 40_000)
      await openDeal(app, rep, ids.get('bernd@guss-werk.de')!, 10_000)
      await openDeal(app, rep, ids.get('clara@press-technik.de')!, 5_000, 'CHF')
      await openDeal(app, otherRep, ids.get('dora@fremd.de')!, 99_000)
    })
    after(async () => app.close())

    const board = async (auth: BoardAuth) => {
      const response = await app.request('GET', '/api/v1/pipeline/deals', auth)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body as {
        movable: boolean
        columns: Column[]
        deals: Array<{ leadId: string; dealStage: string }>
      }
    }
    const move = (auth: BoardAuth, email: string, dealStage: unknown) =>
      app.request('POST', `/api/v1/leads/${ids.get(email)}/actions`, {
        ...auth,
        body: { action: 'move_deal', dealStage },
      })

    test("a new deal starts in the agreement's first deal stage, with totals per currency weighted by its probability", async () => {
      const { movable, columns, deals } = await board(rep)
      assert.equal(movable, true)
      assert.deepEqual(
        columns.map((column) => [column.id, column.probability]),
        [
          ['discovery', 10],
          ['demo', 30],
          ['proposal', 60],
          ['negotiation', 80],
        ],
      )
      // The rep sees their three deals, not the other rep's.
      assert.equal(deals.length, 3)
      assert.deepEqual(columns[0]!.totals, [
        { currency: 'EUR', amount: 50_000, weighted: 5_000 },
        { currency: 'CHF', amount: 5_000, weighted: 500 },
      ])
      assert.equal(columns[0]!.count, 3)
    })

    test('moving a deal changes its column and the totals, and keeps the lead an opportunity', async () => {
      const moved = await move(rep, 'anna@guss-werk.de', 'proposal')
      assert.equal(moved.status, 200, JSON.stringify(moved.body))
      assert.equal(moved.body.stage, 'opportunity')
      const { columns, deals } = await board(rep)
      const proposal = columns.find((column) => column.id === 'proposal')!
      assert.equal(proposal.count, 1)
      assert.deepEqual(proposal.totals, [{ currency: 'EUR', amount: 40_000, weighted: 24_000 }])
      assert.deepEqual(columns[0]!.totals[0], { currency: 'EUR', amount: 10_000, weighted: 1_000 })
      assert.equal(deals.find((deal) => deal.leadId === ids.get('anna@guss-werk.de'))!.dealStage, 'proposal')
      const audit = await app.request('GET', '/api/v1/audit-log?action=lead.move_deal', {
        key: app.workspace.keys.admin,
      })
      assert.equal(audit.body.items.length, 1)
      assert.equal(audit.body.items[0].target, ids.get('anna@guss-werk.de'))
    })

    test('a stage the agreement does not list is refused with 422 and the stages it does', async () => {
      const refused = await move(rep, 'bernd@guss-werk.de', 'won')
      assert.equal(refused.status, 422)
      assert.equal(refused.body.code, 'UNKNOWN_DEAL_STAGE')
      assert.deepEqual(refused.body.allowed, ['discovery', 'demo', 'proposal', 'negotiation'])
    })

    test('bad input is a 400 naming the field', async () => {
      const missing = await move(rep, 'bernd@guss-werk.de', undefined)
      assert.equal(missing.status, 400)
      assert.match(JSON.stringify(missing.body.errors), /dealStage/)
      const empty = await move(rep, 'bernd@guss-werk.de', '')
      assert.equal(empty.status, 400)
      assert.match(JSON.stringify(empty.body.errors), /dealStage/)
    })

    test('a lead that is no opportunity cannot be moved (409), and another rep’s deal does not exist for a rep', async () => {
      const [sal] = await ingestSalLeads(app, [
        { email: 'erik@guss-werk.de', owner: app.workspace.users.sales.email },
      ]).then((map) => [...map.values()])
      const notOpen = await app.request('POST', `/api/v1/leads/${sal}/actions`, {
        ...rep,
        body: { action: 'move_deal', dealStage: 'demo' },
      })
      assert.equal(notOpen.status, 409)
      assert.equal(notOpen.body.code, 'ILLEGAL_TRANSITION')
      const foreign = await move(rep, 'dora@fremd.de', 'demo')
      assert.equal(foreign.status, 404)
    })

    test('a moved deal keeps its stage when the lead is folded again from its log', async () => {
      await app.replaceAgreement((source) => source.replace('probability: 60', 'probability: 50'))
      const { columns } = await board(rep)
      const proposal = columns.find((column) => column.id === 'proposal')!
      assert.equal(proposal.count, 1)
      assert.deepEqual(proposal.totals, [{ currency: 'EUR', amount: 40_000, weighted: 20_000 }])
    })
  })
}
