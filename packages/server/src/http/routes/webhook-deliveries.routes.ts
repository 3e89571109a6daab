// The delivery log of a webhook subscription: every delivery with its attempts, and replay of dead
// letters (admins only).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { HttpProblem } from '../problem.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf, audit } from '../../services/audit.ts'
import { webhookSubscriptionRepository } from '../../db/webhook-subscription.repository.ts'
import { webhookOutboxRepository, type DeliveryCursor } from '../../db/webhook-outbox.repository.ts'
import { isInstant } from '#core/util/is-instant.ts'
import { DomainError } from '#core/errors.ts'

const DateTime = Type.String({ format: 'date-time' })
const NullableDateTime = Type.Union([DateTime, Type.Null()])
const DeliveryStatus = Type.Enum(['pending', 'delivered', 'dead', 'cancelled'])
const DeliverySchema = Type.Object({
  id: Type.String(),
  eventId: Type.String({ description: 'the webhook-id header; the same on every retry' }),
  eventType: Type.String(),
  leadId: Type.Union([Type.String(), Type.Null()]),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: NullableDateTime,
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: NullableDateTime,
  createdAt: DateTime,
})
const Params = Type.Object({ id: Uuid })
const DeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

export function webhookDeliveriesRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const notFound = (id: string) =>
      new HttpProblem('WEBHOOK_NOT_FOUND', `No webhook subscription ${id} in this workspace.`)

    app.get(
      '/webhooks/:id/deliveries',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary: 'The delivery log, newest first',
          params: Params,
          querystring: Type.Object(
            {
              status: Type.Optional(DeliveryStatus),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
              before: Type.Optional(Type.String({ format: 'date-time', description: 'created before' })),
              cursor: Type.Optional(
                Type.String({ maxLength: 200, description: 'the nextCursor of the previous page' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(DeliverySchema),
              nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' }),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        if (!(await webhookSubscriptionRepository.find(request.db, workspaceId, request.params.id))) {
          throw notFound(request.params.id)
        }
        const cursor = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor)
        const page = await webhookOutboxRepository.listDeliveries(
          request.db,
          workspaceId,
          request.params.id,
          {
            limit: request.query.limit ?? 50,
            ...(request.query.status ? { status: request.query.status } : {}),
            ...(request.query.before ? { before: new Date(request.query.before) } : {}),
            ...(cursor ? { cursor } : {}),
          },
        )
        return {
          items: page.items.map((item) => ({
            ...item,
            nextAttemptAt: item.nextAttemptAt?.toISOString() ?? null,
            deliveredAt: item.deliveredAt?.toISOString() ?? null,
            createdAt: item.createdAt.toISOString(),
          })),
          nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString('base64url') : null,
        }
      },
    )

    app.get(
      '/webhooks/:id/deliveries/:deliveryId',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary: 'One delivery with its payload and every attempt',
          params: DeliveryParams,
          response: {
            200: Type.Object({
              id: Type.String(),
              eventId: Type.String(),
              eventType: Type.String(),
              leadId: Type.Union([Type.String(), Type.Null()]),
              status: DeliveryStatus,
              payload: Type.Record(Type.String(), Type.Unknown()),
              attempts: Type.Array(
                Type.Object({
                  attempt: Type.Integer(),
                  at: DateTime,
                  status: Type.Union([Type.Integer(), Type.Null()]),
                  error: Type.Union([Type.String(), Type.Null()]),
                  durationMs: Type.Integer(),
                  responseExcerpt: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const found = await webhookOutboxRepository.findDelivery(
          request.db,
          workspaceOf(request),
          request.params.id,
          request.params.deliveryId,
        )
        if (!found) throw new HttpProblem('DELIVERY_NOT_FOUND', `No delivery ${request.params.deliveryId}.`)
        const { delivery, attempts } = found
        return {
          id: delivery.id,
          eventId: delivery.event_id,
          eventType: delivery.type,
          leadId: delivery.lead_id,
          status: delivery.status,
          payload: delivery.payload,
          attempts: attempts.map((attempt) => ({
            attempt: attempt.attempt,
            at: attempt.at.toISOString(),
            status: attempt.status,
            error: attempt.error,
            durationMs: attempt.duration_ms,
            responseExcerpt: attempt.response_excerpt,
          })),
        }
      },
    )

    app.post(
      '/webhooks/:id/deliveries/:deliveryId/replay',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary:
            'Send a dead-lettered (or delivered) event again, with the same webhook-id and a fresh retry budget',
          params: DeliveryParams,
          response: { 202: Type.Object({ status: Type.Literal('pending') }), ...errors, 409: ProblemSchema },
        },
      },
      async (request, reply) => {
        const workspaceId = workspaceOf(request)
        const { id, deliveryId } = request.params
        const found = await webhookOutboxRepository.findDelivery(request.db, workspaceId, id, deliveryId)
        if (!found) throw new HttpProblem('DELIVERY_NOT_FOUND', `No delivery ${deliveryId}.`)
        if (found.delivery.payload.erased === true) {
          // What the event said about the person is gone; sending the stub would tell the receiver nothing.
          throw new HttpProblem('DELIVERY_ERASED', 'The person this event was about has been erased.', {
            deliveryStatus: found.delivery.status,
          })
        }
        if (!(await webhookOutboxRepository.replay(request.db, workspaceId, id, deliveryId, deps.clock()))) {
          throw new HttpProblem(
            'DELIVERY_NOT_REPLAYABLE',
            `A ${found.delivery.status} delivery cannot be replayed; only dead or delivered ones can.`,
            // Not `status`: problem details use that member for the HTTP status.
            { deliveryStatus: found.delivery.status },
          )
        }
        await audit(request.db, workspaceId, actorOf(request.principal), 'webhook.replay', deliveryId)
        reply.code(202)
        return { status: 'pending' as const }
      },
    )
  }
}

/** A cursor this API gave out, or a 400 naming the parameter. */
function decodeCursor(text: string): DeliveryCursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<DeliveryCursor>
    if (
      typeof parsed.createdAt === 'string' &&
      isInstant(parsed.createdAt) &&
      typeof parsed.id === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed.id)
    ) {
      return { createdAt: parsed.createdAt, id: parsed.id }
    }
  } catch {
    // not base64url JSON: the problem below
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API gave out.', {
    errors: [{ path: 'querystring/cursor', message: 'is not a cursor of this list' }],
  })
}
