// Counts every answered request for GET /metrics, and lets a route count what it did once the answer
// has gone out.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Metrics } from '../metrics/metrics.ts'

// Requests that match no route (scanners, typos) share one label, so a flood of odd URLs cannot
// create a time series each.
const UNMATCHED = 'unmatched'

export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics) {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      { method: request.method, route: request.routeOptions.url ?? UNMATCHED, status: reply.statusCode },
      reply.elapsedTime / 1000,
    )
  })
}

/**
 * Runs `count` once the answer has been sent as a success. A handler returns before its transaction
 * commits; a commit that then fails answers 5xx, and what the handler did is not counted.
 */
export function whenAnswered(reply: FastifyReply, count: () => void) {
  reply.raw.once('finish', () => {
    if (reply.statusCode < 400) count()
  })
}
