// GET /leads/{id}/recommendations: next best content for a lead in nurture, read like the lead itself.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { RecommendationQuerySchema, RecommendationsSchema } from '../schemas/recommendations.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { viewerVisibility } from '../lead-filter-query.ts'
import { recommendContentForLead } from '../../services/lead-recommendations.ts'

const DEFAULT_LIMIT = 5

export function leadRecommendationsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/leads/:id/recommendations',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'Next best content for a lead in nurture, each item with why',
          description:
            'Catalog items of the next journey stage (orientation → consideration → decision) on the topics the ' +
            'lead engaged with, weighted by how recently and how often it did, that it has not consumed, in its ' +
            'language or language-neutral. Only for leads marketing nurtures (stages lead and recycled); ' +
            'otherwise, and whenever nothing fits, `items` is empty and `reason` says why. Items are ' +
            'recommended whatever the consent; `email` says whether they may go out as nurture e-mail.',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: RecommendationQuerySchema,
          response: {
            200: RecommendationsSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request) =>
        recommendContentForLead(
          request.db,
          workspaceOf(request),
          request.params.id,
          {
            now: deps.clock(),
            limit: request.query.limit ?? DEFAULT_LIMIT,
            ...(request.query.language === undefined ? {} : { language: request.query.language }),
          },
          viewerVisibility(request.principal),
        ),
    )
  }
}
