// Every /api/v1 route × every kind of caller, generated from the app's route table: routes added
// later join the matrix without anyone listing them here.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { buildApp } from '../app.ts'
import type { RouteEntry } from '../authenticate.ts'
import { changedTables, fingerprintData, waitForSettledWrites } from './data-fingerprint.ts'
import {
  ANONYMOUS,
  authOf,
  callersOf,
  fillPath,
  isCallerAllowed,
  leakedMarks,
  loadRouteTable,
  renewSession,
  seedTenant,
  type Caller,
  type Tenant,
} from './security-fixture.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What is wrong with the answer a caller got, if anything. */
function accessViolation(route: RouteEntry, caller: Caller, status: number): string | undefined {
  if (status >= 500) return `answered ${status}`
  if (route.access === 'public')
    return status === 401 || status === 403 ? `public route answered ${status}` : undefined
  if (!caller.workspace) return status === 401 ? undefined : `expected 401, got ${status}`
  if (isCallerAllowed(route.access, caller))
    return status === 401 || status === 403 ? `allowed by "${route.access}", got ${status}` : undefined
  return status === 403 ? undefined : `not allowed by "${route.access}": expected 403, got ${status}`
}

// Authorization is decided before the body is read, so an empty object is enough and changes nothing
// for the callers that get past it (their request fails validation instead).
async function callRoute(app: TestApp, route: RouteEntry, caller: Caller, path: string) {
  const response = await app.request(route.method, path, {
    ...authOf(caller),
    ...(SAFE_METHODS.has(route.method) || route.method === 'DELETE' ? {} : { body: {} }),
  })
  if (!SAFE_METHODS.has(route.method)) await renewSession(app, caller)
  return response
}

for (const dialect of TEST_DIALECTS) {
  describe(`permission matrix (${dialect})`, () => {
    let app: TestApp
    let routes: RouteEntry[]
    let home: Tenant
    let callers: Caller[]
    let strangers: Caller[]
    before(async () => {
      app = await startTestApp(dialect)
      const otherWorkspace = await app.addWorkspace('tenant-b')
      home = await seedTenant(app, app.workspace, 'Alphadreh')
      await seedTenant(app, otherWorkspace, 'Zetafein')
      routes = await loadRouteTable(app)
      callers = [ANONYMOUS, ...(await callersOf(app, app.workspace))]
      const others = await callersOf(app, otherWorkspace, 'other workspace ')
      strangers = others.filter((caller) => caller.role === 'admin' || caller.scope === 'admin')
    })
    after(async () => app.close())

    test('the route table holds every operation of the published API document', async () => {
      const document = (await app.request('GET', '/api/v1/openapi.json')).body as {
        paths: Record<string, Record<string, unknown>>
      }
      const listed = new Set(routes.map((route) => `${route.method} ${route.url}`))
      const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      assert.ok(documented.length > 10)
      assert.deepEqual(
        documented.filter((operation) => !listed.has(operation)),
        [],
      )
    })

    test('callers of another workspace neither see nor change anything of this workspace', async () => {
      const problems: string[] = []
      for (const route of routes) {
        const { path, tenantIds } = fillPath(route.url, home)
        for (const caller of strangers) {
          const before = await fingerprintData(app.db, home.workspace.id)
          const response = await callRoute(app, route, caller, path)
          const where = `${caller.name} ${route.method} ${path} → ${response.status}`
          const violation = accessViolation(route, caller, response.status)
          if (violation) problems.push(`${where}: ${violation}`)
          const leaked = leakedMarks(response.body, home, path)
          if (leaked.length > 0) problems.push(`${where}: shows ${leaked.join(', ')}`)
          if (tenantIds && SAFE_METHODS.has(route.method) && response.status !== 404)
            problems.push(`${where}: expected 404 for an id of another workspace`)
          await waitForSettledWrites(app.db)
          const changed = changedTables(before, await fingerprintData(app.db, home.workspace.id))
          if (changed.length > 0) problems.push(`${where}: changed ${changed.join('; ')}`)
        }
      }
      assert.deepEqual(problems, [])
    })

    test('every route answers every caller of the workspace as ACCESS_RULES say', async (t) => {
      for (const route of routes) {
        await t.test(`${route.method} ${route.url} (${route.access})`, async () => {
          const { path } = fillPath(route.url, home)
          const problems: string[] = []
          for (const caller of callers) {
            const response = await callRoute(app, route, caller, path)
            const violation = accessViolation(route, caller, response.status)
            if (violation) problems.push(`${caller.name}: ${violation} (${JSON.stringify(response.body)})`)
          }
          assert.deepEqual(problems, [])
        })
      }
    })

    test('a key works as soon as its creation is answered and is refused as soon as its revocation is', async () => {
      const problems: string[] = []
      for (let round = 0; round < 50; round++) {
        const created = await app.request('POST', '/api/v1/api-keys', {
          key: app.workspace.keys.admin,
          body: { name: `instant ${round}`, scope: 'read' },
        })
        const first = await app.request('GET', '/api/v1/session', { key: created.body.key })
        if (first.status !== 200) problems.push(`round ${round}: new key got ${first.status}`)
        const revoked = await app.request('DELETE', `/api/v1/api-keys/${created.body.id}`, {
          key: app.workspace.keys.admin,
        })
        if (revoked.status !== 204)
          problems.push(`round ${round}: revoking the new key got ${revoked.status}`)
        const after = await app.request('GET', '/api/v1/session', { key: created.body.key })
        if (after.status !== 401) problems.push(`round ${round}: revoked key got ${after.status}`)
      }
      assert.deepEqual(problems, [])
    })

    test('a route registered without an access entry stops the app from starting', async () => {
      const options = { db: app.db, clock: app.clock.now, secureCookies: false, logLevel: 'silent' }
      const forgetful = await buildApp(options)
      forgetful.register(async (api) => api.get('/forgotten', async () => ({ secret: true })), {
        prefix: '/api/v1',
      })
      await assert.rejects(async () => forgetful.ready(), /GET \/api\/v1\/forgotten declares no access entry/)
      await forgetful.close().catch(() => undefined)

      // The same route with an entry joins the route table, and with it this matrix.
      const careful = await buildApp(options)
      careful.register(
        async (api) => api.get('/remembered', { config: { access: 'admin' } }, async () => ({ ok: true })),
        { prefix: '/api/v1' },
      )
      await careful.ready()
      assert.ok(
        careful.routeTable.some(
          (route) => route.method === 'GET' && route.url === '/api/v1/remembered' && route.access === 'admin',
        ),
      )
      await careful.close()
    })
  })
}
