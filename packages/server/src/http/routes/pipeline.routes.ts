// The pipeline board: leads per stage and the board's list, both under the same filters: the lead
// list's (stage, source, owner, lane, scores, text) plus a period counted back from now, so a shared
// link stays current. The board has its own list because GET /leads has neither the period nor the source.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import type { Principal } from '../access.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { LeadListItemSchema, LeadListQuerySchema } from '../schemas/lead.schema.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'
import { workspaceOf } from '../authenticate.ts'
import { visibilityFor } from '../../services/lead-visibility.ts'
import {
  listPipelineLeads,
  pipelineOwners,
  summarizePipeline,
  type PipelineFilters,
} from '../../services/pipeline-summary.ts'

const DAY_MS = 86_400_000
const Days = (description: string) => Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description }))

// GET /leads's own filter schema, so the two stay in step; order and paging are for lists only.
const { sort, order, limit, cursor, ...listFilters } = LeadListQuerySchema.properties
const filterProperties = {
  ...listFilters,
  enteredWithinDays: Days('entered the current stage within the last N days'),
  touchedWithinDays: Days('last touchpoint within the last N days'),
}
const PipelineQuerySchema = Type.Object(filterProperties, { additionalProperties: false })
const PipelineLeadsQuerySchema = Type.Object(
  { ...filterProperties, sort, order, limit, cursor },
  { additionalProperties: false },
)

const PipelineSchema = Type.Object({
  stages: Type.Array(Type.Object({ stage: Type.Enum(LEAD_STAGES), count: Type.Integer({ minimum: 0 }) }), {
    description: 'every stage in lifecycle order, zero included',
  }),
  total: Type.Integer({ minimum: 0 }),
  owners: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'sales users the board can be filtered by; a rep gets only themselves',
  }),
})

const PipelineLeadsSchema = Type.Object({
  items: Type.Array(
    Type.Intersect([LeadListItemSchema, Type.Object({ source: Type.Union([Type.String(), Type.Null()]) })]),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
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
          querystring: PipelineQuerySchema,
          response: { 200: PipelineSchema, ...errors },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const filters = toFilters(request.query, request.principal, deps.clock())
        const [summary, owners] = await Promise.all([
          summarizePipeline(request.db, workspaceId, filters),
          pipelineOwners(request.db, workspaceId, filters.visibility ?? {}),
        ])
        return { ...summary, owners }
      },
    )

    app.get(
      '/pipeline/leads',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'The board’s list: leads under the board’s filters, with their source',
          description:
            'GET /leads plus the period filters; sorted, with cursor pagination that stays as fast on a deep page as on the first.',
          querystring: PipelineLeadsQuerySchema,
          response: { 200: PipelineLeadsSchema, ...errors },
        },
      },
      async (request) => {
        const query = request.query
        return listPipelineLeads(request.db, workspaceOf(request), {
          ...toFilters(query, request.principal, deps.clock()),
          cursor: query.cursor,
          sort: query.sort ?? 'engagement',
          order: query.order ?? 'desc',
          limit: query.limit ?? 50,
        })
      },
    )
  }
}

function toFilters(
  query: Static<typeof PipelineQuerySchema>,
  principal: Principal | undefined,
  now: Date,
): PipelineFilters {
  const { enteredWithinDays, touchedWithinDays, owner, ...rest } = query
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS)
  return {
    ...rest,
    // As GET /leads does: "me" for an API key, which is nobody, means the unowned leads.
    ...(owner === undefined
      ? {}
      : { owner: owner === 'me' ? (principal?.kind === 'user' ? principal.userId : 'none') : owner }),
    ...(enteredWithinDays === undefined ? {} : { enteredSince: ago(enteredWithinDays) }),
    ...(touchedWithinDays === undefined ? {} : { touchedSince: ago(touchedWithinDays) }),
    visibility: visibilityFor(
      principal?.kind === 'user' ? { role: principal.role, userId: principal.userId } : undefined,
    ),
  }
}
