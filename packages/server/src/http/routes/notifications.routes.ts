// The signed-in person's notifications: SLA breaches, leads reassigned to or away from them, hand-raisers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { HttpProblem } from '../problem.ts'
import { notificationRepository } from '../../db/notification.repository.ts'
import type { FastifyRequest } from 'fastify'

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({
    description:
      'hand_raiser, sla_breached, sla_reassigned, sla_reassigned_to_you, sla_reassign_failed, sla_returned_to_marketing',
  }),
  leadId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }

function userOf(request: FastifyRequest) {
  const principal = request.principal
  if (principal?.kind !== 'user') {
    throw new HttpProblem('FORBIDDEN', 'Notifications belong to signed-in people, not to API keys.')
  }
  return principal
}

export function notificationsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/notifications',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Notifications'],
          summary: 'My notifications, newest first, with the unread count',
          querystring: Type.Object(
            {
              unread: Type.Optional(Type.Boolean({ default: false })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() }),
            ...errors,
          },
        },
      },
      async (request) => {
        const user = userOf(request)
        const { items, unread } = await notificationRepository.listFor(
          request.db,
          user.workspaceId,
          user.userId,
          {
            unreadOnly: request.query.unread ?? false,
            limit: request.query.limit ?? 50,
          },
        )
        return {
          items: items.map((item) => ({
            ...item,
            createdAt: item.createdAt.toISOString(),
            readAt: item.readAt?.toISOString() ?? null,
          })),
          unread,
        }
      },
    )

    app.post(
      '/notifications/read',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Notifications'],
          summary: 'Mark notifications read: the listed ones, or all of mine',
          body: Type.Object(
            { ids: Type.Union([Type.Array(Uuid, { maxItems: 500 }), Type.Literal('all')]) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ marked: Type.Integer() }), ...errors },
        },
      },
      async (request) => {
        const user = userOf(request)
        const marked = await notificationRepository.markRead(
          request.db,
          user.workspaceId,
          user.userId,
          request.body.ids,
          deps.clock(),
        )
        return { marked }
      },
    )
  }
}
