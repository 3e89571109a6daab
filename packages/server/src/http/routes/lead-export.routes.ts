// CSV export of the board's list: every lead the filters match, not one page, streamed as it is read.
import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { LeadListQuerySchema } from '../schemas/lead.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { leadFiltersOf } from '../lead-filter-query.ts'
import { leadCsvChunks, ownerEmails } from '../../services/board/lead-export.ts'

const { limit: _limit, cursor: _cursor, ...exportQuery } = LeadListQuerySchema.properties
// The list's filters and sort without its paging: the export is every page.
const ExportQuerySchema = Type.Object(exportQuery, { additionalProperties: false })

export function leadExportRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/leads/export.csv',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'Every lead the list’s filters match, as CSV',
          description:
            'The filters, visibility and sort of GET /leads, all pages at once, as UTF-8 CSV with a byte order ' +
            'mark (for Excel) and a fixed header: id, email, first_name, last_name, title, company, country, ' +
            'stage, owner_email, source, lane, fit, engagement, stage_entered_at, last_touch_at, touchpoints. ' +
            'Sorted by e-mail unless another sort than engagement is asked for. Text a spreadsheet would run ' +
            'as a formula starts with an apostrophe.',
          querystring: ExportQuerySchema,
          produces: ['text/csv'],
          response: {
            200: { description: 'CSV', content: { 'text/csv': { schema: Type.String() } } },
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const workspaceId = workspaceOf(request)
        const { sort, order, ...filters } = request.query
        // Keyset paging by engagement rescans from the top on every page; e-mail pages through an index,
        // and, never changing, lets no lead updated between two pages' reads be skipped or repeated.
        const byEngagement = sort === undefined || sort === 'engagement'
        const now = deps.clock()
        const chunks = leadCsvChunks(
          deps.db,
          workspaceId,
          {
            ...leadFiltersOf(filters, request.principal, now),
            sort: byEngagement ? 'email' : sort,
            order: byEngagement ? 'asc' : (order ?? 'desc'),
          },
          await ownerEmails(request.db, workspaceId),
        )
        const day = now.toISOString().slice(0, 10)
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="takt-leads-${day}.csv"`)
          .header('cache-control', 'no-store')
        // Fastify sends a stream as it is read; the type provider only knows the schema's string.
        return Readable.from(chunks) as unknown as string
      },
    )
  }
}
