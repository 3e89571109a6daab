// Agreement governance over real HTTP: the statuses and problem bodies a client sees on the way from
// a draft to an active version, and the bad input it is told about.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`agreement governance API (${dialect})`, () => {
    let app: TestApp
    let source: string
    let as: Record<'admin' | 'marketing' | 'sales' | 'manager', TestSession>
    before(async () => {
      app = await startTestApp(dialect)
      source = (await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })).body.source
      const users = app.workspace.users
      as = {
        admin: await app.login(users.admin.email),
        marketing: await app.login(users.marketing.email),
        sales: await app.login(users.sales.email),
        manager: await app.login(users.manager.email),
      }
    })
    after(async () => app.close())

    const lowered = () => source.replace('{ score: engagement, gte: 50 }', '{ score: engagement, gte: 40 }')
    const post = (path: string, session: TestSession, body: unknown = {}) =>
      app.request('POST', `/api/v1/agreement${path}`, { session, body })
    const draft = async (text = lowered()) => {
      const created = await post('/drafts', as.marketing, { source: text })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      return created.body.version as number
    }
    const isProblem = (
      response: { status: number; headers: Headers; body: { code: string } },
      status: number,
      code: string,
    ) => {
      assert.equal(response.status, status, JSON.stringify(response.body))
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/)
      assert.equal(response.body.code, code)
    }

    test('takes a draft through proposal and both sides’ approval to the active version', async () => {
      const version = await draft(source)
      const edited = await app.request('PUT', `/api/v1/agreement/versions/${version}`, {
        session: as.marketing,
        body: lowered(),
        contentType: 'application/yaml',
      })
      assert.equal(edited.status, 200)
      assert.deepEqual([edited.body.status, edited.body.errors], ['draft', []])

      const proposed = await app.request('POST', `/api/v1/agreement/versions/${version}/propose`, {
        session: as.marketing,
      })
      assert.equal(proposed.status, 200, JSON.stringify(proposed.body))
      assert.deepEqual([proposed.body.status, proposed.body.missing], ['proposed', ['marketing', 'sales']])

      const frozen = await app.request('PUT', `/api/v1/agreement/versions/${version}`, {
        session: as.marketing,
        body: { source },
      })
      isProblem(frozen, 409, 'AGREEMENT_FROZEN')

      const early = await post(`/versions/${version}/activate`, as.marketing)
      isProblem(early, 409, 'APPROVAL_MISSING')
      assert.deepEqual(early.body.missing, ['marketing', 'sales'])

      const byMarketing = await post(`/versions/${version}/approve`, as.marketing, { comment: 'Passt' })
      assert.equal(byMarketing.status, 200)
      assert.deepEqual(byMarketing.body.missing, ['sales'])
      assert.equal(byMarketing.body.approvals.marketing.comment, 'Passt')

      const halfway = await post(`/versions/${version}/activate`, as.marketing)
      isProblem(halfway, 409, 'APPROVAL_MISSING')
      assert.match(halfway.body.detail, /needs an approval from sales\b/)
      assert.deepEqual(halfway.body.missing, ['sales'])

      const bySales = await post(`/versions/${version}/approve`, as.manager)
      assert.deepEqual([bySales.body.status, bySales.body.missing], ['approved', []])

      const activated = await post(`/versions/${version}/activate`, as.marketing, { comment: 'Los' })
      assert.equal(activated.status, 200)
      assert.equal(activated.body.status, 'active')
      const active = await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })
      assert.equal(active.body.version, version)

      const reviews = await app.request('GET', `/api/v1/agreement/versions/${version}/reviews`, {
        key: app.workspace.keys.read,
      })
      assert.equal(reviews.status, 200)
      assert.deepEqual(
        reviews.body.items.map((item: { action: string; side: string | null; actorName: string | null }) => [
          item.action,
          item.side,
          item.actorName,
        ]),
        [
          ['drafted', null, 'marketing'],
          ['edited', null, 'marketing'],
          ['proposed', null, 'marketing'],
          ['approved', 'marketing', 'marketing'],
          ['approved', 'sales', 'manager'],
          ['activated', null, 'marketing'],
        ],
      )
      source = active.body.source
    })

    test('refuses approvals from people who cannot give them', async () => {
      const version = await draft()
      await post(`/versions/${version}/propose`, as.marketing)
      isProblem(await post(`/versions/${version}/approve`, as.sales), 403, 'APPROVAL_NOT_ALLOWED')
      const byKey = await app.request('POST', `/api/v1/agreement/versions/${version}/approve`, {
        key: app.workspace.keys.admin,
        body: {},
      })
      isProblem(byKey, 403, 'FORBIDDEN')
      const sideless = await post(`/versions/${version}/approve`, as.admin)
      isProblem(sideless, 422, 'APPROVAL_SIDE_REQUIRED')
      assert.equal(sideless.body.field, 'side')
      assert.equal((await post(`/versions/${version}/approve`, as.admin, { side: 'sales' })).status, 200)
      isProblem(
        await post(`/versions/${version}/approve`, as.admin, { side: 'marketing' }),
        409,
        'ALREADY_APPROVED',
      )
      isProblem(await post(`/versions/${version}/withdraw`, as.manager), 403, 'FORBIDDEN')
      const withdrawn = await post(`/versions/${version}/withdraw`, as.marketing)
      assert.deepEqual([withdrawn.status, withdrawn.body.status], [200, 'withdrawn'])
    })

    test('sends a proposal back to draft only with a comment', async () => {
      const version = await draft()
      await post(`/versions/${version}/propose`, as.marketing)
      const bare = await post(`/versions/${version}/request-changes`, as.manager)
      isProblem(bare, 400, 'VALIDATION_FAILED')
      assert.equal(bare.body.errors[0].path, 'body/comment')
      const back = await post(`/versions/${version}/request-changes`, as.manager, {
        comment: 'Zu viele MQLs',
      })
      assert.equal(back.status, 200)
      assert.equal(back.body.status, 'draft')
      const reviews = await app.request('GET', `/api/v1/agreement/versions/${version}/reviews`, {
        session: as.sales,
      })
      assert.deepEqual(
        {
          action: reviews.body.items.at(-1).action,
          side: reviews.body.items.at(-1).side,
          comment: reviews.body.items.at(-1).comment,
        },
        { action: 'changes_requested', side: 'sales', comment: 'Zu viele MQLs' },
      )
    })

    test('keeps an invalid draft with located errors and refuses to propose it', async () => {
      const broken = source.replace('halfLifeDays: 30 #', 'halfLifeDays: -3 #')
      const created = await app.request('POST', '/api/v1/agreement/drafts', {
        session: as.marketing,
        body: broken,
        contentType: 'application/yaml',
      })
      assert.equal(created.status, 201)
      assert.ok(created.body.errors.length > 0)
      const proposed = await post(`/versions/${created.body.version}/propose`, as.marketing)
      isProblem(proposed, 422, 'AGREEMENT_INVALID')
      assert.ok(
        proposed.body.errors.some((issue: { path: string; line?: number }) => issue.line !== undefined),
      )
    })

    test('answers bad input with a problem naming the field, and an unknown version with 404', async () => {
      const empty = await post('/drafts', as.marketing, {})
      isProblem(empty, 400, 'VALIDATION_FAILED')
      assert.match(empty.body.detail, /source/)
      const badSide = await post('/versions/1/approve', as.admin, { side: 'finance' })
      isProblem(badSide, 400, 'VALIDATION_FAILED')
      assert.equal(badSide.body.errors[0].path, 'body/side')
      const badVersion = await post('/versions/abc/propose', as.marketing)
      isProblem(badVersion, 400, 'VALIDATION_FAILED')
      assert.match(badVersion.body.errors[0].path, /version/)
      const unknown = await post('/versions/999/activate', as.marketing)
      isProblem(unknown, 404, 'AGREEMENT_NOT_FOUND')
      assert.match(unknown.body.detail, /999/)
      const unknownCopy = await post('/drafts', as.marketing, { copyOf: 999 })
      isProblem(unknownCopy, 404, 'AGREEMENT_NOT_FOUND')
      const reviews = await app.request('GET', '/api/v1/agreement/versions/999/reviews', {
        key: app.workspace.keys.read,
      })
      isProblem(reviews, 404, 'AGREEMENT_NOT_FOUND')
    })

    test('activates a draft alone only once an admin allows single-party activation', async () => {
      const settings = () => app.request('GET', '/api/v1/settings/governance', { session: as.sales })
      assert.deepEqual((await settings()).body, { singlePartyActivation: false })
      const version = await draft()
      isProblem(await post(`/versions/${version}/activate`, as.marketing), 409, 'APPROVAL_MISSING')
      const byMarketing = await app.request('PUT', '/api/v1/settings/governance', {
        session: as.marketing,
        body: { singlePartyActivation: true },
      })
      isProblem(byMarketing, 403, 'FORBIDDEN')
      const allowed = await app.request('PUT', '/api/v1/settings/governance', {
        key: app.workspace.keys.admin,
        body: { singlePartyActivation: true },
      })
      assert.deepEqual([allowed.status, allowed.body], [200, { singlePartyActivation: true }])
      const activated = await post(`/versions/${version}/activate`, as.marketing)
      assert.equal(activated.status, 200)
      assert.equal(activated.body.status, 'active')
      const audit = await app.request('GET', '/api/v1/audit-log?action=agreement.activated', {
        key: app.workspace.keys.admin,
      })
      assert.equal(audit.body.items[0].action, 'agreement.activated.single_party')
      await app.request('PUT', '/api/v1/settings/governance', {
        key: app.workspace.keys.admin,
        body: { singlePartyActivation: false },
      })
      assert.deepEqual((await settings()).body, { singlePartyActivation: false })
    })
  })
}
