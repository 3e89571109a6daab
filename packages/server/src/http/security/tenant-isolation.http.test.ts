// Two workspaces, each with a lead of the same e-mail and its own data: no GET route of the route
// table (including routes added later) shows a caller anything that belongs to the other workspace.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import type { RouteEntry } from '../authenticate.ts'
import {
  authOf,
  callersOf,
  fillPath,
  leakedMarks,
  loadRouteTable,
  seedTenant,
  SHARED_EMAIL,
  type Caller,
  type Tenant,
} from './security-fixture.ts'

// Each GET is asked plainly and with a search for the shared address; routes without a `q`
// parameter drop or ignore it.
const QUERIES = ['', `?q=${encodeURIComponent(SHARED_EMAIL)}`]

for (const dialect of TEST_DIALECTS) {
  describe(`tenant isolation (${dialect})`, () => {
    let app: TestApp
    let reads: RouteEntry[]
    const tenants: Array<{ tenant: Tenant; callers: Caller[] }> = []
    before(async () => {
      app = await startTestApp(dialect)
      const second = await app.addWorkspace('tenant-b')
      for (const [workspace, word] of [
        [app.workspace, 'Alphadreh'],
        [second, 'Zetafein'],
      ] as const) {
        const tenant = await seedTenant(app, workspace, word)
        tenants.push({ tenant, callers: await callersOf(app, workspace) })
      }
      reads = (await loadRouteTable(app)).filter((route) => route.method === 'GET')
    })
    after(async () => app.close())

    test('each workspace finds its own lead under the shared address, with its own data', async () => {
      const found = []
      for (const { tenant } of tenants) {
        const key = tenant.workspace.keys.read
        const list = await app.request('GET', `/api/v1/leads?q=${SHARED_EMAIL}`, { key })
        assert.deepEqual(
          list.body.items.map((lead: { id: string }) => lead.id),
          [tenant.leadId],
        )
        const detail = await app.request('GET', `/api/v1/leads/${tenant.leadId}`, { key })
        assert.equal(detail.status, 200)
        assert.match(detail.body.title, new RegExp(tenant.word))
        found.push(tenant.leadId)
      }
      assert.notEqual(found[0], found[1])
    })

    for (const [viewer, hidden] of [
      [0, 1],
      [1, 0],
    ] as const) {
      test(`no GET route shows callers of workspace ${viewer + 1} anything of workspace ${hidden + 1}`, async (t) => {
        const { tenant: own, callers } = tenants[viewer]!
        const { tenant: other } = tenants[hidden]!
        for (const route of reads) {
          await t.test(route.url, async () => {
            // With the viewer's own ids and with the other workspace's ids (which must not resolve).
            const paths = new Set([fillPath(route.url, own).path, fillPath(route.url, other).path])
            const problems: string[] = []
            for (const path of paths) {
              for (const query of QUERIES) {
                for (const caller of callers) {
                  const response = await app.request('GET', `${path}${query}`, authOf(caller))
                  const where = `${caller.name} GET ${path}${query} → ${response.status}`
                  if (response.status >= 500) problems.push(`${where}: server error`)
                  const leaked = leakedMarks(response.body, other, `${path}${query}`)
                  if (leaked.length > 0) problems.push(`${where}: shows ${leaked.join(', ')}`)
                }
              }
            }
            assert.deepEqual(problems, [])
          })
        }
      })
    }
  })
}
