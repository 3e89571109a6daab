import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app-deps.ts'
import { Ajv } from 'ajv'
import { IngestBodySchema, IngestEnvelopeSchema, IngestResultSchema } from '../schemas/ingest-event.schema.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { ingestBatch } from '../../services/ingest-batch.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf } from '../../services/audit.ts'
import { whenAnswered } from '../request-metrics.ts'

const validateEnvelope = new Ajv({ allErrors: true, strict: false }).compile(IngestEnvelopeSchema)

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
            'Bad items are rejected with their index while the good ones are stored.',
          body: IngestBodySchema,
          response: {
            200: IngestResultSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { moved, ...result } = await ingestBatch(
          request.db,
          workspaceOf(request),
          actorOf(request.principal),
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
  }
}
