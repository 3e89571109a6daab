import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigError, loadConfig } from './load-config.ts'

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env)
  } catch (error) {
    assert.ok(error instanceof ConfigError)
    return error.problems
  }
  assert.fail('expected a ConfigError')
}

describe('loadConfig', () => {
  it('runs with no configuration at all, on embedded PGlite in ./.takt', () => {
    assert.deepEqual(loadConfig({}), {
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './.takt',
      bootstrapApiKey: undefined,
      logLevel: 'info',
      allowPrivateWebhookTargets: false,
      publicUrl: undefined,
      retentionMonths: 24,
      rateLimitPerMinute: 600,
      corsOrigins: [],
    })
  })

  it('reads every variable into a frozen, typed object', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://takt:secret@db.internal:5432/takt',
      TAKT_DATA_DIR: '/var/lib/takt',
      TAKT_BOOTSTRAP_API_KEY: 'takt_ingest_0123456789abcdef',
      LOG_LEVEL: 'debug',
      TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
      TAKT_PUBLIC_URL: 'https://takt.example.com/',
      TAKT_RETENTION_MONTHS: '36',
      UNRELATED: 'ignored',
    })
    assert.equal(config.port, 8080)
    assert.equal(config.databaseUrl, 'postgresql://takt:secret@db.internal:5432/takt')
    assert.equal(config.allowPrivateWebhookTargets, true)
    assert.equal(config.publicUrl, 'https://takt.example.com')
    assert.equal(config.retentionMonths, 36)
    assert.ok(Object.isFrozen(config))
  })

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port, 3000)
    assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined)
  })

  for (const [name, value, expected] of [
    ['PORT', '0', 'PORT must be a whole number from 1 to 65535 (got "0")'],
    ['PORT', '70000', 'PORT must be a whole number from 1 to 65535 (got "70000")'],
    ['PORT', '12.5', 'PORT must be a whole number from 1 to 65535 (got "12.5")'],
    ['PORT', 'http', 'PORT must be a whole number from 1 to 65535 (got "http")'],
    ['DATABASE_URL', 'mysql://localhost/takt', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['TAKT_BOOTSTRAP_API_KEY', 'too-short', 'TAKT_BOOTSTRAP_API_KEY must be at least 24 characters long'],
    [
      'LOG_LEVEL',
      'verbose',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
    [
      'TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS',
      'yes',
      'TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS must be true or false (got "yes")',
    ],
    [
      'TAKT_RETENTION_MONTHS',
      '-1',
      'TAKT_RETENTION_MONTHS must be a whole number of months from 0 (off) to 1200 (got "-1")',
    ],
    [
      'TAKT_RETENTION_MONTHS',
      'two years',
      'TAKT_RETENTION_MONTHS must be a whole number of months from 0 (off) to 1200 (got "two years")',
    ],
    [
      'TAKT_PUBLIC_URL',
      'takt.example.com',
      'TAKT_PUBLIC_URL must be an http:// or https:// URL (got "takt.example.com")',
    ],
  ] as const) {
    it(`rejects ${name}=${value}`, () => {
      assert.deepEqual(problemsOf({ [name]: value }), [expected])
    })
  }

  it('accepts 1/0 and any case for booleans', () => {
    assert.equal(loadConfig({ TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS: 'TRUE' }).allowPrivateWebhookTargets, true)
    assert.equal(loadConfig({ TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS: '0' }).allowPrivateWebhookTargets, false)
  })

  it('reports every bad variable at once, one line each, without echoing secrets', () => {
    const env = { PORT: '-1', LOG_LEVEL: 'loud', DATABASE_URL: 'postgres//user:hunter2@x' }
    assert.throws(
      () => loadConfig(env),
      (error: Error) => error.message.split('\n').length === 3,
    )
    const problems = problemsOf(env)
    assert.deepEqual(
      problems.map((line) => line.split(' ')[0]),
      ['PORT', 'DATABASE_URL', 'LOG_LEVEL'],
    )
    assert.ok(problems.every((line) => !line.includes('hunter2')))
  })

  it('reads the rate limit and the allowed browser origins', () => {
    const config = loadConfig({
      TAKT_RATE_LIMIT_PER_MINUTE: '120',
      TAKT_CORS_ORIGINS: 'https://crm.example.com,http://localhost:5173',
    })
    assert.equal(config.rateLimitPerMinute, 120)
    assert.deepEqual(config.corsOrigins, ['https://crm.example.com', 'http://localhost:5173'])
    assert.deepEqual(loadConfig({}).corsOrigins, [])
    assert.deepEqual(
      problemsOf({ TAKT_CORS_ORIGINS: '*' }).map((line) => line.split(' ')[0]),
      ['TAKT_CORS_ORIGINS'],
    )
    assert.deepEqual(
      problemsOf({ TAKT_RATE_LIMIT_PER_MINUTE: '0' }).map((line) => line.split(' ')[0]),
      ['TAKT_RATE_LIMIT_PER_MINUTE'],
    )
  })
})
