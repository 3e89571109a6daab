import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`agreement diff API (${dialect})`, () => {
    let app: TestApp
    let first: number
    let second: number
    before(async () => {
      app = await startTestApp(dialect)
      first = (await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })).body.version
      await app.replaceAgreement((source) =>
        source
          .replace('acceptWithinBusinessHours: 8', 'acceptWithinBusinessHours: 6')
          .replace('- { score: fit, gte: 20 }', '- { score: fit, gte: 25 }'),
      )
      second = (await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })).body.version
    })
    after(async () => app.close())

    const diff = (path: string) => app.request('GET', `/api/v1${path}`, { key: app.workspace.keys.read })

    test('lists what a version changes against another, as data and in both languages', async () => {
      const response = await diff(`/agreement/versions/${second}/diff?against=${first}`)
      assert.equal(response.status, 200)
      assert.deepEqual(response.body, {
        from: { version: first },
        to: { version: second },
        changes: [
          {
            kind: 'threshold_moved',
            section: 'mql',
            subject: null,
            field: 'fit.gte',
            before: 20,
            after: 25,
            text: {
              de: 'MQL-Schwelle Fit-Score von 20 auf 25 erhöht',
              en: 'MQL fit threshold raised from 20 to 25',
            },
          },
          {
            kind: 'setting_changed',
            section: 'sla',
            subject: null,
            field: 'acceptWithinBusinessHours',
            before: 8,
            after: 6,
            text: {
              de: 'SLA (Reaktionszeit) von 8 auf 6 Geschäftsstunden gesenkt',
              en: 'SLA (time to accept or reject) lowered from 8 to 6 business hours',
            },
          },
        ],
      })
    })

    test('compares with the active version unless told otherwise', async () => {
      const response = await diff(`/agreement/versions/${first}/diff`)
      assert.equal(response.status, 200)
      assert.deepEqual(response.body.from, { version: second })
      assert.deepEqual(response.body.to, { version: first })
      assert.deepEqual(
        response.body.changes.map((change: { field: string; before: number; after: number }) => [
          change.field,
          change.before,
          change.after,
        ]),
        [
          ['fit.gte', 25, 20],
          ['acceptWithinBusinessHours', 6, 8],
        ],
      )
      const same = await diff(`/agreement/versions/${second}/diff?against=active`)
      assert.equal(same.status, 200)
      assert.deepEqual(same.body.changes, [])
    })

    test('an unknown version is a 404 naming it, on either side', async () => {
      const missing = await diff('/agreement/versions/999/diff')
      assert.equal(missing.status, 404)
      assert.equal(missing.body.code, 'AGREEMENT_NOT_FOUND')
      assert.match(missing.body.detail, /version 999/)
      const missingAgainst = await diff(`/agreement/versions/${first}/diff?against=998`)
      assert.equal(missingAgainst.status, 404)
      assert.match(missingAgainst.body.detail, /version 998/)
    })

    test('a version that is not a number is a 400 naming the parameter', async () => {
      const badVersion = await diff('/agreement/versions/latest/diff')
      assert.equal(badVersion.status, 400)
      assert.equal(badVersion.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      assert.equal(badVersion.body.errors[0].path, 'params/version')
      const badAgainst = await diff(`/agreement/versions/${first}/diff?against=1.5`)
      assert.equal(badAgainst.status, 400)
      assert.equal(badAgainst.body.errors[0].path, 'querystring/against')
    })

    test('a draft that does not validate yet is a 422 with its errors, not a comparison', async () => {
      const source = (await app.request('GET', '/api/v1/agreement', { key: app.workspace.keys.read })).body
        .source as string
      const draft = await app.request('POST', '/api/v1/agreement/drafts', {
        session: await app.login(app.workspace.users.marketing.email),
        body: source.replace('halfLifeDays: 30 #', 'halfLifeDays: -3 #'),
        contentType: 'application/yaml',
      })
      assert.equal(draft.status, 201)
      const response = await diff(`/agreement/versions/${draft.body.version}/diff`)
      assert.equal(response.status, 422)
      assert.equal(response.body.code, 'AGREEMENT_INVALID')
      assert.ok(response.body.errors.length > 0)
    })

    test('needs a signed-in caller', async () => {
      const response = await app.request('GET', `/api/v1/agreement/versions/${first}/diff`)
      assert.equal(response.status, 401)
    })
  })
}
