import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { sql } from 'kysely'
import type { AppDeps } from '../app-deps.ts'

export function metaRoutes(deps: AppDeps, openApiDocument: () => unknown): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
      openApiDocument(),
    )

    app.get(
      '/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Meta'],
          summary: 'Liveness and database reachability',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), time: Type.String({ format: 'date-time' }) }),
          },
        },
      },
      async () => {
        await sql`select 1`.execute(deps.db)
        return { status: 'ok' as const, time: deps.clock().toISOString() }
      },
    )
  }
}
