import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`agreement API (${dialect})`, () => {
    let app: TestApp
    before(async () => {
      app = await startTestApp(dialect)
    })
    after(async () => app.close())

    test('publishes the JSON Schema of the agreement language without sign-in', async () => {
      const response = await app.request('GET', '/api/v1/agreement/schema')
      assert.equal(response.status, 200)
      assert.equal(response.body.title, 'Takt qualification agreement')
      assert.ok(response.body.properties.mql)
    })

    test('serves an OpenAPI 3.1 document describing the API', async () => {
      const response = await app.request('GET', '/api/v1/openapi.json')
      assert.equal(response.body.openapi, '3.1.0')
      for (const path of [
        '/api/v1/events',
        '/api/v1/leads',
        '/api/v1/leads/{id}',
        '/api/v1/leads/{id}/actions',
        '/api/v1/agreement',
      ]) {
        assert.ok(response.body.paths[path], `missing ${path}`)
      }
      const reference = await fetch(`${app.baseUrl}/docs/api`)
      assert.equal(reference.status, 200)
      assert.match(await reference.text(), /<html/i)
    })

    test('an invalid agreement is rejected with every error located, and nothing changes', async () => {
      const before = await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })
      const broken = before.body.source
        .replace('halfLifeDays: 30 #', 'halfLifeDays: -3 #')
        .replace('{ signal: decision_shift }', '{ signal: no_such_signal }')
      const response = await app.request('PUT', '/api/v1/agreement', {
        key: app.workspace.keys.admin,
        body: broken,
        contentType: 'application/yaml',
      })
      assert.equal(response.status, 422)
      assert.equal(response.body.code, 'AGREEMENT_INVALID')
      const paths = response.body.errors.map((error: { path: string }) => error.path)
      assert.ok(paths.includes('/engagement/halfLifeDays'), JSON.stringify(response.body.errors))
      const halfLife = response.body.errors.find(
        (error: { path: string }) => error.path === '/engagement/halfLifeDays',
      )
      const expectedLine =
        broken.split('\n').findIndex((line: string) => line.includes('halfLifeDays: -3')) + 1
      assert.equal(halfLife.line, expectedLine)
      // Code and params travel with the English message, so clients can word it in their language.
      assert.equal(halfLife.message, 'must be greater than 0')
      assert.equal(halfLife.code, 'number_not_greater')
      assert.deepEqual(halfLife.params, { limit: 0 })
      const afterwards = await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })
      assert.equal(afterwards.body.version, before.body.version)
    })

    test('a valid replacement becomes the new active version and re-evaluates leads from then on', async () => {
      const email = 'dora@werk-sued.de'
      await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            {
              id: 'dora-1',
              type: 'content_click',
              occurredAt: '2026-11-01T09:00:00Z',
              source: 'website',
              contentId: 'blog-oee',
              lead: {
                email,
                title: 'Geschäftsführerin',
                company: { domain: 'werk-sued.de', industry: 'maschinenbau', employees: 300, country: 'DE' },
              },
            },
          ],
        },
      })
      const lead = (await app.request('GET', `/api/v1/leads?q=${email}`, { key: app.workspace.keys.read }))
        .body.items[0]
      assert.equal(lead.stage, 'lead')
      const current = await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })
      const lenient = current.body.source
        .replace('{ score: engagement, gte: 50 }', '{ score: engagement, gte: 1 }')
        .replace('- { signal: decision_shift }\n', '')
      app.clock.set('2026-11-03T10:00:00Z')
      const marketing = await app.login(app.workspace.users.marketing.email)
      const replace = () =>
        app.request('PUT', '/api/v1/agreement', {
          session: marketing,
          body: lenient,
          contentType: 'application/yaml',
        })
      // One step skips both sides' approvals: refused until an admin allows one party to decide alone.
      const governed = await replace()
      assert.equal(governed.status, 409, JSON.stringify(governed.body))
      assert.equal(governed.body.code, 'APPROVAL_MISSING')
      assert.deepEqual(governed.body.missing, ['marketing', 'sales'])
      assert.equal(
        (await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })).body.version,
        current.body.version,
      )
      const allowed = await app.request('PUT', '/api/v1/settings/governance', {
        key: app.workspace.keys.admin,
        body: { singlePartyActivation: true },
      })
      assert.equal(allowed.status, 200, JSON.stringify(allowed.body))
      const response = await replace()
      assert.equal(response.status, 200, JSON.stringify(response.body))
      const audited = await app.request('GET', '/api/v1/audit-log?action=agreement.', {
        key: app.workspace.keys.admin,
      })
      assert.equal(audited.status, 200, JSON.stringify(audited.body))
      assert.equal(audited.body.items[0].action, 'agreement.activated.single_party')
      assert.equal(response.body.version, current.body.version + 1)
      assert.equal(response.body.status, 'active')
      const detail = (await app.request('GET', `/api/v1/leads/${lead.id}`, { key: app.workspace.keys.read }))
        .body
      assert.equal(detail.stage, 'mql')
      const mql = detail.history.at(-1)
      assert.deepEqual(mql.trigger.kind, 'agreement_activated')
      assert.equal(mql.agreementVersion, response.body.version)
      assert.equal(mql.at, '2026-11-03T10:00:00.000Z')
      const versions = await app.request('GET', '/api/v1/agreement/versions', {
        key: app.workspace.keys.read,
      })
      assert.deepEqual(
        versions.body.map((version: { status: string }) => version.status),
        ['active', 'retired'],
      )
    })

    test('sales may read but not change the agreement', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      const current = await app.request('GET', '/api/v1/agreement', { session: rep })
      assert.equal(current.status, 200)
      const response = await app.request('PUT', '/api/v1/agreement', {
        session: rep,
        body: current.body.source,
        contentType: 'application/yaml',
      })
      assert.equal(response.status, 403)
    })

    test('validates a draft without saving it', async () => {
      const response = await app.request('POST', '/api/v1/agreement/validate', {
        key: app.workspace.keys.read,
        body: 'name: x\nfit:\n  rules: []\n',
        contentType: 'application/yaml',
      })
      assert.equal(response.status, 200)
      assert.equal(response.body.valid, false)
      assert.ok(
        response.body.errors.some(
          (error: { message: string }) =>
            /engagement/.test(error.message) || /engagement/.test(JSON.stringify(error)),
        ),
      )
      const missing = response.body.errors.find((error: { path: string }) => error.path === '/engagement')
      assert.deepEqual(
        { message: missing.message, code: missing.code, params: missing.params },
        {
          message: "missing required property 'engagement'",
          code: 'missing_property',
          params: { property: 'engagement' },
        },
      )
    })

    test('serves the agreement’s name, description and code labels in German and English', async () => {
      const response = await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })
      assert.equal(response.status, 200)
      // `name` stays one text (English) for clients that read it; `nameLabel` has both languages.
      assert.equal(response.body.name, 'DACH production planning')
      assert.deepEqual(response.body.nameLabel, {
        de: 'Produktionsplanung DACH',
        en: 'DACH production planning',
      })
      const { document } = response.body
      assert.match(document.description.de, /^Wen wir wollen/)
      assert.match(document.description.en, /^Who we want/)
      assert.deepEqual(document.labels.automotive_zulieferer, {
        de: 'Automobilzulieferer',
        en: 'Automotive suppliers',
      })
      assert.deepEqual(document.labels.pricing, { de: 'Preisseite', en: 'Pricing page' })
      const versions = await app.request('GET', '/api/v1/agreement/versions', {
        key: app.workspace.keys.read,
      })
      assert.deepEqual(versions.body.at(-1).nameLabel, response.body.nameLabel)
    })

    test('a label for a code the agreement does not use is an issue at its path and line', async () => {
      const before = await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })
      const source = before.body.source.replace(
        '  maschinenbau: { de: Maschinenbau',
        '  maschinenbauu: { de: Maschinenbau',
      )
      const response = await app.request('POST', '/api/v1/agreement/validate', {
        key: app.workspace.keys.read,
        body: source,
        contentType: 'application/yaml',
      })
      assert.equal(response.status, 200)
      const line = source.split('\n').findIndex((row: string) => row.startsWith('  maschinenbauu:')) + 1
      assert.deepEqual(response.body.errors, [
        {
          path: '/labels/maschinenbauu',
          message: "the agreement does not use the code 'maschinenbauu'; did you mean 'maschinenbau'?",
          code: 'misspelt_label_code',
          params: { code: 'maschinenbauu', suggestion: 'maschinenbau' },
          line,
          column: 3,
        },
      ])
    })

    test('a YAML syntax error comes with its code, its params and its line', async () => {
      const response = await app.request('POST', '/api/v1/agreement/validate', {
        key: app.workspace.keys.read,
        body: 'name: x\nname: y\n',
        contentType: 'application/yaml',
      })
      assert.equal(response.status, 200)
      assert.deepEqual(response.body.errors, [
        {
          path: '',
          message: 'YAML syntax error: Map keys must be unique',
          code: 'yaml_syntax',
          params: { detail: 'Map keys must be unique' },
          line: 2,
          column: 1,
        },
      ])
    })
  })
}
