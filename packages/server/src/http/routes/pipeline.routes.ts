// The pipeline board's counts: leads per stage under the lead list's filters (stage, source, owner, lane,
// scores, period, text). The board lists the leads themselves through GET /leads with the same query.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { LeadFilterQuerySchema } from '../schemas/lead.schema.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'
import { workspaceOf } from '../authenticate.ts'
import { leadFiltersOf } from '../lead-filter-query.ts'
import { pipelineOwners, summarizePipeline } from '../../services/pipeline-summary.ts'

const PipelineSchema = Type.Object({
  stages: Type.Array(Type.Object({ stage: Type.Enum(LEAD_STAGES), count: Type.Integer({ minimum: 0 }) }), {
    description: 'every stage in lifecycle order, zero included',
  }),
  total: Type.Integer({ minimum: 0 }),
  owners: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'sales users the board can be filtered by; a rep gets only themselves',
  }),
})

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }

export function pipelineRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/pipeline',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'Leads per stage under the board’s filters',
          description:
            'Counted in one query with the same filters and visibility as GET /leads, so each count equals ' +
            'the total that list pages through for that stage. Reps count only the leads they may see.',
          querystring: LeadFilterQuerySchema,
          response: { 200: PipelineSchema, ...errors },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const filters = leadFiltersOf(request.query, request.principal, deps.clock())
        const [summary, owners] = await Promise.all([
          summarizePipeline(request.db, workspaceId, filters),
          pipelineOwners(request.db, workspaceId, filters.visibility ?? {}),
        ])
        return { ...summary, owners }
      },
    )
  }
}
