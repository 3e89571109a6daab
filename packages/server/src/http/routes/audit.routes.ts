import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { listAuditLog } from '../../services/audit.ts'
import { workspaceOf } from '../authenticate.ts'

const EntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
})

export function auditRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/audit-log',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Audit'],
          summary: 'Every change by a person or key, newest first (append-only)',
          querystring: Type.Object(
            {
              action: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 100,
                  description: 'prefix, e.g. agreement. or lead.',
                }),
              ),
              actorId: Type.Optional(Type.String({ format: 'uuid' })),
              target: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              before: Type.Optional(
                Type.Integer({ minimum: 1, description: 'page: entries older than this id' }),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(EntrySchema),
              nextBefore: Type.Union([Type.Integer(), Type.Null()]),
            }),
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request) =>
        listAuditLog(request.db, workspaceOf(request), {
          ...request.query,
          limit: request.query.limit ?? 100,
        }),
    )
  }
}
