// The only reader of environment variables: validated once at start-up, then passed down as a
// frozen object. With no variables at all Takt runs on embedded PGlite in ./.takt.
import { Type, type Static } from 'typebox'
import Value from 'typebox/value'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

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
})
type Env = Static<typeof EnvSchema>
type EnvName = keyof Env
type Annotated = { type?: unknown; description?: string }
const schemaOf = (name: EnvName): Annotated => EnvSchema.properties[name] as Annotated

// Values that must not end up in an error message printed to a terminal or a log.
const SECRETS: ReadonlySet<EnvName> = new Set(['DATABASE_URL', 'TAKT_BOOTSTRAP_API_KEY'])

export type Config = Readonly<{
  port: number
  host: string
  /** unset: embedded PGlite in dataDir */
  databaseUrl: string | undefined
  dataDir: string
  bootstrapApiKey: string | undefined
  logLevel: LogLevel
  allowPrivateWebhookTargets: boolean
  /** the address users reach Takt at, when it differs from host:port (proxy, TLS) */
  publicUrl: string | undefined
  /** leads without activity for this many months are erased; 0: never */
  retentionMonths: number
  rateLimitPerMinute: number
  /** browser origins allowed to call the API; empty means same origin only */
  corsOrigins: readonly string[]
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
  const problems = describeProblems(values, env)
  if (problems.length > 0) throw new ConfigError(problems)
  const valid = values as Env
  return Object.freeze({
    port: valid.PORT,
    host: valid.HOST,
    databaseUrl: valid.DATABASE_URL,
    dataDir: valid.TAKT_DATA_DIR,
    bootstrapApiKey: valid.TAKT_BOOTSTRAP_API_KEY,
    logLevel: valid.LOG_LEVEL,
    allowPrivateWebhookTargets: valid.TAKT_ALLOW_PRIVATE_WEBHOOK_TARGETS,
    publicUrl: valid.TAKT_PUBLIC_URL?.replace(/\/+$/, ''),
    retentionMonths: valid.TAKT_RETENTION_MONTHS,
    rateLimitPerMinute: valid.TAKT_RATE_LIMIT_PER_MINUTE,
    corsOrigins: Object.freeze(valid.TAKT_CORS_ORIGINS?.split(',') ?? []),
  })
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

// One line per bad variable, however many schema keywords it failed.
function describeProblems(values: unknown, env: Record<string, string | undefined>): string[] {
  const bad = new Set<EnvName>()
  for (const error of Value.Errors(EnvSchema, values)) bad.add(error.instancePath.split('/')[1] as EnvName)
  return [...bad].map((name) => {
    const got = SECRETS.has(name) ? '' : ` (got ${JSON.stringify(env[name]?.trim())})`
    return `${name} must be ${schemaOf(name).description}${got}`
  })
}
