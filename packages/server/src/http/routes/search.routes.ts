// Global search for the command palette: people and companies by a few letters.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'
import { workspaceOf } from '../authenticate.ts'
import { viewerVisibility } from '../lead-filter-query.ts'
import { searchWorkspace } from '../../services/board/global-search.ts'

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()])

const SearchResultSchema = Type.Object({
  leads: Type.Array(
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      firstName: Nullable(Type.String()),
      lastName: Nullable(Type.String()),
      companyName: Nullable(Type.String()),
      stage: Type.Enum(LEAD_STAGES),
    }),
  ),
  accounts: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Nullable(Type.String()),
      domain: Type.String(),
      leads: Type.Integer({ description: 'leads of this company the caller may see' }),
    }),
  ),
})

export function searchRoutes(_deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/search',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'Find people and companies by name, e-mail or domain',
          description:
            'Up to 8 leads (name or e-mail containing q) and 5 companies (name or domain containing q). A rep ' +
            'finds only the leads they may see, and only companies with such a lead.',
          querystring: Type.Object(
            { q: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S[\\s\\S]*\\S' }) },
            { additionalProperties: false },
          ),
          response: {
            200: SearchResultSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request) =>
        searchWorkspace(
          request.db,
          workspaceOf(request),
          request.query.q,
          viewerVisibility(request.principal),
        ),
    )
  }
}
