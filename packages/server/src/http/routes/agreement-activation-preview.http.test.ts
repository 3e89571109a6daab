// The activation preview over real HTTP: it forecasts exactly what activation then does (the leads that
// become MQL, the reps routing hands them to) and changes nothing itself.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { routeWaitingMqls } from '../../services/route-waiting-mqls.ts'
import { staffWithTestReps } from '../../testing/staffed-agreement.ts'

type LeadRow = { id: string; stage: string; ownerId: string | null; email: string }

const PEOPLE = [
  { email: 'dora@werk-nord.de', domain: 'werk-nord.de', country: 'DE', postcode: '20095' },
  { email: 'emil@guss-nord.de', domain: 'guss-nord.de', country: 'DE', postcode: '22111' },
  { email: 'frieda@form-nord.de', domain: 'form-nord.de', country: 'DE', postcode: '30159' },
]

for (const dialect of TEST_DIALECTS) {
  describe(`agreement activation preview (${dialect})`, () => {
    let app: TestApp
    let marketing: TestSession
    let active: { version: number; source: string }

    before(async () => {
      app = await startTestApp(dialect)
      marketing = await app.login(app.workspace.users.marketing.email)
      active = (await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })).body
      app.clock.set('2026-11-02T09:00:00Z')
      const ingested = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: PEOPLE.map((person, index) => ({
            id: `click-${index}`,
            type: 'content_click',
            occurredAt: '2026-11-01T09:00:00Z',
            source: 'website',
            contentId: 'blog-oee',
            lead: {
              email: person.email,
              title: 'Geschäftsführerin',
              company: {
                domain: person.domain,
                industry: 'maschinenbau',
                employees: 300,
                country: person.country,
                postcode: person.postcode,
              },
            },
          })),
        },
      })
      assert.equal(ingested.status, 200, JSON.stringify(ingested.body))
    })
    after(async () => app.close())

    const leads = async (): Promise<LeadRow[]> =>
      (await app.request('GET', '/api/v1/leads?limit=100', { key: app.workspace.keys.read })).body.items
        .map((lead: LeadRow) => ({
          id: lead.id,
          stage: lead.stage,
          ownerId: lead.ownerId,
          email: lead.email,
        }))
        .sort((a: LeadRow, b: LeadRow) => a.email.localeCompare(b.email))
    const draft = async (source: string) => {
      const created = await app.request('POST', '/api/v1/agreement/drafts', {
        session: marketing,
        body: { source },
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      return created.body.version as number
    }
    const preview = (version: number) =>
      app.request('GET', `/api/v1/agreement/versions/${version}/activation-preview`, { session: marketing })

    test('the forecast equals what activation and the next hand-off do, and changes nothing itself', async () => {
      const before = await leads()
      assert.deepEqual(
        before.map((lead) => lead.stage),
        ['lead', 'lead', 'lead'],
      )
      // Staffed with this workspace's reps, one open lead each: the north has two reps for three MQLs.
      const lenient = staffWithTestReps(active.source, 1)
        .replace('{ score: engagement, gte: 50 }', '{ score: engagement, gte: 1 }')
        .replace('- { signal: decision_shift }\n', '')
      assert.notEqual(lenient, active.source)
      const version = await draft(lenient)

      const forecast = await preview(version)
      assert.equal(forecast.status, 200, JSON.stringify(forecast.body))
      assert.equal(forecast.body.version, version)
      assert.equal(forecast.body.activeVersion, active.version)
      assert.equal(forecast.body.leads, 3)
      assert.equal(forecast.body.becomeMql, 3)
      assert.equal(forecast.body.leaveMql, 0)
      assert.deepEqual(
        forecast.body.examples
          .map((example: { email: string; from: string; to: string }) => [
            example.email,
            example.from,
            example.to,
          ])
          .sort(),
        PEOPLE.map((person) => [person.email, 'lead', 'mql']).sort(),
      )
      const added = forecast.body.perRep.reduce((sum: number, rep: { added: number }) => sum + rep.added, 0)
      assert.equal(added + forecast.body.unrouted, 3)
      assert.equal(added, 2, JSON.stringify(forecast.body))
      assert.equal(forecast.body.unrouted, 1)
      // Nothing moved: the preview only read.
      assert.deepEqual(await leads(), before)

      // Activation (one party may decide alone in this workspace) and the next hand-off run.
      const admin = await app.login(app.workspace.users.admin.email)
      const allowed = await app.request('PUT', '/api/v1/settings/governance', {
        session: admin,
        body: { singlePartyActivation: true },
      })
      assert.equal(allowed.status, 200, JSON.stringify(allowed.body))
      const activated = await app.request('POST', `/api/v1/agreement/versions/${version}/activate`, {
        session: marketing,
        body: {},
      })
      assert.equal(activated.status, 200, JSON.stringify(activated.body))
      const afterActivation = await leads()
      assert.equal(afterActivation.filter((lead) => lead.stage === 'mql').length, forecast.body.becomeMql)
      await withWorkspace(app.db, app.workspace.id, (scoped) =>
        routeWaitingMqls(scoped, app.workspace.id, app.clock.now()),
      )
      const handedOut = await leads()
      const perRep = new Map<string, number>()
      for (const lead of handedOut) {
        if (lead.ownerId) perRep.set(lead.ownerId, (perRep.get(lead.ownerId) ?? 0) + 1)
      }
      const forecastPerRep = new Map<string, number>(
        forecast.body.perRep
          .filter((rep: { added: number }) => rep.added > 0)
          .map((rep: { userId: string; added: number }) => [rep.userId, rep.added]),
      )
      assert.deepEqual(perRep, forecastPerRep)
      assert.equal(
        handedOut.filter((lead) => lead.stage === 'mql' && lead.ownerId === null).length,
        forecast.body.unrouted,
      )
    })

    test('versions that cannot be activated are refused as activation would refuse them', async () => {
      const current = (await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })).body
      const ofActive = await preview(current.version)
      assert.equal(ofActive.status, 409, JSON.stringify(ofActive.body))
      assert.equal(ofActive.body.code, 'AGREEMENT_STEP_NOT_ALLOWED')
      const invalid = await draft('name: nur ein Name\n')
      const ofInvalid = await preview(invalid)
      assert.equal(ofInvalid.status, 422, JSON.stringify(ofInvalid.body))
      assert.equal(ofInvalid.body.code, 'AGREEMENT_INVALID')
      const unknown = await preview(999_999)
      assert.equal(unknown.status, 404)
      const notANumber = await app.request('GET', '/api/v1/agreement/versions/abc/activation-preview', {
        session: marketing,
      })
      assert.equal(notANumber.status, 400)
      assert.match(notANumber.headers.get('content-type') ?? '', /problem\+json/)
    })
  })
}
