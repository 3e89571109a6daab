// While the database is unreachable, every request that needs it is answered at once with 503
// problem+json and Retry-After (see sendDatabaseUnavailable), instead of each waiting for a connection.
import type { FastifyInstance } from 'fastify'
import type { DatabaseAvailability } from '../db/database-availability.ts'
import { sendDatabaseUnavailable } from './problem.ts'

declare module 'fastify' {
  interface FastifyInstance {
    databaseAvailability: DatabaseAvailability
  }
}

// The web app's files and the liveness check need no database.
const NEEDS_DATABASE = /^\/(api\/|readyz|metrics)/

export function registerDatabaseOutage(app: FastifyInstance, availability: DatabaseAvailability) {
  app.decorate('databaseAvailability', availability)
  app.addHook('onRequest', async (request, reply) => {
    if (availability.isUp() || !NEEDS_DATABASE.test(request.url)) return
    return sendDatabaseUnavailable(reply)
  })
}
