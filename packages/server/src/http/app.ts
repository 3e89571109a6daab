// The HTTP application: one factory, used by `takt serve` and by the API tests (real HTTP, real database).
import Fastify, { type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import cookie from '@fastify/cookie'
import swagger from '@fastify/swagger'
import apiReference from '@scalar/fastify-api-reference'
import type { AppDeps } from './app-deps.ts'
import { registerProblemHandlers } from './problem.ts'
import { registerAuthentication } from './authenticate.ts'
import { eventsRoutes } from './routes/events.routes.ts'
import { leadsRoutes } from './routes/leads.routes.ts'
import { agreementRoutes } from './routes/agreement.routes.ts'
import { contentRoutes } from './routes/content.routes.ts'
import { sessionRoutes } from './routes/session.routes.ts'
import { apiKeysRoutes } from './routes/api-keys.routes.ts'
import { metaRoutes } from './routes/meta.routes.ts'
import { usersRoutes } from './routes/users.routes.ts'
import { auditRoutes } from './routes/audit.routes.ts'

export type AppOptions = AppDeps & { logLevel?: string }

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // One line per request at debug level instead of two at info: the terminal of `npm start` stays readable.
    disableRequestLogging: true,
    ajv: { customOptions: { discriminator: true, allErrors: true } },
    bodyLimit: 1024 * 1024,
    // Lists such as ?stage=mql,sal arrive comma-separated as often as repeated.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  )
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
  registerAuthentication(app, options.db, options.clock)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Takt API',
        version: '1',
        description:
          'Lead qualification engine: ingest touchpoints, read scored leads with explanations, move them through the ' +
          'lifecycle and manage the qualification agreement. Errors are RFC 9457 problem details.',
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
        if (query && typeof query.stage === 'string') query.stage = query.stage.split(',').filter(Boolean)
      })
      await api.register(metaRoutes(options, () => app.swagger()))
      await api.register(sessionRoutes(options))
      await api.register(eventsRoutes(options))
      await api.register(leadsRoutes(options))
      await api.register(agreementRoutes(options))
      await api.register(contentRoutes(options))
      await api.register(apiKeysRoutes(options))
      await api.register(usersRoutes(options))
      await api.register(auditRoutes())
    },
    { prefix: '/api/v1' },
  )
  await app.register(apiReference, {
    routePrefix: '/docs/api',
    configuration: { url: '/api/v1/openapi.json', title: 'Takt API reference' },
  })
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs/api'))
  return app
}
