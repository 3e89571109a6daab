// The published OpenAPI document drives the fuzz: every operation gets generated valid and invalid
// requests over real HTTP. No 5xx, only documented (or generic) statuses, responses that match their
// schemas, and no stored data changed by a request the API refused. One test file per dialect
// (openapi-fuzz.*.http.test.ts), so the two longest runs of the suite share the cores.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { TestDialect } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { credentialRepository } from '../../db/credential.repository.ts'
import { csrfTokenFor, hashSecret, newSessionToken } from '../../auth/secret-tokens.ts'
import { IngestEventSchema } from '../schemas/ingest-event.schema.ts'
import { watchData } from './data-fingerprint.ts'
import { operationsOf, type Operation, type Parameter } from './openapi-operations.ts'
import { requestCases, type RequestCase } from './request-cases.ts'
import { validatorFor, validValue, type JsonSchema } from './schema-arbitrary.ts'
import { loadRouteTable, seedTenant, type Tenant } from './security-fixture.ts'
import { unsafeStrings } from '#core/util/unsafe-strings.ts'

const SEED = 20_261_102
const TOTAL_CASES = 10_000
const MIN_CASES_PER_OPERATION = 100
/** Statuses the API may answer anywhere: authentication, authorization, routing, body limits, rate limits. */
const GENERIC_STATUSES = new Set([401, 403, 404, 413, 415, 429])

type Answer = { status: number; contentType: string; text: string }

export function describeOpenApiFuzz(dialect: TestDialect) {
  describe(`OpenAPI fuzz (${dialect})`, () => {
    let app: TestApp
    let home: Tenant
    let operations: Operation[]
    let publicRoutes: Set<string>
    let session: TestSession
    let revokedKey: string
    let watch: Awaited<ReturnType<typeof watchData>>
    const findings = new Map<string, Set<string>>()
    let sent = 0

    before(async () => {
      // The fuzz sends thousands of requests a minute with one key; rate limiting has its own tests.
      app = await startTestApp(dialect, { rateLimitPerMinute: 1_000_000 })
      home = await seedTenant(app, app.workspace, 'Alphadreh')
      const created = await app.request('POST', '/api/v1/api-keys', {
        key: app.workspace.keys.admin,
        body: { name: 'revoked', scope: 'admin' },
      })
      await app.request('DELETE', `/api/v1/api-keys/${created.body.id}`, { key: app.workspace.keys.admin })
      revokedKey = created.body.key
      session = await mintSession(app)
      operations = operationsOf((await app.request('GET', '/api/v1/openapi.json')).body)
      publicRoutes = new Set(
        (await loadRouteTable(app))
          .filter((route) => route.access === 'public')
          .map((route) => `${route.method} ${route.url}`),
      )
      watch = await watchData(app.db)
    })
    after(async () => app.close())

    // Real ids reach past the 404 into the handlers. DELETE and erasure are left to random ids: they
    // would remove the very lead the other operations work on.
    function existingIds(parameter: Parameter, operation: Operation): string[] {
      const collection = operation.path
        .split('/')
        .at(operation.path.split('/').indexOf(`{${parameter.name}}`) - 1)
      if (operation.method === 'DELETE' || /eras/i.test(operation.path)) return []
      if (collection === 'leads') return [home.leadId]
      if (collection === 'versions') return ['1', '2']
      return []
    }

    async function send(request: RequestCase): Promise<Answer> {
      const headers: Record<string, string> = {}
      const credentials = request.credentials
      if (credentials === 'key') headers.authorization = `Bearer ${app.workspace.keys.admin}`
      else if (credentials === 'revoked-key') headers.authorization = `Bearer ${revokedKey}`
      else if (typeof credentials === 'string' && credentials.startsWith('session')) {
        headers.cookie = session.cookie
        if (credentials === 'session') headers['x-csrf-token'] = session.csrf
        if (credentials === 'session-with-wrong-csrf') headers['x-csrf-token'] = `${session.csrf}x`
      } else if (typeof credentials === 'object') Object.assign(headers, credentials)
      if (request.contentType) headers['content-type'] = request.contentType
      const response = await fetch(`${app.baseUrl}${request.url}`, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      })
      const text = await response.text()
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', text }
    }

    // A fuzzed DELETE /session (or a user change) may end the session: start a new one, outside the watch.
    async function keepSessionAlive(request: RequestCase) {
      if (typeof request.credentials !== 'string' || !request.credentials.startsWith('session')) return
      const token = session.cookie.slice('takt_session='.length)
      if (await credentialRepository.findSession(app.db, hashSecret(token), app.clock.now())) return
      session = await mintSession(app)
      await watch.changes()
    }

    function addFinding(finding: string, where: string) {
      findings.set(finding, (findings.get(finding) ?? new Set()).add(where))
    }

    /** What is wrong with the answer; undocumented generic statuses are findings, not failures. */
    function check(operation: Operation, request: RequestCase, answer: Answer): string[] {
      const problems: string[] = []
      const where = `${operation.method} ${operation.path}`
      if (answer.status >= 500) problems.push(`server error ${answer.status}`)
      const declared =
        operation.responses.get(String(answer.status)) ??
        operation.responses.get(`${String(answer.status)[0]}XX`) ??
        operation.responses.get('default')
      if (!declared && GENERIC_STATUSES.has(answer.status))
        addFinding(`answers ${answer.status}, undocumented`, where)
      else if (!declared && answer.status < 500) problems.push(`undocumented status ${answer.status}`)
      const mediaType = answer.contentType.split(';')[0]!.trim()
      if (
        declared &&
        answer.text &&
        declared.mediaTypes.length > 0 &&
        !declared.mediaTypes.includes(mediaType)
      )
        addFinding(
          `${answer.status} is sent as ${mediaType}, documented as ${declared.mediaTypes.join(', ')}`,
          where,
        )
      if (declared?.schema && answer.text && /json/.test(mediaType)) {
        const validate = validatorFor(declared.schema) as ((value: unknown) => boolean) & { errors?: unknown }
        if (!validate(JSON.parse(answer.text)))
          problems.push(
            `${answer.status} body does not match its schema: ${JSON.stringify(validate.errors).slice(0, 300)}`,
          )
      }
      if (answer.status === 204 && answer.text) problems.push('204 with a body')
      const isPublic = publicRoutes.has(`${operation.method} ${operation.path.replace(/\{(\w+)\}/g, ':$1')}`)
      if (request.label === 'bad credentials' && !isPublic) {
        const csrf =
          request.credentials === 'session-without-csrf' || request.credentials === 'session-with-wrong-csrf'
        const expected = csrf ? (operation.method === 'GET' ? undefined : 403) : 401
        if (expected && answer.status !== expected)
          problems.push(`expected ${expected} for ${JSON.stringify(request.credentials)}`)
      }
      return problems
    }

    /** Sends the cases and returns the problems found, one example per distinct problem. */
    async function fuzz(operation: Operation, cases: RequestCase[]): Promise<Map<string, string>> {
      const problems = new Map<string, string>()
      for (const request of cases) {
        const answer = await send(request)
        sent++
        const found = check(operation, request, answer)
        const changed = await watch.changes()
        if (answer.status >= 400 && answer.status < 500)
          found.push(...changed.map((change) => `refused with ${answer.status} but changed ${change}`))
        await keepSessionAlive(request)
        for (const problem of found) {
          const key = `${request.label}: ${problem}`
          if (!problems.has(key)) problems.set(key, describeCase(request, answer))
        }
      }
      return problems
    }

    test('every operation of the document, valid and invalid requests', async (t) => {
      const perOperation = Math.max(MIN_CASES_PER_OPERATION, Math.ceil(TOTAL_CASES / operations.length))
      for (const [index, operation] of operations.entries()) {
        await t.test(`${operation.method} ${operation.path}`, async () => {
          const cases = fc.sample(requestCases(operation, existingIds), {
            seed: SEED + index,
            numRuns: perOperation,
          })
          assert.ok(cases.filter((request) => request.valid).length > perOperation / 4)
          const problems = await fuzz(operation, cases)
          assert.deepEqual(
            [...problems].map(([problem, example]) => `${problem}\n    e.g. ${example}`),
            [],
          )
        })
      }
      t.diagnostic(`${sent} requests over ${operations.length} operations`)
      for (const [finding, where] of [...findings].sort())
        t.diagnostic(
          `finding: ${finding}: ${where.size > 3 ? `${where.size} operations` : [...where].join(', ')}`,
        )
      assert.ok(sent >= TOTAL_CASES, `only ${sent} requests`)
    })

    // The document declares touchpoints as free-form items (each is validated on its own), so the
    // fuzz above cannot reach their fields; this generates them from the item schema itself.
    test('touchpoints generated from the item schema are stored or refused per item, never a 5xx', async () => {
      const now = app.clock.now().getTime()
      // Times the service accepts (2000 until now), and leap seconds, which the format allows too.
      const occurredAt = validValue({ type: 'string', format: 'date-time' }).filter((value) => {
        const time = value as string
        return (
          time.includes(':60') ||
          (Date.parse(time) >= Date.parse('2000-01-01T00:00:00Z') && Date.parse(time) <= now)
        )
      })
      const events = fc.sample(
        fc.tuple(
          // Valid by the schema and by the rule the API states for all text: no NUL, no lone surrogates.
          validValue(IngestEventSchema as unknown as JsonSchema).filter(
            (value) => unsafeStrings(value, '').length === 0,
          ),
          fc.constantFrom('page_view', 'demo_request', 'content_download', 'custom.fuzz'),
          occurredAt,
          fc.constantFrom(home.contentId, 'demo', undefined),
        ),
        { seed: SEED, numRuns: 150 },
      )
      const problems = new Map<string, string>()
      let accepted = 0
      for (const [generated, type, time, contentId] of events) {
        const { contentId: _random, ...event } = generated as Record<string, unknown>
        const item = { ...event, type, occurredAt: time, ...(contentId ? { contentId } : {}) }
        const body = { events: [item] }
        const request: RequestCase = {
          valid: true,
          label: 'touchpoint',
          method: 'POST',
          url: '/api/v1/events',
          credentials: 'key',
          contentType: 'application/json',
          body: JSON.stringify(body),
        }
        const answer = await send(request)
        if (answer.status === 200) accepted += (JSON.parse(answer.text) as { accepted: number }).accepted
        else if (!problems.has(String(answer.status)))
          problems.set(String(answer.status), describeCase(request, answer))
      }
      assert.deepEqual([...problems.values()], [])
      assert.ok(accepted > events.length / 4, `only ${accepted} of ${events.length} touchpoints were stored`)
    })
  })
}

async function mintSession(app: TestApp): Promise<TestSession> {
  // Made directly, not through sign-in: the fuzz's failed sign-ins throttle this address.
  const { token, id } = newSessionToken()
  const expiresAt = new Date(app.clock.now().getTime() + 12 * 3_600_000)
  await credentialRepository.createSession(
    app.db,
    app.workspace.id,
    app.workspace.users.admin.id,
    id,
    expiresAt,
  )
  return { cookie: `takt_session=${token}`, csrf: csrfTokenFor(token) }
}

function describeCase(request: RequestCase, answer: Answer): string {
  const body =
    typeof request.body === 'string' ? request.body : request.body ? `<${request.body.length} bytes>` : ''
  return (
    `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.credentials).slice(0, 60)} ` +
    `${request.contentType ?? ''} ${body.slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 200)}`
  )
}
