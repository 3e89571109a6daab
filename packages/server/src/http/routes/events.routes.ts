import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app-deps.ts'
import { Ajv } from 'ajv'
import {
  IngestBodySchema,
  IngestEnvelopeSchema,
  IngestQueuedResultSchema,
  IngestQueueStatusSchema,
  IngestResultSchema,
} from '../schemas/ingest-event.schema.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { ingestBatch } from '../../services/ingest-batch.ts'
import { queueEvents } from '../../services/queue-events.ts'
import { ingestQueueRepository } from '../../db/ingest-queue.repository.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf } from '../../services/audit.ts'
import { whenAnswered } from '../request-metrics.ts'

const validateEnvelope = new Ajv({ allErrors: true, strict: false }).compile(IngestEnvelopeSchema)

/** RFC 7240: `Prefer: respond-async`, possibly among other preferences. */
export function prefersAsync(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header]
  return values
    .flatMap((value) => value.split(','))
    .some((preference) => preference.split(';')[0]!.trim().toLowerCase() === 'respond-async')
}

export function eventsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/events',
      {
        config: { access: 'ingest', checksItemsItself: true },
        // 5,000 touchpoints with company data and properties stay well below this.
        bodyLimit: 32 * 1024 * 1024,
        validatorCompiler: () => validateEnvelope,
        schema: {
          tags: ['Ingestion'],
          summary: 'Record a batch of touchpoints',
          description:
            'Stores up to 5,000 touchpoints idempotently (by `id`) and updates every touched lead before answering. ' +
            'Bad items are rejected with their index while the good ones are stored. With `Prefer: respond-async` ' +
            'the batch is checked the same way and answered with 202 once its touchpoints are stored; their leads ' +
            'are brought up to date shortly after (`GET /api/v1/events/queue` says how far behind that is).',
          body: IngestBodySchema,
          response: {
            200: IngestResultSchema,
            202: IngestQueuedResultSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const workspaceId = workspaceOf(request)
        const actor = actorOf(request.principal)
        if (prefersAsync(request.headers.prefer)) {
          const result = await queueEvents(request.db, workspaceId, actor, request.body.events, deps.clock())
          whenAnswered(reply, () => deps.metrics?.countIngest(result))
          reply.code(202).header('preference-applied', 'respond-async')
          return result
        }
        const { moved, ...result } = await ingestBatch(
          request.db,
          workspaceId,
          actor,
          request.body.events,
          deps.clock(),
        )
        whenAnswered(reply, () => {
          deps.metrics?.countIngest(result)
          deps.metrics?.countStageMoves(moved)
        })
        return result
      },
    )

    app.get(
      '/events/queue',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['Ingestion'],
          summary: 'How far the asynchronous ingestion is behind',
          description:
            'Touchpoints acknowledged with `Prefer: respond-async` and not yet applied to their leads. ' +
            '`queued` 0 means every acknowledged touchpoint is reflected in scores and stages.',
          response: { 200: IngestQueueStatusSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (request) => {
        const { queued, oldestReceivedAt } = await ingestQueueRepository.depth(
          request.db,
          workspaceOf(request),
        )
        return { queued, oldestReceivedAt: oldestReceivedAt?.toISOString() ?? null }
      },
    )
  }
}
