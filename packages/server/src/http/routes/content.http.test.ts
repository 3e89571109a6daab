// The content catalog over real HTTP: POST creates and never overwrites, PUT replaces by id.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'

const item = {
  title: 'OEE-Whitepaper 2027',
  kind: 'whitepaper',
  journeyStage: 'consideration',
  topics: ['oee'],
  url: 'https://example.com/oee-2027',
}

for (const dialect of TEST_DIALECTS) {
  describe(`content catalog (${dialect})`, () => {
    let app: TestApp
    let marketing: TestSession
    before(async () => {
      app = await startTestApp(dialect)
      marketing = await app.login(app.workspace.users.marketing.email)
    })
    after(async () => app.close())
    const contentOf = async (id: string) =>
      (await app.request('GET', '/api/v1/content', { session: marketing })).body.find(
        (found: { id: string }) => found.id === id,
      )

    test('creates a new item with its id', async () => {
      const created = await app.request('POST', '/api/v1/content', {
        session: marketing,
        body: { id: 'wp-oee-2027', ...item },
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      // Without a language the item is language-neutral.
      assert.deepEqual(created.body, { id: 'wp-oee-2027', ...item, language: null })
      assert.deepEqual(await contentOf('wp-oee-2027'), { id: 'wp-oee-2027', ...item, language: null })
      const minimal = await app.request('POST', '/api/v1/content', {
        session: marketing,
        body: { id: 'blog-minimal', title: 'Kurz', kind: 'blog', journeyStage: null },
      })
      assert.equal(minimal.status, 201, JSON.stringify(minimal.body))
      assert.deepEqual(minimal.body.topics, [])
      assert.equal(minimal.body.url, null)
    })

    test('refuses to create an item with an id already in use, and leaves that item as it was', async () => {
      const before = await contentOf('pricing')
      assert.ok(before)
      const response = await app.request('POST', '/api/v1/content', {
        session: marketing,
        body: { id: 'pricing', ...item },
      })
      assert.equal(response.status, 409, JSON.stringify(response.body))
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/)
      assert.equal(response.body.code, 'CONTENT_ID_TAKEN')
      assert.equal(response.body.id, 'pricing')
      assert.match(response.body.detail, /pricing/)
      assert.deepEqual(response.body.errors, [
        { path: 'body/id', message: 'The content id pricing is already in use.', code: 'CONTENT_ID_TAKEN' },
      ])
      assert.deepEqual(await contentOf('pricing'), before)
      const audit = await app.request('GET', '/api/v1/audit-log?target=pricing', {
        key: app.workspace.keys.admin,
      })
      assert.deepEqual(audit.body.items, [], 'a refused create is not audited')
    })

    test('the same id may be created in another workspace', async () => {
      const other = await app.addWorkspace('globex-content')
      const created = await app.request('POST', '/api/v1/content', {
        key: other.keys.admin,
        body: { id: 'only-here', ...item },
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      const again = await app.request('POST', '/api/v1/content', {
        session: marketing,
        body: { id: 'only-here', ...item },
      })
      assert.equal(again.status, 201, JSON.stringify(again.body))
    })

    test('refuses a malformed id or missing fields, naming them', async () => {
      const badId = await app.request('POST', '/api/v1/content', {
        session: marketing,
        body: { id: '-starts-with-a-dash', ...item },
      })
      assert.equal(badId.status, 400)
      assert.equal(badId.body.errors[0].path, 'body/id')
      const noId = await app.request('POST', '/api/v1/content', { session: marketing, body: item })
      assert.equal(noId.status, 400)
      assert.equal(noId.body.errors[0].path, 'body/id')
    })

    test('PUT still replaces an existing item by id', async () => {
      const replaced = await app.request('PUT', '/api/v1/content/careers', {
        session: marketing,
        body: { title: 'Karriere bei uns', kind: 'page', journeyStage: null },
      })
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body))
      assert.equal((await contentOf('careers')).title, 'Karriere bei uns')
    })

    test('keeps a language; a PUT without one keeps it, null clears it, a bad code is named', async () => {
      const created = await app.request('POST', '/api/v1/content', {
        session: marketing,
        body: { id: 'wp-oee-en', ...item, language: 'en' },
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      assert.equal((await contentOf('wp-oee-en')).language, 'en')
      // A client that predates languages (the settings dialog) replaces the rest and keeps it.
      const { title, kind, journeyStage, topics } = item
      const kept = await app.request('PUT', '/api/v1/content/wp-oee-en', {
        session: marketing,
        body: { title: 'OEE white paper', kind, journeyStage, topics },
      })
      assert.equal(kept.status, 200, JSON.stringify(kept.body))
      assert.equal(kept.body.language, 'en')
      assert.deepEqual(await contentOf('wp-oee-en'), kept.body)
      const cleared = await app.request('PUT', '/api/v1/content/wp-oee-en', {
        session: marketing,
        body: { title, kind, journeyStage, language: null },
      })
      assert.equal(cleared.body.language, null)
      assert.equal((await contentOf('wp-oee-en')).language, null)
      for (const language of ['EN', 'eng', 'de-DE', 'd1']) {
        const bad = await app.request('PUT', '/api/v1/content/wp-oee-en', {
          session: marketing,
          body: { title, kind, journeyStage, language },
        })
        assert.equal(bad.status, 400, language)
        assert.match(bad.headers.get('content-type') ?? '', /^application\/problem\+json/)
        assert.equal(bad.body.errors[0].path, 'body/language', language)
      }
    })

    test('only those who configure may create', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      const refused = await app.request('POST', '/api/v1/content', {
        session: rep,
        body: { id: 'rep-item', ...item },
      })
      assert.equal(refused.status, 403)
      assert.equal(await contentOf('rep-item'), undefined)
    })
  })
}
