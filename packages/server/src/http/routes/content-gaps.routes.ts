// GET /reports/content-gaps: topics without decision-stage content and the content that precedes MQL.
// A static path, so it is matched before GET /reports/{name}.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { ContentGapsQuerySchema, ContentGapsReportSchema } from '../schemas/content-gaps.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { contentGapsReport } from '../../services/reports/content-gaps-report.ts'

export function contentGapsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/reports/content-gaps',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Reports'],
          summary: 'Content gaps: topics without decision-stage content, and the content that precedes MQL',
          description:
            'Per topic (of the catalog and of the period’s touchpoints): catalog items per journey stage, the ' +
            'stages missing, and the leads that engaged with it in the period; decision gaps first. Per content ' +
            'item consumed in the period: how many leads consumed it and how many of them entered MQL at or ' +
            'after that, within the period. The period is whole days in the workspace’s time zone, `to` ' +
            'included (default: the last 90 days; at most 10 years); a bad one is a 422 naming the parameter.',
          querystring: ContentGapsQuerySchema,
          response: {
            200: ContentGapsReportSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request) => contentGapsReport(request.db, workspaceOf(request), request.query, deps.clock()),
    )
  }
}
