// Serves the built web app (packages/web/dist) at `/`: hashed assets cached for good, and every other
// page path answered with index.html so the app's own router takes over (deep links, reloads).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { HttpProblem } from './problem.ts'

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

export async function registerWebApp(app: FastifyInstance, dist = WEB_DIST) {
  if (!existsSync(`${dist}index.html`)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `node scripts/build-web.ts` (npm start does it for you).'),
    )
    return
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    setHeaders: (response, path) => {
      // File names under assets/ change with their content; index.html must always be fetched anew.
      response.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/docs/')) {
      throw new HttpProblem('NOT_FOUND', `No route ${request.method} ${request.url}`)
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
}
