// Fields a caller may not set (owner, stage, scores, workspace, role, scope, ids, versions, authorship)
// sent along in request bodies change nothing: each case compares the stored rows with those of
// the same request sent without them (or, when the request is refused, with the rows before).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'yaml'
import { readFile } from 'node:fs/promises'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, TEST_PASSWORD, type TestApp, type TestWorkspace } from '../../testing/test-app.ts'
import { DEMO_AGREEMENT_PATH } from '../../demo/seed-demo-workspace.ts'
import { changedTables, fingerprintData, waitForSettledWrites, type Fingerprint } from './data-fingerprint.ts'
import { seedTenant } from './security-fixture.ts'

const FORGED_ID = '11111111-1111-4111-8111-111111111111'

/** Every field name a client might try, pointing at the other workspace and its admin. */
function forgedFields(other: TestWorkspace) {
  return {
    owner: other.users.admin.id,
    ownerId: other.users.admin.id,
    owner_id: other.users.admin.id,
    stage: 'customer',
    scores: { fit: 100, engagement: 100, total: 200 },
    fit: 100,
    engagement: 100,
    workspace_id: other.id,
    workspaceId: other.id,
    role: 'admin',
    scope: 'admin',
    id: FORGED_ID,
    version: 99,
    status: 'draft',
    createdBy: other.users.admin.id,
    created_by: other.users.admin.id,
  }
}

const LEAD_COLUMNS = ['workspace_id', 'stage', 'owner_id', 'fit_score', 'engagement_score', 'lane'] as const
const isSuccess = (status: number) => status >= 200 && status < 300

for (const dialect of TEST_DIALECTS) {
  describe(`mass assignment (${dialect})`, () => {
    let app: TestApp
    let home: TestWorkspace
    let other: TestWorkspace
    let otherBefore: Fingerprint
    const forged = () => forgedFields(other)

    const leadRow = (email: string) =>
      app.db
        .selectFrom('leads')
        .select(LEAD_COLUMNS)
        .where('email', '=', email)
        .execute()
        .then((rows) => rows)

    before(async () => {
      app = await startTestApp(dialect)
      home = app.workspace
      other = await app.addWorkspace('tenant-b')
      await seedTenant(app, other, 'Zetafein')
      otherBefore = await fingerprintData(app.db, other.id)
    })
    after(async () => {
      // Whatever each case did, the other workspace — every forged field's target — is untouched.
      assert.deepEqual(changedTables(otherBefore, await fingerprintData(app.db, other.id)), [])
      await app.close()
    })

    function touchpoint(email: string, extra: { event?: object; lead?: object } = {}) {
      return {
        id: `mass-${email}`,
        type: 'demo_request',
        occurredAt: '2026-11-01T09:00:00Z',
        contentId: 'demo',
        ...extra.event,
        lead: {
          email,
          title: 'Leiter Produktion',
          company: { domain: 'mass-metall.de', industry: 'maschinenbau', employees: 400, country: 'DE' },
          ...extra.lead,
        },
      }
    }

    test('ingestion: forged fields on the batch, the touchpoint, the lead and in free-form data set nothing', async () => {
      const key = home.keys.ingest
      const control = await app.request('POST', '/api/v1/events', {
        key,
        body: { events: [touchpoint('control@mass-metall.de')] },
      })
      assert.equal(control.body.accepted, 1, JSON.stringify(control.body))
      const [expected] = await leadRow('control@mass-metall.de')
      assert.ok(expected)
      const variants = {
        'batch@mass-metall.de': { body: { ...forged(), events: [touchpoint('batch@mass-metall.de')] } },
        'event@mass-metall.de': {
          body: { events: [touchpoint('event@mass-metall.de', { event: forged() })] },
        },
        'lead@mass-metall.de': { body: { events: [touchpoint('lead@mass-metall.de', { lead: forged() })] } },
        'free@mass-metall.de': {
          body: {
            events: [
              {
                ...touchpoint('free@mass-metall.de', { lead: { custom: scalars(forged()) } }),
                properties: scalars(forged()),
              },
            ],
          },
        },
      }
      for (const [email, { body }] of Object.entries(variants)) {
        const response = await app.request('POST', '/api/v1/events', { key, body })
        assert.ok(response.status < 500, `${email}: ${response.status}`)
        const rows = await leadRow(email)
        // Refused (the lead was never created) or stored exactly like the control lead.
        if (rows.length > 0) assert.deepEqual(rows, [expected], email)
      }
    })

    test('lead actions: forged fields next to an accept neither move nor reassign the lead', async () => {
      const emails = ['accept-control@mass-metall.de', 'accept-forged@mass-metall.de']
      const ingested = await app.request('POST', '/api/v1/events', {
        key: home.keys.ingest,
        body: { events: emails.map((email) => touchpoint(email)) },
      })
      const ids = Object.fromEntries(
        ingested.body.leads.map((lead: { email: string; id: string }) => [lead.email, lead.id]),
      ) as Record<string, string>
      const rep = await app.login(home.users.sales.email)
      const control = await app.request('POST', `/api/v1/leads/${ids[emails[0]!]}/actions`, {
        session: rep,
        body: { action: 'accept', note: 'ok' },
      })
      assert.equal(control.status, 200, JSON.stringify(control.body))
      const [before] = await leadRow(emails[1]!)
      const response = await app.request('POST', `/api/v1/leads/${ids[emails[1]!]}/actions`, {
        session: rep,
        body: { action: 'accept', note: 'ok', ...forged(), actor: { type: 'system' } },
      })
      assert.ok(response.status < 500, JSON.stringify(response.body))
      const [expected] = await leadRow(emails[0]!)
      assert.deepEqual(await leadRow(emails[1]!), [isSuccess(response.status) ? expected : before])
      const decisions = await app.db
        .selectFrom('decisions')
        .select(['workspace_id', 'kind', 'actor_type', 'actor_id', 'reason', 'note', 'data'])
        .where('lead_id', 'in', Object.values(ids))
        .orderBy('seq')
        .execute()
      const [plain, ...rest] = decisions
      assert.equal(plain?.actor_id, home.users.sales.id)
      // The forged accept is recorded exactly like the plain one, or not at all when it was refused.
      assert.deepEqual(rest, isSuccess(response.status) ? [plain] : [])
    })

    test('agreement replace: forged version, status, author and workspace are not taken over', async () => {
      const marketing = await app.login(home.users.marketing.email)
      // Replacing in one step needs the workspace to let one party decide alone.
      const allowed = await app.request('PUT', '/api/v1/settings/governance', {
        key: home.keys.admin,
        body: { singlePartyActivation: true },
      })
      assert.equal(allowed.status, 200, JSON.stringify(allowed.body))
      const document = parse(await readFile(DEMO_AGREEMENT_PATH, 'utf8')) as Record<string, unknown>
      const source = await readFile(DEMO_AGREEMENT_PATH, 'utf8')
      const forgedYaml = Object.entries(forged())
        .map(([field, value]) => `${field}: ${JSON.stringify(value)}`)
        .join('\n')
      const requests = [
        { body: { ...document, ...forged(), name: 'Forged fields' } },
        {
          body: `${forgedYaml}\n${source.replace(/^name: .*$/m, 'name: Forged in YAML')}`,
          contentType: 'application/yaml',
        },
      ]
      for (const request of requests) {
        const previous = await agreementRows()
        const response = await app.request('PUT', '/api/v1/agreement', { session: marketing, ...request })
        assert.ok(response.status < 500, JSON.stringify(response.body))
        const rows = await agreementRows()
        if (!isSuccess(response.status)) {
          assert.deepEqual(rows, previous)
          continue
        }
        const newest = rows.at(-1)!
        assert.deepEqual(rows.slice(0, -1).length, previous.length)
        assert.equal(newest.workspace_id, home.id)
        assert.equal(newest.version, previous.at(-1)!.version + 1)
        assert.equal(newest.status, 'active')
        assert.equal(newest.created_by, home.users.marketing.id)
        assert.equal(response.body.version, newest.version)
        assert.equal(response.body.createdBy, home.users.marketing.id)
      }
      // Exactly one version is active, and it belongs to this workspace.
      const active = (await agreementRows()).filter((row) => row.status === 'active')
      assert.equal(active.length, 1)
    })

    function agreementRows() {
      return app.db
        .selectFrom('agreement_versions')
        .select(['workspace_id', 'version', 'status', 'created_by', 'name'])
        .where('workspace_id', '=', home.id)
        .orderBy('version')
        .execute()
    }

    test('content upsert: the id comes from the path and the workspace from the caller', async () => {
      const marketing = await app.login(home.users.marketing.email)
      const fields = { title: 'Forged', kind: 'blog', journeyStage: 'orientation', topics: ['x'] }
      for (const id of ['mass-item', 'pricing']) {
        const response = await app.request('PUT', `/api/v1/content/${id}`, {
          session: marketing,
          body: { ...fields, ...forged(), id: 'hijacked-id' },
        })
        assert.ok(response.status < 500, JSON.stringify(response.body))
        const rows = await app.db
          .selectFrom('content_items')
          .select(['workspace_id', 'id', 'title'])
          .where('id', 'in', [id, 'hijacked-id'])
          .where('title', '=', 'Forged')
          .execute()
        if (isSuccess(response.status)) {
          assert.equal(response.body.id, id)
          assert.deepEqual(rows, [{ workspace_id: home.id, id, title: 'Forged' }])
        } else assert.deepEqual(rows, [])
      }
    })

    test('sign-in: forged role, user and workspace do not shape the session', async () => {
      const sessionsBefore = await app.db.selectFrom('sessions').select('id').execute()
      const response = await app.request('POST', '/api/v1/session', {
        body: {
          workspace: home.slug,
          email: home.users.sales.email,
          password: TEST_PASSWORD,
          ...forged(),
          userId: home.users.admin.id,
          user: { role: 'admin' },
        },
      })
      assert.ok(response.status < 500, JSON.stringify(response.body))
      const created = (
        await app.db.selectFrom('sessions').select(['id', 'user_id', 'workspace_id']).execute()
      ).filter((row) => !sessionsBefore.some((old) => old.id === row.id))
      if (!isSuccess(response.status)) return assert.deepEqual(created, [])
      assert.equal(response.body.user.role, 'sales')
      assert.equal(response.body.user.id, home.users.sales.id)
      assert.equal(response.body.workspace.id, home.id)
      assert.deepEqual(
        created.map(({ user_id, workspace_id }) => ({ user_id, workspace_id })),
        [{ user_id: home.users.sales.id, workspace_id: home.id }],
      )
      const session = {
        cookie: response.headers.get('set-cookie')!.split(';')[0]!,
        csrf: response.body.csrfToken,
      }
      assert.equal((await app.request('GET', '/api/v1/api-keys', { session })).status, 403)
    })

    test('API key creation: scope, id, prefix, secret, author and workspace are the server’s', async () => {
      const admin = await app.login(home.users.admin.email)
      const callers = [
        { auth: { session: admin }, author: home.users.admin.id },
        { auth: { key: home.keys.admin }, author: null },
      ]
      for (const { auth, author } of callers) {
        const forgedKey = 'takt_admin_forgedforgedforgedforgedforged'
        const response = await app.request('POST', '/api/v1/api-keys', {
          ...auth,
          body: {
            ...forged(),
            // The scope is the admin's to choose; everything else here is not.
            name: 'Forged key',
            scope: 'read',
            prefix: forgedKey.slice(0, 16),
            key: forgedKey,
            key_hash: 'forged',
            revokedAt: null,
          },
        })
        assert.ok(response.status < 500, JSON.stringify(response.body))
        // The key is answered before it is committed (see permission-matrix); read once it is.
        await waitForSettledWrites(app.db)
        assert.equal((await app.request('GET', '/api/v1/session', { key: forgedKey })).status, 401)
        const forgedRows = await app.db
          .selectFrom('api_keys')
          .select('id')
          .where((where) =>
            where.or([where('id', '=', FORGED_ID), where('prefix', '=', forgedKey.slice(0, 16))]),
          )
          .execute()
        assert.deepEqual(forgedRows, [])
        if (!isSuccess(response.status)) continue
        const row = await app.db
          .selectFrom('api_keys')
          .select(['workspace_id', 'scope', 'prefix', 'created_by', 'revoked_at'])
          .where('id', '=', response.body.id)
          .executeTakeFirstOrThrow()
        assert.deepEqual(row, {
          workspace_id: home.id,
          scope: 'read',
          prefix: response.body.key.slice(0, 16),
          created_by: author,
          revoked_at: null,
        })
        assert.equal((await app.request('GET', '/api/v1/leads', { key: response.body.key })).status, 200)
        assert.equal((await app.request('GET', '/api/v1/api-keys', { key: response.body.key })).status, 403)
      }
    })
  })
}

/** The scalar fields only: free-form `custom` and `properties` take strings, numbers and booleans. */
function scalars(fields: Record<string, unknown>): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string | number | boolean] =>
      ['string', 'number', 'boolean'].includes(typeof entry[1]),
    ),
  )
}
