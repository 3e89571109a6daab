// The HTTP application: one factory, used by `takt serve` and by the API tests (real HTTP, real database).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import swagger from '@fastify/swagger'
import apiReference from '@scalar/fastify-api-reference'
import type { AppDeps } from './app-deps.ts'
import { HttpProblem, registerProblemHandlers, registerProblemResponses } from './problem.ts'
import { sharingProblemSerializer } from './problem-serializer.ts'
import { isInstant, registerInputSafety } from './input-safety.ts'
import { isCalendarDate } from '#core/util/is-calendar-date.ts'
import { registerStrictBodyParsers } from './strict-body.ts'
import { answerClientError, answerFrameworkError } from './client-errors.ts'
import { serverTimeoutOptions, type ServerTimeouts } from './server-timeouts.ts'
import { ProblemSchema } from './schemas/common.schema.ts'
import type { Ajv } from 'ajv'
import { registerAuthentication } from './authenticate.ts'
import { eventsRoutes } from './routes/events.routes.ts'
import { leadsRoutes } from './routes/leads.routes.ts'
import { leadDecisionsRoutes } from './routes/lead-decisions.routes.ts'
import { agreementRoutes } from './routes/agreement.routes.ts'
import { agreementDiffRoutes } from './routes/agreement-diff.routes.ts'
import { agreementVersionsRoutes } from './routes/agreement-versions.routes.ts'
import { contentRoutes } from './routes/content.routes.ts'
import { sessionRoutes } from './routes/session.routes.ts'
import { apiKeysRoutes } from './routes/api-keys.routes.ts'
import { privacyRoutes } from './routes/privacy.routes.ts'
import { metaRoutes } from './routes/meta.routes.ts'
import { setupRoutes } from './routes/setup.routes.ts'
import { usersRoutes } from './routes/users.routes.ts'
import { auditRoutes } from './routes/audit.routes.ts'
import { queueRoutes } from './routes/queue.routes.ts'
import { registerWebApp } from './web-app.ts'
import { registerDatabaseOutage } from './database-outage.ts'
import { createLogger } from '../logger.ts'
import { healthRoutes, type Readiness } from './routes/health.routes.ts'
import { watchDatabase, type DatabaseAvailability } from '../db/database-availability.ts'
import { inboxRoutes } from './routes/inbox.routes.ts'
import { pipelineRoutes } from './routes/pipeline.routes.ts'
import { leadBulkRoutes } from './routes/lead-bulk.routes.ts'
import { leadExportRoutes } from './routes/lead-export.routes.ts'
import { viewsRoutes } from './routes/views.routes.ts'
import { searchRoutes } from './routes/search.routes.ts'
import { repsRoutes } from './routes/reps.routes.ts'
import { webhooksRoutes } from './routes/webhooks.routes.ts'
import { webhookDeliveriesRoutes } from './routes/webhook-deliveries.routes.ts'
import { jobsRoutes } from './routes/jobs.routes.ts'
import { backtestsRoutes } from './routes/backtests.routes.ts'
import { predictionRoutes } from './routes/prediction.routes.ts'
import { shadowsRoutes } from './routes/shadows.routes.ts'
import { reportsRoutes } from './routes/reports.routes.ts'
import { contentGapsRoutes } from './routes/content-gaps.routes.ts'
import { leadRecommendationsRoutes } from './routes/lead-recommendations.routes.ts'
import { leadWorkRoutes } from './routes/lead-work.routes.ts'
import { notificationsRoutes } from './routes/notifications.routes.ts'
import { notificationSettingsRoutes } from './routes/notification-settings.routes.ts'
import { createMetrics } from '../metrics/metrics.ts'
import { registerRequestMetrics } from './request-metrics.ts'
import { metricsRoutes } from './routes/metrics.routes.ts'

export type AppOptions = AppDeps & {
  /** the process's logger (takt serve); otherwise one is made from logLevel and logStream */
  logger?: FastifyBaseLogger
  logLevel?: string
  /** requests per minute per API key, session or address (default 600) */
  rateLimitPerMinute?: number
  /** origins allowed to call the API from a browser; none by default (same origin only) */
  corsOrigins?: readonly string[]
  /** where logs go (default stdout); tests read them to prove secrets never appear */
  logStream?: { write: (line: string) => void }
  /** how long clients may take (see server-timeouts.ts); tests shorten them */
  timeouts?: Partial<ServerTimeouts>
  /** shared with the jobs of the same process; by default the app watches the database on its own */
  databaseAvailability?: DatabaseAvailability
  /** set to draining on shutdown, so /readyz takes the instance out of a load balancer's rotation */
  readiness?: Readiness
  /** GET /metrics without credentials (TAKT_METRICS_PUBLIC); otherwise admin keys and admins only */
  metricsPublic?: boolean
  /** whose X-Forwarded-For gives the caller's address (rate limits, sign-in throttling); nobody's by default */
  trustProxy?: boolean | number | readonly string[]
}

// A strict policy for everything the app serves; the API reference page, which needs its inline
// bootstrap script, relaxes it in its own scope below.
const CONTENT_SECURITY_POLICY = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
}

export async function buildApp(given: AppOptions): Promise<FastifyInstance> {
  // Each app counts in its own registry: apps built side by side (tests) never share metrics.
  const options = { ...given, metrics: given.metrics ?? createMetrics({ db: given.db, clock: given.clock }) }
  const app = Fastify({
    // Typed as Fastify's base logger so the app's type stays the one every route plugin is written for.
    loggerInstance: (options.logger ??
      createLogger(options.logLevel ?? 'info', options.logStream)) as FastifyBaseLogger,
    // One line per request at debug level instead of two at info: the terminal of `npm start` stays readable.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: {
      // removeAdditional off: a property the schema does not list is refused with a 400 naming it, not
      // dropped in silence (a misspelt setting would otherwise be "saved" and ignored).
      customOptions: { discriminator: true, allErrors: true, removeAdditional: false },
      // One calendar-correct check for every date the API takes: ajv-formats accepts leap seconds
      // (23:59:60) that no clock can name, and the code behind a route trusts Date.parse, which rolls
      // 30 February over to 2 March.
      onCreate: (ajv: Ajv) =>
        ajv
          .addFormat('date-time', { type: 'string', validate: isInstant })
          .addFormat('date', { type: 'string', validate: isCalendarDate }),
    },
    bodyLimit: 1024 * 1024,
    schemaController: { compilersFactory: { buildSerializer: sharingProblemSerializer() } },
    // Lists such as ?stage=mql,sal arrive comma-separated as often as repeated.
    // Long ids reach schema validation (a clear 400 naming the parameter). Node already caps the whole
    // head at 16 KiB (431), and a lower cap here would let the web app's catch-all answer a misleading 404.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16 * 1024 },
    trustProxy: trustedProxies(options.trustProxy),
    ...serverTimeoutOptions(options.timeouts),
    // Node's and the router's own 4xx answers (431, 408, bad percent-encoding, …) as problem+json too.
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerStrictBodyParsers(app)
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    )
  })
  await app.register(cookie)
  registerProblemHandlers(app)
  registerProblemResponses(app, ProblemSchema)
  const availability = options.databaseAvailability ?? watchDatabase(options.db, app.log)
  if (!options.databaseAvailability) app.addHook('onClose', async () => availability.stop())
  // Before authentication, which itself needs the database.
  registerDatabaseOutage(app, availability)
  registerInputSafety(app)
  await app.register(helmet, { contentSecurityPolicy: CONTENT_SECURITY_POLICY, global: true })
  if (options.corsOrigins && options.corsOrigins.length > 0) {
    await app.register(cors, { origin: [...options.corsOrigins], credentials: true })
  }
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // Bounded memory under a flood of distinct callers: the least recently seen are forgotten.
    cache: 10_000,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        'TOO_MANY_REQUESTS',
        `Rate limit of ${context.max} requests per minute reached; retry in ${Math.ceil(context.ttl / 1000)} s.`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        },
      ),
  })
  registerAuthentication(app, options.db, options.clock)
  registerRequestMetrics(app, options.metrics)
  await app.register(metricsRoutes(options.metrics, { isPublic: options.metricsPublic ?? false }))
  await app.register(async (root) => healthRoutes(root, options.db, options.readiness ?? { draining: false }))
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Takt API',
        version: '1',
        description:
          'Lead qualification engine: ingest touchpoints, read scored leads with explanations, move them through the ' +
          'lifecycle and manage the qualification agreement. Errors are RFC 9457 problem details. ' +
          'All text must be well-formed Unicode without NUL characters; other text is refused with 400.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer takt_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'takt_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
  })

  await app.register(
    async (api) => {
      api.addHook('preValidation', async (request) => {
        const query = request.query as Record<string, unknown> | undefined
        // Stage lists may come comma-separated as well as repeated.
        for (const key of ['stage', 'entered', 'enteredLeaving']) {
          if (query && typeof query[key] === 'string') query[key] = query[key].split(',').filter(Boolean)
        }
      })
      await api.register(metaRoutes(options, () => app.swagger()))
      await api.register(setupRoutes(options))
      await api.register(sessionRoutes(options))
      await api.register(eventsRoutes(options))
      await api.register(leadsRoutes(options))
      await api.register(leadDecisionsRoutes(options))
      await api.register(agreementRoutes(options))
      await api.register(agreementDiffRoutes(options))
      await api.register(agreementVersionsRoutes(options))
      await api.register(contentRoutes())
      await api.register(apiKeysRoutes(options))
      await api.register(privacyRoutes(options))
      await api.register(usersRoutes(options))
      await api.register(auditRoutes())
      await api.register(queueRoutes(options))
      await api.register(webhooksRoutes(options))
      await api.register(webhookDeliveriesRoutes(options))
      await api.register(jobsRoutes(options))
      await api.register(backtestsRoutes(options))
      await api.register(shadowsRoutes(options))
      await api.register(reportsRoutes(options))
      await api.register(contentGapsRoutes(options))
      await api.register(leadRecommendationsRoutes(options))
      await api.register(predictionRoutes(options))
      await api.register(notificationsRoutes(options))
      await api.register(leadWorkRoutes(options))
      await api.register(notificationSettingsRoutes(options))
      await api.register(inboxRoutes(options))
      await api.register(repsRoutes(options))
      await api.register(pipelineRoutes(options))
      await api.register(leadBulkRoutes(options))
      await api.register(leadExportRoutes(options))
      await api.register(viewsRoutes(options))
      await api.register(searchRoutes(options))
    },
    { prefix: '/api/v1' },
  )
  await app.register(async (docs) => {
    // Scalar boots from an inline script; only this page may run one.
    docs.addHook('onSend', async (_request, reply, payload) => {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'",
      )
      return payload
    })
    await docs.register(apiReference, {
      routePrefix: '/docs/api',
      configuration: { url: '/api/v1/openapi.json', title: 'Takt API reference' },
    })
  })
  await registerWebApp(app)
  return app
}

// Fastify takes each of these shapes, but its overloads not their union: hence the cast.
function trustedProxies(trust: AppOptions['trustProxy']): boolean {
  if (trust === undefined) return false
  return (typeof trust === 'object' ? [...trust] : trust) as boolean
}

/** One budget per API key, per session, or per address for anonymous callers. */
function rateLimitKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization
  if (authorization) return `key:${createHash('sha256').update(authorization).digest('hex').slice(0, 32)}`
  const session = request.cookies?.takt_session
  if (session) return `session:${createHash('sha256').update(session).digest('hex').slice(0, 32)}`
  return `ip:${request.ip}`
}
