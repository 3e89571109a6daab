import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.ts'

// Hardening is HTTP-level behaviour, the same on every database: PGlite is enough here.
describe('HTTP hardening', () => {
  let app: TestApp
  before(async () => {
    app = await startTestApp('pglite', { rateLimitPerMinute: 20 })
  })
  after(async () => app.close())

  test('a flood from one key gets 429 with Retry-After, never a 5xx; other keys are unaffected', async () => {
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let index = 0; index < 40; index++) {
      const response = await app.request('GET', '/api/v1/content', { key: app.workspace.keys.read })
      statuses.push(response.status)
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after')
        assert.equal(response.body.code, 'TOO_MANY_REQUESTS')
      }
    }
    assert.equal(statuses.filter((status) => status === 200).length, 20)
    assert.equal(statuses.filter((status) => status === 429).length, 20)
    assert.ok(Number(retryAfter) > 0 && Number(retryAfter) <= 60, String(retryAfter))
    assert.equal((await app.request('GET', '/api/v1/content', { key: app.workspace.keys.admin })).status, 200)
  })

  test('a flood of distinct callers keeps memory bounded and answers without 5xx', async () => {
    // A real collection before each reading, so the difference is what stayed alive.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    gc()
    const before = process.memoryUsage().heapUsed
    for (let batch = 0; batch < 30; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          app.request('GET', '/api/v1/leads', { key: `takt_read_fake${batch}x${index}` }),
        ),
      )
      assert.ok(responses.every((response) => response.status === 401))
    }
    gc()
    const grownMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024
    // 3,000 distinct callers fit in the limiter's bounded cache; the heap does not grow with them.
    assert.ok(grownMb < 64, `heap grew by ${grownMb.toFixed(1)} MB`)
  })

  test('responses carry security headers and no stack traces', async () => {
    const response = await app.request('GET', '/api/v1/health')
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/)
    assert.ok(response.headers.get('strict-transport-security'))
    assert.equal(response.headers.get('x-powered-by'), null)
    const broken = await app.request('GET', '/api/v1/leads/not-a-uuid', { key: app.workspace.keys.admin })
    assert.equal(broken.status, 400)
    assert.ok(!/\n\s+at |\.ts:\d+/.test(JSON.stringify(broken.body)), 'no stack trace')
  })

  test('cross-origin browser calls are not allowed unless configured', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/health`, {
      headers: { origin: 'https://evil.example' },
    })
    assert.equal(response.headers.get('access-control-allow-origin'), null)
  })

  test('an oversized body is refused with 413 before it is parsed', async () => {
    const huge = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024), kind: 'blog', journeyStage: null })
    const response = await app.request('PUT', '/api/v1/content/huge', {
      key: app.workspace.keys.admin,
      body: huge,
    })
    assert.equal(response.status, 413)
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
  })
})

describe('logs', () => {
  test('passwords, API keys and session tokens never appear in the logs, even at trace level', async () => {
    const lines: string[] = []
    const app = await startTestApp('pglite', {
      logLevel: 'trace',
      logStream: { write: (line) => lines.push(line) },
    })
    try {
      const session = await app.login(app.workspace.users.admin.email)
      const created = await app.request('POST', '/api/v1/api-keys', {
        session,
        body: { name: 'secret probe', scope: 'read' },
      })
      await app.request('GET', '/api/v1/leads', { key: created.body.key })
      await app.request('POST', '/api/v1/session', {
        body: { workspace: 'acme', email: app.workspace.users.sales.email, password: 'wrong-password-123' },
      })
      const log = lines.join('')
      assert.ok(lines.length >= 4, 'every request was logged')
      for (const secret of [
        TEST_PASSWORD,
        'wrong-password-123',
        created.body.key,
        session.cookie.split('=')[1]!,
        app.workspace.keys.read,
      ]) {
        assert.ok(!log.includes(secret), `a secret appeared in the log: ${secret.slice(0, 12)}…`)
      }
    } finally {
      await app.close()
    }
  })
})

describe('CORS when configured', () => {
  test('only the configured origin may call the API from a browser', async () => {
    const app = await startTestApp('pglite', { corsOrigins: ['https://crm.example.com'] })
    try {
      const allowed = await fetch(`${app.baseUrl}/api/v1/health`, {
        headers: { origin: 'https://crm.example.com' },
      })
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://crm.example.com')
      const other = await fetch(`${app.baseUrl}/api/v1/health`, {
        headers: { origin: 'https://evil.example' },
      })
      assert.equal(other.headers.get('access-control-allow-origin'), null)
    } finally {
      await app.close()
    }
  })
})

describe('query numbers', () => {
  let app: TestApp
  before(async () => {
    app = await startTestApp('pglite')
  })
  after(async () => app.close())

  test('a number in a query that is not finite is refused naming the parameter', async () => {
    for (const value of ['Infinity', '-Infinity']) {
      const response = await app.request('GET', `/api/v1/leads?limit=${value}`, {
        key: app.workspace.keys.read,
      })
      assert.equal(response.status, 400, JSON.stringify(response.body))
      assert.deepEqual(response.body.errors, [
        { path: 'querystring/limit', message: 'must be a finite number' },
      ])
    }
  })
})
