import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { ingestSalLeads } from '../../testing/board-leads.ts'

type Found = {
  leads: Array<{ id: string; email: string }>
  accounts: Array<{ id: string; domain: string; leads: number }>
}

for (const dialect of TEST_DIALECTS) {
  describe(`global search (${dialect})`, () => {
    let app: TestApp
    let rep: TestSession
    let manager: TestSession

    before(async () => {
      app = await startTestApp(dialect)
      const { sales, sales2 } = app.workspace.users
      await ingestSalLeads(app, [
        {
          email: 'katrin.mayer@stahl-sued.de',
          owner: sales.email,
          firstName: 'Katrin',
          lastName: 'Mayer',
          company: 'Stahl Süd AG',
        },
        {
          email: 'jens.mayer@walz-nord.de',
          owner: sales2.email,
          firstName: 'Jens',
          lastName: 'Mayer',
          company: 'Walz Nord GmbH',
        },
        {
          email: 'ole@walz-nord.de',
          owner: sales2.email,
          firstName: 'Ole',
          lastName: 'Berg',
          company: 'Walz Nord GmbH',
        },
      ])
      rep = await app.login(sales.email)
      manager = await app.login(app.workspace.users.manager.email)
    })
    after(async () => app.close())

    const search = async (q: string, session: TestSession) => {
      const response = await app.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { session })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body as Found
    }

    test('finds people by name and e-mail and companies by name and domain', async () => {
      const byName = await search('mayer', manager)
      assert.deepEqual(byName.leads.map((lead) => lead.email).sort(), [
        'jens.mayer@walz-nord.de',
        'katrin.mayer@stahl-sued.de',
      ])
      const byCompany = await search('Walz', manager)
      assert.deepEqual(byCompany.accounts, [
        { id: byCompany.accounts[0]!.id, name: 'Walz Nord GmbH', domain: 'walz-nord.de', leads: 2 },
      ])
      const byMail = await search('ole@walz', manager)
      assert.deepEqual(
        byMail.leads.map((lead) => lead.email),
        ['ole@walz-nord.de'],
      )
    })

    test('a rep finds only the leads they may see, and only companies with such a lead', async () => {
      const found = await search('mayer', rep)
      assert.deepEqual(
        found.leads.map((lead) => lead.email),
        ['katrin.mayer@stahl-sued.de'],
      )
      assert.deepEqual((await search('walz', rep)).accounts, [])
      assert.deepEqual(
        (await search('stahl', rep)).accounts.map((account) => account.leads),
        [1],
      )
    })

    test('fewer than two characters, or LIKE wildcards alone, find nothing by accident', async () => {
      for (const q of ['m', ' m ', '']) {
        const response = await app.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, {
          session: rep,
        })
        assert.equal(response.status, 400, q)
        assert.match(JSON.stringify(response.body), /q/)
      }
      assert.deepEqual(await search('%%', manager), { leads: [], accounts: [] })
    })
  })
}
