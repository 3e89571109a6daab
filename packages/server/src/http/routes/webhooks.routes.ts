// Webhook subscriptions and their signing secrets (admins only); the delivery log is in
// webhook-deliveries.routes.ts.
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
import { WEBHOOK_EVENT_TYPES } from '#core/projection/lead-change-events.ts'
import { checkWebhookTarget, parseWebhookUrl, type TargetPolicy } from '../../webhooks/webhook-target.ts'
import {
  DISABLED_REASONS,
  describeDisabledReason,
  readDisabledReason,
} from '../../webhooks/disabled-reason.ts'
import { newWebhookSecret } from '../../webhooks/send-webhook.ts'
import type { WebhookSecret } from '../../db/tables.ts'

const EventType = Type.Enum(WEBHOOK_EVENT_TYPES)
const EventTypes = Type.Array(EventType, { minItems: 1, uniqueItems: true })
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) address of the receiver' })
const Description = Type.Union([Type.String({ maxLength: 500 }), Type.Null()])
const DateTime = Type.String({ format: 'date-time' })
const NullableDateTime = Type.Union([DateTime, Type.Null()])

const SubscriptionSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Description,
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabledReason: Type.Union([Type.Enum(DISABLED_REASONS), Type.Null()], {
    description:
      'why the subscription is off: DISABLED_BY_ADMIN, or RECEIVER_GONE after a 410 Gone; null while on',
  }),
  disabledAt: Type.Union([DateTime, Type.Null()], { description: 'when it was turned off, where known' }),
  disabledReasonText: Type.Union([Type.String(), Type.Null()], { description: 'the reason in English' }),
  secrets: Type.Array(
    Type.Object({ hint: Type.String(), createdAt: DateTime, expiresAt: NullableDateTime }),
    { description: 'the signing secrets in use, newest first; never the secrets themselves' },
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
})
const Params = Type.Object({ id: Uuid })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

export function webhooksRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const policy: TargetPolicy = deps.webhookTargets ?? { allowPrivate: false }

  /** A receiver address must be http(s) and, unless allowed, must not reach into private networks. */
  const checkedUrl = async (raw: string): Promise<string> => {
    const parsed = parseWebhookUrl(raw)
    const target = parsed.ok ? await checkWebhookTarget(parsed.url, policy) : parsed
    if (!target.ok) {
      const { code, params, message } = target.problem
      throw new HttpProblem('INVALID_WEBHOOK_URL', message, {
        errors: [{ path: 'body/url', message, code, params }],
      })
    }
    return parsed.ok ? parsed.url.toString() : raw
  }

  return async (app) => {
    const notFound = (id: string) =>
      new HttpProblem('WEBHOOK_NOT_FOUND', `No webhook subscription ${id} in this workspace.`)

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
              : {
                  enabled: body.enabled,
                  disabled: body.enabled ? null : { reason: 'DISABLED_BY_ADMIN', at: deps.clock() },
                }),
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
  }
}

function describe(subscription: WebhookSubscription) {
  const disabled = subscription.enabled
    ? null
    : readDisabledReason(subscription.disabledReason, subscription.disabledAt)
  return {
    id: subscription.id,
    url: subscription.url,
    description: subscription.description,
    eventTypes: subscription.eventTypes,
    enabled: subscription.enabled,
    disabledReason: disabled?.code ?? null,
    disabledAt: disabled?.at ?? null,
    disabledReasonText: disabled ? describeDisabledReason(disabled) : null,
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
