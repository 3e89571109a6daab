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
      bootstrap: { workspace: undefined, workspaceName: undefined, timezone: undefined, admin: undefined },
      logLevel: 'info',
      allowPrivateWebhookTargets: false,
      publicUrl: undefined,
      retentionMonths: 24,
      rateLimitPerMinute: 600,
      corsOrigins: [],
      jobIntervals: {
        slaBreachMs: 60_000,
        webhookDeliveryMs: 2_000,
        leadRefreshMs: 60_000,
        shadowMs: 60_000,
      },
      backtestWorkers: undefined,
      metricsPublic: false,
      trustProxy: false,
    })
  })

  it('takes the backtest worker threads from TAKT_BACKTEST_WORKERS, 0 to 16', () => {
    assert.equal(loadConfig({ TAKT_BACKTEST_WORKERS: '0' }).backtestWorkers, 0)
    assert.equal(loadConfig({ TAKT_BACKTEST_WORKERS: '3' }).backtestWorkers, 3)
    for (const bad of ['17', '-1', 'two', '1.5']) {
      assert.equal(problemsOf({ TAKT_BACKTEST_WORKERS: bad }).length, 1, bad)
    }
  })

  it('believes X-Forwarded-For only from the proxies TAKT_TRUST_PROXY names', () => {
    assert.equal(loadConfig({ TAKT_TRUST_PROXY: 'true' }).trustProxy, true)
    assert.equal(loadConfig({ TAKT_TRUST_PROXY: 'false' }).trustProxy, false)
    assert.equal(loadConfig({ TAKT_TRUST_PROXY: '2' }).trustProxy, 2)
    assert.deepEqual(loadConfig({ TAKT_TRUST_PROXY: '10.0.0.0/8,::1' }).trustProxy, ['10.0.0.0/8', '::1'])
    assert.equal(problemsOf({ TAKT_TRUST_PROXY: 'yes please' }).length, 1)
    assert.match(
      problemsOf({ TAKT_TRUST_PROXY: 'yes please' })[0]!,
      /^TAKT_TRUST_PROXY must be true, false, a number/,
    )
  })

  it('opens GET /metrics to anyone only when TAKT_METRICS_PUBLIC says so', () => {
    assert.equal(loadConfig({ TAKT_METRICS_PUBLIC: 'true' }).metricsPublic, true)
    assert.equal(loadConfig({ TAKT_METRICS_PUBLIC: '0' }).metricsPublic, false)
    assert.deepEqual(problemsOf({ TAKT_METRICS_PUBLIC: 'yes' }), [
      'TAKT_METRICS_PUBLIC must be true or false (got "yes")',
    ])
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

  it('reads how often the background jobs run, within 100 ms and an hour', () => {
    const config = loadConfig({
      TAKT_SLA_JOB_INTERVAL_MS: '500',
      TAKT_WEBHOOK_JOB_INTERVAL_MS: '100',
      TAKT_LEAD_REFRESH_JOB_INTERVAL_MS: '3600000',
      TAKT_SHADOW_JOB_INTERVAL_MS: '120000',
    })
    assert.deepEqual(config.jobIntervals, {
      slaBreachMs: 500,
      webhookDeliveryMs: 100,
      leadRefreshMs: 3_600_000,
      shadowMs: 120_000,
    })
    assert.ok(Object.isFrozen(config.jobIntervals))
    assert.deepEqual(
      problemsOf({
        TAKT_SLA_JOB_INTERVAL_MS: '99',
        TAKT_WEBHOOK_JOB_INTERVAL_MS: '1.5',
        TAKT_LEAD_REFRESH_JOB_INTERVAL_MS: '3600001',
      }),
      [
        'TAKT_SLA_JOB_INTERVAL_MS must be a whole number of milliseconds from 100 to 3600000 (got "99")',
        'TAKT_WEBHOOK_JOB_INTERVAL_MS must be a whole number of milliseconds from 100 to 3600000 (got "1.5")',
        'TAKT_LEAD_REFRESH_JOB_INTERVAL_MS must be a whole number of milliseconds from 100 to 3600000 (got "3600001")',
      ],
    )
  })

  it('reads the workspace and first admin to create on first start', () => {
    const config = loadConfig({
      TAKT_BOOTSTRAP_WORKSPACE: 'acme',
      TAKT_BOOTSTRAP_WORKSPACE_NAME: 'Acme GmbH',
      TAKT_BOOTSTRAP_TIMEZONE: 'Europe/Vienna',
      TAKT_BOOTSTRAP_ADMIN_EMAIL: 'ops@acme.example',
      TAKT_BOOTSTRAP_ADMIN_NAME: 'Olga Ops',
      TAKT_BOOTSTRAP_ADMIN_PASSWORD: 'twelve chars ok',
    })
    assert.deepEqual(config.bootstrap, {
      workspace: 'acme',
      workspaceName: 'Acme GmbH',
      timezone: 'Europe/Vienna',
      admin: { email: 'ops@acme.example', name: 'Olga Ops', password: 'twelve chars ok' },
    })
    assert.ok(Object.isFrozen(config.bootstrap) && Object.isFrozen(config.bootstrap.admin))
    // A restart may leave the password out: the admin exists by then.
    assert.deepEqual(loadConfig({ TAKT_BOOTSTRAP_ADMIN_EMAIL: 'ops@acme.example' }).bootstrap.admin, {
      email: 'ops@acme.example',
      name: undefined,
      password: undefined,
    })
  })

  it('refuses bootstrap values sign-in would refuse, without echoing the password', () => {
    assert.deepEqual(
      problemsOf({
        TAKT_BOOTSTRAP_WORKSPACE: 'Acme GmbH',
        TAKT_BOOTSTRAP_TIMEZONE: 'Europe/Atlantis',
        TAKT_BOOTSTRAP_ADMIN_EMAIL: 'ops at acme',
        TAKT_BOOTSTRAP_ADMIN_PASSWORD: 'hunter2',
      }),
      [
        'TAKT_BOOTSTRAP_WORKSPACE must be a slug of 2 to 63 lower-case letters, digits and inner hyphens (got "Acme GmbH")',
        'TAKT_BOOTSTRAP_TIMEZONE must be an IANA time zone such as Europe/Berlin (got "Europe/Atlantis")',
        'TAKT_BOOTSTRAP_ADMIN_EMAIL must be an e-mail address (got "ops at acme")',
        'TAKT_BOOTSTRAP_ADMIN_PASSWORD must be 12 to 200 characters long, as sign-in demands',
      ],
    )
  })

  it('refuses an admin password or name without the admin e-mail', () => {
    assert.deepEqual(
      problemsOf({ TAKT_BOOTSTRAP_ADMIN_PASSWORD: 'long enough secret', TAKT_BOOTSTRAP_ADMIN_NAME: 'Olga' }),
      [
        'TAKT_BOOTSTRAP_ADMIN_PASSWORD needs TAKT_BOOTSTRAP_ADMIN_EMAIL: the admin it belongs to',
        'TAKT_BOOTSTRAP_ADMIN_NAME needs TAKT_BOOTSTRAP_ADMIN_EMAIL: the admin it belongs to',
      ],
    )
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
