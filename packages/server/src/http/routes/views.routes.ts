// Saved views of the board: named filter sets, personal or shared with the workspace. People own
// views, API keys do not: the routes are for signed-in users only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { LeadListQuerySchema } from '../schemas/lead.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { HttpProblem } from '../problem.ts'
import type { Principal } from '../access.ts'
import {
  changeSavedView,
  createSavedView,
  deleteSavedView,
  listSavedViews,
  type SavedView,
  type ViewCaller,
  type ViewRefusal,
} from '../../services/board/saved-views.ts'

// The list's filters and sort, as the board writes them into its URL.
const { limit: _limit, cursor: _cursor, ...viewFilters } = LeadListQuerySchema.properties
const ViewFiltersSchema = Type.Object(viewFilters, { additionalProperties: false })
const Name = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: 'shown in the view picker',
})

const SavedViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shared: Type.Boolean({ description: 'visible to everyone in the workspace' }),
  filters: ViewFiltersSchema,
  ownerId: Type.String(),
  ownerName: Type.Union([Type.String(), Type.Null()]),
  editable: Type.Boolean({ description: 'the caller owns it or is an admin' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})

const Params = Type.Object({ id: Uuid })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }

function callerOf(principal: Principal | undefined): ViewCaller {
  if (principal?.kind !== 'user')
    throw new HttpProblem('FORBIDDEN', 'Saved views belong to signed-in people.')
  return { userId: principal.userId, isAdmin: principal.role === 'admin' }
}

function viewOrProblem(result: SavedView | ViewRefusal): SavedView {
  if (result === 'not_found')
    throw new HttpProblem('NOT_FOUND', 'No such view, or it is not shared with you.')
  if (result === 'not_owner') throw new HttpProblem('FORBIDDEN', 'Only its owner or an admin changes a view.')
  return result
}

export function viewsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/views',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Views'],
          summary: 'My saved views and the shared ones',
          response: { 200: Type.Object({ items: Type.Array(SavedViewSchema) }), ...errors },
        },
      },
      async (request) => ({
        items: await listSavedViews(request.db, workspaceOf(request), callerOf(request.principal)),
      }),
    )

    app.post(
      '/views',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Views'],
          summary: 'Save the board’s filters as a named view',
          body: Type.Object(
            {
              name: Name,
              shared: Type.Optional(Type.Boolean({ default: false })),
              filters: ViewFiltersSchema,
            },
            { additionalProperties: false },
          ),
          response: { 201: SavedViewSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { name, shared, filters } = request.body
        reply.code(201)
        return createSavedView(
          request.db,
          workspaceOf(request),
          callerOf(request.principal),
          { name, shared: shared ?? false, filters },
          deps.clock(),
        )
      },
    )

    app.patch(
      '/views/:id',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Views'],
          summary: 'Rename, share or unshare a view, or replace its filters (owner or admin)',
          params: Params,
          body: Type.Object(
            {
              name: Type.Optional(Name),
              shared: Type.Optional(Type.Boolean()),
              filters: Type.Optional(ViewFiltersSchema),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: SavedViewSchema, ...errors, 404: ProblemSchema },
        },
      },
      async (request) =>
        viewOrProblem(
          await changeSavedView(
            request.db,
            workspaceOf(request),
            callerOf(request.principal),
            request.params.id,
            request.body,
            deps.clock(),
          ),
        ),
    )

    app.delete(
      '/views/:id',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Views'],
          summary: 'Delete a view (owner or admin)',
          params: Params,
          response: { 204: Type.Null(), ...errors, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        viewOrProblem(
          await deleteSavedView(
            request.db,
            workspaceOf(request),
            callerOf(request.principal),
            request.params.id,
          ),
        )
        reply.code(204)
        return null
      },
    )
  }
}
