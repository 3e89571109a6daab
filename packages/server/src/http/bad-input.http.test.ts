// The bad-input table: every malformed value gets a 4xx problem+json naming the field (or, inside an event
// batch, a rejected item naming its path), never a 500, and nothing is stored or changed. Requests go out
// as raw bytes, since fetch cannot send invalid UTF-8, a 64 KB header or a body that never finishes.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { startTestApp, type TestApp } from '../testing/test-app.ts'
import { sendRaw, type RawRequest } from '../testing/raw-http.ts'

type Case = Omit<RawRequest, 'path'> & {
  name: string
  /** `{lead}` and `{user}` stand for a stored lead and a sales rep */
  path: string
  status: number
  /** the problem's code, or for a rejected batch item its item code */
  code: string
  /** the path the answer must name */
  field: string
}

const JSON_TYPE = { 'content-type': 'application/json' }
const NO_WEBHOOK = '00000000-0000-4000-8000-000000000000'

/** A one-item batch whose item differs from a valid touchpoint by `change` (raw JSON text). */
const batch = (id: string, change: string) =>
  `{"events":[{"id":"${id}","type":"page_view","occurredAt":"2026-10-30T10:00:00Z",` +
  `"lead":{"email":"${id}@example.de"}${change}}]}`
const withDate = (id: string, occurredAt: string) =>
  `{"events":[{"id":"${id}","type":"page_view","occurredAt":"${occurredAt}","lead":{"email":"${id}@example.de"}}]}`
const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))))

const ingest = (name: string, body: string, field: string): Case => ({
  name,
  method: 'POST',
  path: '/api/v1/events',
  headers: JSON_TYPE,
  body,
  status: 200,
  code: 'invalid',
  field,
})

const CASES: Case[] = [
  // Dates: calendar-correct, hours 00–23, offsets within ±23:59, no leap second, a time zone required.
  ingest(
    'occurredAt on 30 February (Date.parse rolls it over to 2 March)',
    withDate('bad-feb30', '2026-02-30T10:00:00Z'),
    '/events/0/occurredAt',
  ),
  ingest(
    'occurredAt on 29 February of a common year',
    withDate('bad-feb29', '2026-02-29T10:00:00Z'),
    '/events/0/occurredAt',
  ),
  ingest('occurredAt at hour 24', withDate('bad-hour24', '2026-10-30T24:00:00Z'), '/events/0/occurredAt'),
  ingest('occurredAt in a leap second', withDate('bad-leap', '2016-12-31T23:59:60Z'), '/events/0/occurredAt'),
  ingest(
    'occurredAt with an offset of +24:00',
    withDate('bad-offset', '2026-10-30T10:00:00+24:00'),
    '/events/0/occurredAt',
  ),
  ingest(
    'occurredAt without a time zone',
    withDate('bad-zone', '2026-10-30T10:00:00'),
    '/events/0/occurredAt',
  ),
  {
    name: 'asOf on 31 April',
    method: 'GET',
    path: '/api/v1/leads/{lead}?asOf=2026-04-31T10:00:00Z',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'querystring/asOf',
  },
  {
    name: 'a deal close date on 30 February',
    method: 'POST',
    path: '/api/v1/leads/{lead}/actions',
    headers: JSON_TYPE,
    body: '{"action":"open_deal","amount":1000,"expectedCloseDate":"2027-02-30"}',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body/expectedCloseDate',
  },
  {
    name: 'an absence starting on 30 February',
    method: 'PATCH',
    path: '/api/v1/users/{user}',
    headers: JSON_TYPE,
    body: '{"outOfOffice":[{"from":"2026-02-30T00:00:00Z","until":"2026-03-05T00:00:00Z"}]}',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body/outOfOffice/0/from',
  },
  {
    name: 'a consent given on 30 February',
    method: 'POST',
    path: '/api/v1/leads/{lead}/consents',
    headers: JSON_TYPE,
    body: '{"purpose":"email_marketing","channel":"email","granted":true,"source":"web_form","occurredAt":"2026-02-30T10:00:00Z"}',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body/occurredAt',
  },
  {
    name: 'a deliveries cursor before 31 February',
    method: 'GET',
    path: `/api/v1/webhooks/${NO_WEBHOOK}/deliveries?before=2026-02-31T00:00:00Z`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'querystring/before',
  },

  // Text: strict UTF-8, no NUL, no unpaired surrogates.
  {
    name: 'invalid UTF-8 in two client ids that lenient decoding would collapse into one',
    method: 'POST',
    path: '/api/v1/events',
    headers: JSON_TYPE,
    body: bytes(
      '{"events":[',
      '{"id":"bad-utf8-',
      [0xff],
      '","type":"page_view","occurredAt":"2026-10-30T10:00:00Z","lead":{"email":"utf8@example.de"}},',
      '{"id":"bad-utf8-',
      [0xfe],
      '","type":"page_view","occurredAt":"2026-10-30T10:00:00Z","lead":{"email":"utf8@example.de"}}',
      ']}',
    ),
    status: 400,
    code: 'INVALID_UTF8',
    field: 'body',
  },
  {
    name: 'invalid UTF-8 in an agreement sent as YAML',
    method: 'PUT',
    path: '/api/v1/agreement',
    headers: { 'content-type': 'application/yaml' },
    body: bytes('name: Caf', [0xc3, 0x28], '\n'),
    status: 400,
    code: 'INVALID_UTF8',
    field: 'body',
  },
  {
    name: 'a truncated UTF-8 sequence in a user name',
    method: 'PATCH',
    path: '/api/v1/users/{user}',
    headers: JSON_TYPE,
    body: bytes('{"name":"M', [0xc3], '"}'),
    status: 400,
    code: 'INVALID_UTF8',
    field: 'body',
  },
  {
    name: 'a body declared in a charset other than UTF-8',
    method: 'POST',
    path: '/api/v1/events',
    headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    body: batch('bad-latin1', ''),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'headers/content-type',
  },
  {
    name: 'a NUL character in a user name',
    method: 'PATCH',
    path: '/api/v1/users/{user}',
    headers: JSON_TYPE,
    body: '{"name":"Max\\u0000Mustermann"}',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body/name',
  },
  {
    name: 'an unpaired surrogate in a content title',
    method: 'PUT',
    path: '/api/v1/content/bad-surrogate',
    headers: JSON_TYPE,
    body: '{"title":"\\ud800","kind":"blog","journeyStage":null}',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body/title',
  },

  // Numbers: JSON.parse reads 1e400 as Infinity, which would be stored as null.
  ingest(
    'a property of 1e400 inside a batch',
    batch('bad-inf-prop', ',"properties":{"score":1e400}'),
    '/events/0/properties/score',
  ),
  ingest(
    'company employees of 1e400 inside a batch',
    '{"events":[{"id":"bad-inf-employees","type":"page_view","occurredAt":"2026-10-30T10:00:00Z",' +
      '"lead":{"email":"employees@example.de","company":{"employees":1e400}}}]}',
    '/events/0/lead/company/employees',
  ),
  {
    name: 'a deal amount of 1e400',
    method: 'POST',
    path: '/api/v1/leads/{lead}/actions',
    headers: JSON_TYPE,
    body: '{"action":"open_deal","amount":1e400,"expectedCloseDate":"2027-03-31"}',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body/amount',
  },
  {
    name: 'an unknown member holding -1e400 (validation would drop it without a word)',
    method: 'PUT',
    path: '/api/v1/content/bad-infinite',
    headers: JSON_TYPE,
    body: '{"title":"T","kind":"blog","journeyStage":null,"weight":-1e400}',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body/weight',
  },
  {
    name: 'a query limit of 1e999',
    method: 'GET',
    path: '/api/v1/leads?limit=1e999',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'querystring/limit',
  },

  // Media types and JSON syntax.
  {
    name: 'JSON sent as text/plain to a route that takes JSON',
    method: 'POST',
    path: '/api/v1/events',
    headers: { 'content-type': 'text/plain' },
    body: batch('bad-text-plain', ''),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'headers/content-type',
  },
  {
    name: 'YAML sent to a route that takes JSON',
    method: 'PATCH',
    path: '/api/v1/users/{user}',
    headers: { 'content-type': 'application/yaml' },
    body: 'name: Max\n',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'headers/content-type',
  },
  {
    name: 'XML',
    method: 'PUT',
    path: '/api/v1/content/bad-xml',
    headers: { 'content-type': 'application/xml' },
    body: '<content><title>T</title></content>',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'headers/content-type',
  },
  {
    name: 'a body without a content type',
    method: 'POST',
    path: '/api/v1/events',
    body: batch('bad-no-type', ''),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'headers/content-type',
  },
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/api/v1/events',
    headers: JSON_TYPE,
    body: '{"events": [',
    status: 400,
    code: 'INVALID_JSON',
    field: 'body',
  },
  {
    name: 'an empty JSON body',
    method: 'POST',
    path: '/api/v1/events',
    headers: JSON_TYPE,
    body: '',
    status: 400,
    code: 'INVALID_JSON',
    field: 'body',
  },
  {
    name: 'a __proto__ key',
    method: 'PUT',
    path: '/api/v1/content/bad-proto',
    headers: JSON_TYPE,
    body: '{"title":"T","kind":"blog","journeyStage":null,"__proto__":{"isAdmin":true}}',
    status: 400,
    code: 'FORBIDDEN_PROPERTY',
    field: 'body/__proto__',
  },
  {
    name: 'a constructor.prototype key inside a batch item',
    method: 'POST',
    path: '/api/v1/events',
    headers: JSON_TYPE,
    body: batch('bad-constructor', ',"constructor":{"prototype":{"isAdmin":true}}'),
    status: 400,
    code: 'FORBIDDEN_PROPERTY',
    field: 'body/events/0/constructor',
  },

  // Sizes and the HTTP layer below the routes.
  {
    name: 'a 64 KB header',
    method: 'GET',
    path: '/api/v1/leads',
    headers: { 'x-padding': 'x'.repeat(64 * 1024) },
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    field: 'headers',
  },
  {
    name: 'a 60 KB query string',
    method: 'GET',
    path: `/api/v1/leads?q=${'x'.repeat(60 * 1024)}`,
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    field: 'headers',
  },
  {
    name: 'a batch announced at 40 MB (the limit is 32 MB)',
    method: 'POST',
    path: '/api/v1/events',
    headers: JSON_TYPE,
    declaredLength: 40 * 1024 * 1024,
    status: 413,
    code: 'BODY_TOO_LARGE',
    field: 'body',
  },
  {
    name: 'a content item announced at 2 MB (the limit is 1 MiB)',
    method: 'PUT',
    path: '/api/v1/content/bad-huge',
    headers: JSON_TYPE,
    declaredLength: 2 * 1024 * 1024,
    status: 413,
    code: 'BODY_TOO_LARGE',
    field: 'body',
  },
  {
    name: 'a lead id of 12,000 characters',
    method: 'GET',
    path: `/api/v1/leads/${'a'.repeat(12_000)}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params/id',
  },
  {
    name: 'a malformed percent-encoding in the path',
    method: 'GET',
    path: '/api/v1/leads/%E0%A4%A',
    status: 400,
    code: 'INVALID_URL',
    field: 'url',
  },
  {
    name: 'a lead id that is not a UUID',
    method: 'GET',
    path: '/api/v1/leads/not-a-uuid',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params/id',
  },
  {
    name: 'a header name with a space',
    method: 'GET',
    path: '/api/v1/health',
    headers: { 'bad name': 'x' },
    status: 400,
    code: 'MALFORMED_REQUEST',
    field: 'request',
  },
  {
    name: 'a batch whose body never finishes',
    method: 'POST',
    path: '/api/v1/events',
    headers: JSON_TYPE,
    body: '{"events":[{"id":"bad-unfinished",',
    declaredLength: 10_000,
    status: 408,
    code: 'REQUEST_TIMEOUT',
    field: 'body',
  },
  {
    name: 'headers that never finish',
    method: 'GET',
    path: '/api/v1/health',
    headers: { 'x-slow': 'still typing' },
    cutHeadAt: 60,
    status: 408,
    code: 'REQUEST_TIMEOUT',
    field: 'headers',
  },
]

// Everything a request could store or change; keys and sessions are left out, since every request
// marks its key as used.
const STORED_TABLES = [
  'events',
  'ingest_queue',
  'leads',
  'lead_milestones',
  'hand_offs',
  'decisions',
  'transitions',
  'users',
  'accounts',
  'content_items',
  'agreement_versions',
  'audit_log',
  'notifications',
  'webhook_events',
] as const

for (const dialect of TEST_DIALECTS) {
  describe(`bad input (${dialect})`, () => {
    let app: TestApp
    let lead: string
    let leadBefore: unknown
    const fingerprint = async () => {
      const hash = createHash('sha256')
      for (const table of STORED_TABLES) {
        hash.update(JSON.stringify(await app.db.selectFrom(table).selectAll().execute()))
      }
      return hash.digest('hex')
    }
    const leadDetail = async () => {
      const response = await app.request('GET', `/api/v1/leads/${lead}`, { key: app.workspace.keys.read })
      assert.equal(response.status, 200)
      return response.body
    }

    before(async () => {
      // Short deadlines so the unfinished requests are answered within the test.
      app = await startTestApp(dialect, { timeouts: { requestMs: 1500, headersMs: 1000, checkEveryMs: 100 } })
      const stored = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: batch('kept-1', ''),
      })
      assert.equal(stored.status, 200, JSON.stringify(stored.body))
      lead = stored.body.leads[0].id
      leadBefore = await leadDetail()
    })
    after(async () => app.close())

    for (const badCase of CASES) {
      test(`${badCase.name}: ${badCase.status} ${badCase.code} naming ${badCase.field}`, async () => {
        const before = await fingerprint()
        const response = await sendRaw(app.baseUrl, {
          ...badCase,
          path: badCase.path.replace('{lead}', lead).replace('{user}', app.workspace.users.sales.id),
          headers: { authorization: `Bearer ${app.workspace.keys.admin}`, ...badCase.headers },
        })
        const shown = `${response.status} ${response.text.slice(0, 400)}`
        assert.equal(response.status, badCase.status, shown)
        if (badCase.status === 200) {
          // A batch answers 200 and rejects the bad item with its index and path.
          assert.deepEqual(
            { rejected: response.body.rejected, accepted: response.body.accepted },
            { rejected: 1, accepted: 0 },
          )
          const [item] = response.body.errors
          assert.equal(item.code, badCase.code, shown)
          assert.ok(
            item.errors.some((error: { path: string }) => error.path === badCase.field),
            shown,
          )
        } else {
          assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8', shown)
          assert.equal(response.body.status, badCase.status, shown)
          assert.equal(response.body.code, badCase.code, shown)
          assert.ok(response.body.title && response.body.type && response.body.detail, shown)
          assert.ok(
            response.body.errors.some((error: { path: string }) => error.path === badCase.field),
            shown,
          )
        }
        assert.equal(await fingerprint(), before, 'nothing was stored or changed')
      })
    }

    test('none of the refused events was stored', async () => {
      const rows = await app.db
        .selectFrom('events')
        .select('client_id')
        .where('client_id', 'like', 'bad-%')
        .execute()
      assert.deepEqual(rows, [])
    })

    test('the stored lead is unchanged after the bad updates', async () => {
      assert.deepEqual(await leadDetail(), leadBefore)
    })

    test('valid values next to the bad ones still pass', async () => {
      const leapDay = await sendRaw(app.baseUrl, {
        method: 'POST',
        path: '/api/v1/events',
        headers: {
          authorization: `Bearer ${app.workspace.keys.ingest}`,
          'content-type': 'application/json; charset=UTF-8',
        },
        body: withDate('good-leap-day', '2024-02-29T23:30:00-23:59'),
      })
      assert.equal(leapDay.status, 200, leapDay.text)
      assert.equal(leapDay.body.accepted, 1, leapDay.text)
      const row = await app.db
        .selectFrom('events')
        .select('occurred_at')
        .where('client_id', '=', 'good-leap-day')
        .executeTakeFirstOrThrow()
      assert.equal(new Date(row.occurred_at).toISOString(), '2024-03-01T23:29:00.000Z')
      // The agreement's routes keep taking YAML, also as text/plain.
      for (const contentType of ['application/yaml', 'text/plain']) {
        const validated = await sendRaw(app.baseUrl, {
          method: 'POST',
          path: '/api/v1/agreement/validate',
          headers: { authorization: `Bearer ${app.workspace.keys.read}`, 'content-type': contentType },
          body: 'name: Draft\n',
        })
        assert.equal(validated.status, 200, validated.text)
        assert.equal(validated.body.valid, false)
      }
    })
  })
}
