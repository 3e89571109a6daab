// GET /metrics: Prometheus text format, outside /api/v1 so a scraper needs nothing but a bearer token.
// Metrics describe the whole instance (every workspace), so only admin keys and admins may read them,
// unless the operator opens them (TAKT_METRICS_PUBLIC) for a scraper on a private network.
import type { FastifyInstance } from 'fastify'
import type { Metrics } from '../../metrics/metrics.ts'

export function metricsRoutes(metrics: Metrics, options: { isPublic: boolean }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/metrics',
      // Hidden from the OpenAPI document: it describes the JSON API, and this is not JSON.
      { config: { access: options.isPublic ? 'public' : 'admin' }, schema: { hide: true } },
      async (_request, reply) => {
        reply.type(metrics.registry.contentType)
        return metrics.registry.metrics()
      },
    )
  }
}
