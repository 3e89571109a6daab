// Webhook subscriptions, their signing secrets and their delivery log (admins only).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { HttpProblem } from '../problem.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf, audit } from '../../services/audit.ts'
import {
  webhookSubscriptionRepository,
  type WebhookSubscription,
} from '../../db/webhook-subscription.repository.ts'
import { webhookOutboxRepository, type DeliveryCursor } from '../../db/webhook-outbox.repository.ts'
import { isInstant } from '#core/util/is-instant.ts'
import { WEBHOOK_EVENT_TYPES } from '../../services/lead-change-events.ts'
import { checkWebhookTarget, parseWebhookUrl, type TargetPolicy } from '../../webhooks/webhook-target.ts'
import { newWebhookSecret } from '../../webhooks/send-webhook.ts'
import type { WebhookSecret } from '../../db/tables.ts'

const EventType = Type.Enum(WEBHOOK_EVENT_TYPES)
const EventTypes = Type.Array(EventType, { minItems: 1, uniqueItems: true })
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) address of the receiver' })
const Description = Type.Union([Type.String({ maxLength: 500 }), Type.Null()])
const DateTime = Type.String({ format: 'date-time' })
const NullableDateTime = Type.Union([DateTime, Type.Null()])
const DeliveryStatus = Type.Enum(['pending', 'delivered', 'dead', 'cancelled'])

const SubscriptionSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Description,
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  secrets: Type.Array(
    Type.Object({ hint: Type.String(), createdAt: DateTime, expiresAt: NullableDateTime }),
    { description: 'the signing secrets in use, newest first; never the secrets themselves' },
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
})
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

export function webhooksRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const policy: TargetPolicy = deps.webhookTargets ?? { allowPrivate: false }

  /** A receiver address must be http(s) and, unless allowed, must not reach into private networks. */
  const checkedUrl = async (raw: string): Promise<string> => {
    const parsed = parseWebhookUrl(raw)
    const target = parsed.ok ? await checkWebhookTarget(parsed.url, policy) : parsed
    if (!target.ok) {
      throw new HttpProblem(422, 'INVALID_WEBHOOK_URL', target.problem, {
        errors: [{ path: 'body/url', message: target.problem }],
      })
    }
    return parsed.ok ? parsed.url.toString() : raw
  }

  return async (app) => {
    const notFound = (id: string) =>
      new HttpProblem(404, 'WEBHOOK_NOT_FOUND', `No webhook subscription ${id} in this workspace.`)

    app.get(
      '/webhooks',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary: 'List webhook subscriptions',
          response: { 200: Type.Array(SubscriptionSchema), ...errors },
        },
      },
      async (request) =>
        (await webhookSubscriptionRepository.list(request.db, workspaceOf(request))).map(describe),
    )

    app.post(
      '/webhooks',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary: 'Subscribe an endpoint to lead events; the signing secret is shown only in this answer',
          description:
            'Deliveries are signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature), so receivers verify them with the standardwebhooks or svix libraries.',
          body: Type.Object(
            { url: Url, eventTypes: EventTypes, description: Type.Optional(Description) },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Intersect([SubscriptionSchema, Type.Object({ secret: Type.String() })]),
            ...errors,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const workspaceId = workspaceOf(request)
        const url = await checkedUrl(request.body.url)
        const secret = newWebhookSecret()
        const created = await webhookSubscriptionRepository.insert(request.db, workspaceId, {
          url,
          description: request.body.description ?? null,
          eventTypes: request.body.eventTypes,
          secret: { secret, createdAt: deps.clock().toISOString(), expiresAt: null },
          at: deps.clock(),
        })
        await audit(request.db, workspaceId, actorOf(request.principal), 'webhook.create', created.id, {
          after: { url, eventTypes: created.eventTypes },
        })
        reply.code(201)
        return { ...describe(created), secret }
      },
    )

    app.get(
      '/webhooks/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary: 'One webhook subscription',
          params: Params,
          response: { 200: SubscriptionSchema, ...errors },
        },
      },
      async (request) => {
        const found = await webhookSubscriptionRepository.find(
          request.db,
          workspaceOf(request),
          request.params.id,
        )
        if (!found) throw notFound(request.params.id)
        return describe(found)
      },
    )

    app.patch(
      '/webhooks/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary:
            'Change a subscription, or disable and enable it (enabling resumes its waiting deliveries)',
          params: Params,
          body: Type.Object(
            {
              url: Type.Optional(Url),
              eventTypes: Type.Optional(EventTypes),
              description: Type.Optional(Description),
              enabled: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: SubscriptionSchema, ...errors, 422: ProblemSchema },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const body = request.body
        const url = body.url === undefined ? undefined : await checkedUrl(body.url)
        const updated = await webhookSubscriptionRepository.update(
          request.db,
          workspaceId,
          request.params.id,
          {
            ...(url === undefined ? {} : { url }),
            ...(body.eventTypes === undefined ? {} : { eventTypes: body.eventTypes }),
            ...(body.description === undefined ? {} : { description: body.description }),
            ...(body.enabled === undefined
              ? {}
              : { enabled: body.enabled, disabledReason: body.enabled ? null : 'Disabled by an admin.' }),
          },
          deps.clock(),
        )
        if (!updated) throw notFound(request.params.id)
        await audit(request.db, workspaceId, actorOf(request.principal), 'webhook.update', updated.id, {
          after: body,
        })
        return describe(updated)
      },
    )

    app.delete(
      '/webhooks/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Webhooks'],
          summary: 'Delete a subscription with its delivery log',
          params: Params,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const workspaceId = workspaceOf(request)
        if (!(await webhookSubscriptionRepository.remove(request.db, workspaceId, request.params.id))) {
          throw notFound(request.params.id)
        }
        await audit(request.db, workspaceId, actorOf(request.principal), 'webhook.delete', request.params.id)
        reply.code(204)
        return null
      },
    )

    app.post(
      '/webhooks/:id/rotate-secret',
      {
        config: { access: 'admin' },
        // The body is optional, but the validator refuses a missing one: no body means the defaults.
        preValidation: async (request) => {
          request.body ??= {}
        },
        schema: {
          tags: ['Webhooks'],
          summary: 'Start signing with a new secret; the old one keeps signing for a grace period',
          description:
            'During the grace period every delivery carries two signatures, so receivers can switch secrets without losing a message.',
          params: Params,
          body: Type.Optional(
            Type.Object(
              {
                keepPreviousForHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 168, default: 24 })),
              },
              { additionalProperties: false },
            ),
          ),
          response: {
            200: Type.Intersect([SubscriptionSchema, Type.Object({ secret: Type.String() })]),
            ...errors,
          },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const found = await webhookSubscriptionRepository.find(request.db, workspaceId, request.params.id)
        if (!found) throw notFound(request.params.id)
        const now = deps.clock()
        const grace = (request.body?.keepPreviousForHours ?? 24) * 3_600_000
        const expiresAt = new Date(now.getTime() + grace).toISOString()
        const secret = newWebhookSecret()
        const secrets: WebhookSecret[] = [
          { secret, createdAt: now.toISOString(), expiresAt: null },
          // Secrets already expired are dropped; the one in use until now expires after the grace period.
          ...found.secrets
            .filter((old) => old.expiresAt === null || Date.parse(old.expiresAt) > now.getTime())
            .map((old) => ({ ...old, expiresAt: old.expiresAt ?? expiresAt })),
        ]
        const updated = await webhookSubscriptionRepository.update(
          request.db,
          workspaceId,
          found.id,
          { secrets },
          now,
        )
        await audit(request.db, workspaceId, actorOf(request.principal), 'webhook.rotate_secret', found.id)
        return { ...describe(updated!), secret }
      },
    )

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
        if (!found)
          throw new HttpProblem(404, 'DELIVERY_NOT_FOUND', `No delivery ${request.params.deliveryId}.`)
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
        if (!found) throw new HttpProblem(404, 'DELIVERY_NOT_FOUND', `No delivery ${deliveryId}.`)
        if (found.delivery.payload.erased === true) {
          // What the event said about the person is gone; sending the stub would tell the receiver nothing.
          throw new HttpProblem(409, 'DELIVERY_ERASED', 'The person this event was about has been erased.', {
            deliveryStatus: found.delivery.status,
          })
        }
        if (!(await webhookOutboxRepository.replay(request.db, workspaceId, id, deliveryId, deps.clock()))) {
          throw new HttpProblem(
            409,
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
  throw new HttpProblem(400, 'INVALID_CURSOR', 'The cursor is not one this API gave out.', {
    errors: [{ path: 'querystring/cursor', message: 'is not a cursor of this list' }],
  })
}

function describe(subscription: WebhookSubscription) {
  return {
    id: subscription.id,
    url: subscription.url,
    description: subscription.description,
    eventTypes: subscription.eventTypes,
    enabled: subscription.enabled,
    disabledReason: subscription.disabledReason,
    secrets: subscription.secrets.map((secret) => ({
      // Enough to tell secrets apart in a list, far too little to sign with.
      hint: `${secret.secret.slice(0, 10)}…`,
      createdAt: secret.createdAt,
      expiresAt: secret.expiresAt,
    })),
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  }
}
