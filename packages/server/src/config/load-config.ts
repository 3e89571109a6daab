// The only reader of environment variables: validated once at start-up, then passed down as a
// frozen object. With no variables at all Takt runs on embedded PGlite in ./.takt.
import { Type, type Static } from 'typebox'
import Value from 'typebox/value'
import Format from 'typebox/format'
import { WORKSPACE_SLUG_PATTERN } from '#core/workspace/workspace-slug.ts'
import { PASSWORD_LENGTH } from '../auth/password.ts'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

// How often each instance polls for a job's work. The floor keeps a typo (1) from turning into a busy loop
// against the database; the ceiling keeps SLA breaches from firing hours late.
function JobInterval(defaultMs: number) {
  return Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: defaultMs,
    description: 'a whole number of milliseconds from 100 to 3600000',
  })
}

// A zone the runtime's time-zone database knows; agreements and SLA clocks are computed in it.
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
const TIME_ZONE_FORMAT = 'takt-time-zone'
Format.Set(TIME_ZONE_FORMAT, isTimeZone)

// Each description completes "must be …", so an error line reads as a sentence.
const EnvSchema = Type.Object({
  PORT: Type.Integer({
    minimum: 1,
    maximum: 65535,
    default: 3000,
    description: 'a whole number from 1 to 65535',
  }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'a host name or IP address' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      format: 'url',
      description: 'a postgres:// or postgresql:// URL',
    }),
  ),
  TAKT_DATA_DIR: Type.String({ minLength: 1, default: './.takt', description: 'a directory path' }),
  TAKT_BOOTSTRAP_API_KEY: Type.Optional(
    Type.String({ minLength: 24, description: 'at least 24 characters long' }),
  ),
  // The workspace and first admin created on first start (and the defaults of `takt init`).
  TAKT_BOOTSTRAP_WORKSPACE: Type.Optional(
    Type.String({
      pattern: WORKSPACE_SLUG_PATTERN,
      description: 'a slug of 2 to 63 lower-case letters, digits and inner hyphens',
    }),
  ),
  TAKT_BOOTSTRAP_WORKSPACE_NAME: Type.Optional(
    Type.String({ maxLength: 200, description: 'a name of at most 200 characters' }),
  ),
  TAKT_BOOTSTRAP_TIMEZONE: Type.Optional(
    Type.String({ format: TIME_ZONE_FORMAT, description: 'an IANA time zone such as Europe/Berlin' }),
  ),
  TAKT_BOOTSTRAP_ADMIN_EMAIL: Type.Optional(
    Type.String({ format: 'email', maxLength: 254, description: 'an e-mail address' }),
  ),
  TAKT_BOOTSTRAP_ADMIN_NAME: Type.Optional(
    Type.String({ maxLength: 200, description: 'a name of at most 200 characters' }),
  ),
  TAKT_BOOTSTRAP_ADMIN_PASSWORD: Type.Optional(
    Type.String({
      minLength: PASSWORD_LENGTH.min,
      maxLength: PASSWORD_LENGTH.max,
      description: `${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long, as sign-in demands`,
    }),
  ),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { default: 'info', description: `one of ${LOG_LEVELS.join(', ')}` }),
  TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS: Type.Boolean({ default: false, description: 'true or false' }),
  TAKT_PUBLIC_URL: Type.Optional(
    Type.String({ pattern: '^https?://', format: 'url', description: 'an http:// or https:// URL' }),
  ),
  TAKT_RETENTION_MONTHS: Type.Integer({
    minimum: 0,
    maximum: 1200,
    default: 24,
    description: 'a whole number of months from 0 (off) to 1200',
  }),
  TAKT_RATE_LIMIT_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 600,
    description: 'a whole number of requests per minute from 1 to 1000000',
  }),
  TAKT_CORS_ORIGINS: Type.Optional(
    Type.String({
      pattern: '^https?://[^,\\s]+(,https?://[^,\\s]+)*$',
      description: 'a comma-separated list of origins such as https://crm.example.com',
    }),
  ),
  TAKT_SLA_JOB_INTERVAL_MS: JobInterval(60_000),
  TAKT_WEBHOOK_JOB_INTERVAL_MS: JobInterval(2_000),
  TAKT_LEAD_REFRESH_JOB_INTERVAL_MS: JobInterval(60_000),
  TAKT_SHADOW_JOB_INTERVAL_MS: JobInterval(60_000),
  TAKT_BACKTEST_WORKERS: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 16, description: 'a whole number of worker threads from 0 to 16' }),
  ),
  TAKT_METRICS_PUBLIC: Type.Boolean({ default: false, description: 'true or false' }),
  TAKT_TRUST_PROXY: Type.Optional(
    Type.String({
      pattern: '^(true|false|[1-9]|([0-9a-fA-F.:]+(/[0-9]{1,3})?)(,[0-9a-fA-F.:]+(/[0-9]{1,3})?)*)$',
      description:
        'true, false, a number of proxy hops from 1 to 9, or a comma-separated list of proxy addresses or CIDR ranges',
    }),
  ),
})
type Env = Static<typeof EnvSchema>
type EnvName = keyof Env
type Annotated = { type?: unknown; description?: string }
const schemaOf = (name: EnvName): Annotated => EnvSchema.properties[name] as Annotated

// Values that must not end up in an error message printed to a terminal or a log.
const SECRETS: ReadonlySet<EnvName> = new Set([
  'DATABASE_URL',
  'TAKT_BOOTSTRAP_API_KEY',
  'TAKT_BOOTSTRAP_ADMIN_PASSWORD',
])

export type Config = Readonly<{
  port: number
  host: string
  /** unset: embedded PGlite in dataDir */
  databaseUrl: string | undefined
  dataDir: string
  bootstrapApiKey: string | undefined
  /** what to create on first start when the database has no such workspace yet; all unset: nothing */
  bootstrap: BootstrapConfig
  logLevel: LogLevel
  allowPrivateWebhookTargets: boolean
  /** the address users reach Takt at, when it differs from host:port (proxy, TLS) */
  publicUrl: string | undefined
  /** leads without activity for this many months are erased; 0: never */
  retentionMonths: number
  rateLimitPerMinute: number
  /** browser origins allowed to call the API; empty means same origin only */
  corsOrigins: readonly string[]
  /** how often each instance runs a background job's round */
  jobIntervals: Readonly<{
    slaBreachMs: number
    webhookDeliveryMs: number
    leadRefreshMs: number
    shadowMs: number
  }>
  /** GET /metrics answers anyone (a scraper on a private network); otherwise admin keys only */
  /** worker threads a backtest replays on; undefined: by its size (services/backtest/replay-pool.ts) */
  backtestWorkers: number | undefined
  metricsPublic: boolean
  /** which proxies' X-Forwarded-For to believe for the caller's address: none, all, N hops, or these */
  trustProxy: boolean | number | readonly string[]
}>

export type BootstrapConfig = Readonly<{
  /** unset: the caller's default (the demo workspace, or `main`) */
  workspace: string | undefined
  workspaceName: string | undefined
  timezone: string | undefined
  admin: Readonly<{ email: string; name: string | undefined; password: string | undefined }> | undefined
}>

export class ConfigError extends Error {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
    this.problems = problems
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, unknown> = {}
  for (const name of Object.keys(EnvSchema.properties) as EnvName[]) {
    const text = env[name]?.trim()
    // An empty variable (FOO= in a .env file) means "not set", so the default applies.
    if (text) input[name] = convert(schemaOf(name), text)
  }
  const values = Value.Default(EnvSchema, input)
  const problems = [...describeProblems(values, env), ...describeMissing(values as Partial<Env>)]
  if (problems.length > 0) throw new ConfigError(problems)
  const valid = values as Env
  return Object.freeze({
    port: valid.PORT,
    host: valid.HOST,
    databaseUrl: valid.DATABASE_URL,
    dataDir: valid.TAKT_DATA_DIR,
    bootstrapApiKey: valid.TAKT_BOOTSTRAP_API_KEY,
    bootstrap: Object.freeze({
      workspace: valid.TAKT_BOOTSTRAP_WORKSPACE,
      workspaceName: valid.TAKT_BOOTSTRAP_WORKSPACE_NAME,
      timezone: valid.TAKT_BOOTSTRAP_TIMEZONE,
      admin:
        valid.TAKT_BOOTSTRAP_ADMIN_EMAIL === undefined
          ? undefined
          : Object.freeze({
              email: valid.TAKT_BOOTSTRAP_ADMIN_EMAIL,
              name: valid.TAKT_BOOTSTRAP_ADMIN_NAME,
              password: valid.TAKT_BOOTSTRAP_ADMIN_PASSWORD,
            }),
    }),
    logLevel: valid.LOG_LEVEL,
    allowPrivateWebhookTargets: valid.TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS,
    publicUrl: valid.TAKT_PUBLIC_URL?.replace(/\/+$/, ''),
    retentionMonths: valid.TAKT_RETENTION_MONTHS,
    rateLimitPerMinute: valid.TAKT_RATE_LIMIT_PER_MINUTE,
    corsOrigins: Object.freeze(valid.TAKT_CORS_ORIGINS?.split(',') ?? []),
    jobIntervals: Object.freeze({
      slaBreachMs: valid.TAKT_SLA_JOB_INTERVAL_MS,
      webhookDeliveryMs: valid.TAKT_WEBHOOK_JOB_INTERVAL_MS,
      leadRefreshMs: valid.TAKT_LEAD_REFRESH_JOB_INTERVAL_MS,
      shadowMs: valid.TAKT_SHADOW_JOB_INTERVAL_MS,
    }),
    backtestWorkers: valid.TAKT_BACKTEST_WORKERS,
    metricsPublic: valid.TAKT_METRICS_PUBLIC,
    trustProxy: parseTrustProxy(valid.TAKT_TRUST_PROXY),
  })
}

function parseTrustProxy(text: string | undefined): Config['trustProxy'] {
  if (text === undefined || text === 'false') return false
  if (text === 'true') return true
  if (/^\d$/.test(text)) return Number(text)
  return Object.freeze(text.split(','))
}

// Stricter than Value.Convert, which would quietly turn PORT=12.5 into 12 and FLAG=yes into a string.
function convert(schema: Annotated, text: string): unknown {
  if (schema.type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text
  if (schema.type === 'boolean') {
    const lower = text.toLowerCase()
    if (lower === 'true' || lower === '1') return true
    if (lower === 'false' || lower === '0') return false
  }
  return text
}

// Variables that mean nothing alone. A password without its admin would be dropped silently, and the
// first sign-in would then fail with no hint why.
function describeMissing(values: Partial<Env>): string[] {
  const problems: string[] = []
  for (const name of ['TAKT_BOOTSTRAP_ADMIN_PASSWORD', 'TAKT_BOOTSTRAP_ADMIN_NAME'] as const) {
    if (values[name] !== undefined && values.TAKT_BOOTSTRAP_ADMIN_EMAIL === undefined)
      problems.push(`${name} needs TAKT_BOOTSTRAP_ADMIN_EMAIL: the admin it belongs to`)
  }
  return problems
}

// One line per bad variable, however many schema keywords it failed.
function describeProblems(values: unknown, env: Record<string, string | undefined>): string[] {
  const bad = new Set<EnvName>()
  for (const error of Value.Errors(EnvSchema, values)) bad.add(error.instancePath.split('/')[1] as EnvName)
  return [...bad].map((name) => {
    const got = SECRETS.has(name) ? '' : ` (got ${JSON.stringify(env[name]?.trim())})`
    return `${name} must be ${schemaOf(name).description}${got}`
  })
}
