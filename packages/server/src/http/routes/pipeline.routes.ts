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
import { dealBoard } from '../../services/board/deal-board.ts'

const PipelineSchema = Type.Object({
  stages: Type.Array(Type.Object({ stage: Type.Enum(LEAD_STAGES), count: Type.Integer({ minimum: 0 }) }), {
    description: 'every stage in lifecycle order, zero included',
  }),
  total: Type.Integer({ minimum: 0 }),
  owners: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'sales users the board can be filtered by; a rep gets only themselves',
  }),
})

const LabelSchema = Type.Union([Type.String(), Type.Object({ de: Type.String(), en: Type.String() })])
const DealBoardSchema = Type.Object({
  movable: Type.Boolean({
    description: 'the agreement lists deal stages, so deals move with action move_deal',
  }),
  columns: Type.Array(
    Type.Object({
      id: Type.String(),
      label: LabelSchema,
      probability: Type.Union([Type.Number(), Type.Null()], { description: 'in %, from the agreement' }),
      count: Type.Integer({ minimum: 0 }),
      totals: Type.Array(
        Type.Object({
          currency: Type.String(),
          amount: Type.Number(),
          weighted: Type.Union([Type.Number(), Type.Null()], {
            description: 'amount × probability; null when the stage has none',
          }),
        }),
      ),
    }),
    { description: "the agreement's deal stages in order (one column `open` when it lists none)" },
  ),
  deals: Type.Array(
    Type.Object({
      leadId: Type.String(),
      email: Type.String(),
      firstName: Type.Union([Type.String(), Type.Null()]),
      lastName: Type.Union([Type.String(), Type.Null()]),
      companyName: Type.Union([Type.String(), Type.Null()]),
      ownerId: Type.Union([Type.String(), Type.Null()]),
      dealStage: Type.String(),
      amount: Type.Number(),
      currency: Type.String(),
      expectedCloseDate: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  truncated: Type.Boolean(),
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
          response: { 200: PipelineSchema, ...errors, 422: ProblemSchema },
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

    app.get(
      '/pipeline/deals',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'Open deals by deal stage, with totals per column',
          description:
            'Opportunities under the same filters and visibility as GET /leads (a stage filter is ignored), in ' +
            "the agreement's deal stages with each column's total per currency, weighted by the stage's " +
            'probability where the agreement gives one. Move a deal with POST /leads/{id}/actions ' +
            '{"action": "move_deal", "dealStage": …}.',
          querystring: LeadFilterQuerySchema,
          response: { 200: DealBoardSchema, ...errors, 422: ProblemSchema },
        },
      },
      async (request) =>
        dealBoard(
          request.db,
          workspaceOf(request),
          leadFiltersOf(request.query, request.principal, deps.clock()),
        ),
    )
  }
}
