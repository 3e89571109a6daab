import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Nullable } from '../schemas/common.schema.ts'
import { LocalizedTextSchema } from '#core/explanation/explanation.ts'
import type { AppDeps } from '../app-deps.ts'
import { teamQueues } from '../../services/team-queue.ts'
import { workspaceOf } from '../authenticate.ts'

const QueueSchema = Type.Object({
  teams: Type.Array(
    Type.Object({
      team: Type.String(),
      label: LocalizedTextSchema,
      leads: Type.Array(
        Type.Object({
          id: Type.String(),
          email: Type.String(),
          name: Nullable(Type.String()),
          companyName: Nullable(Type.String()),
          fit: Type.Number(),
          engagement: Type.Number(),
          waitingSince: Type.String({ format: 'date-time' }),
          waitingBusinessHours: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
})

export function queueRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/team-queues',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Hand-off'],
          summary: 'MQLs waiting for a rep with capacity, per team, ripest and longest-waiting first',
          description:
            'Waiting time is business hours since the lead became MQL: system delay, before any SLA clock starts.',
          response: { 200: QueueSchema },
        },
      },
      async (request) => teamQueues(request.db, workspaceOf(request), deps.clock()),
    )
  }
}
