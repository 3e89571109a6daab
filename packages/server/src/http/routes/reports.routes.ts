// GET /reports/{name}: the funnel, velocity, SLA, reasons, calibration and source reports, as JSON or as
// their main table in CSV; for everyone who may read leads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { ReportParamsSchema, ReportQuerySchema, ReportSchema } from '../schemas/reports.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { runReport } from '../../services/reports/run-report.ts'
import { reportCsv } from '../../services/reports/report-csv.ts'

export function reportsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/reports/:name',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Reports'],
          summary: 'A report for a period: funnel, velocity, sla, reasons, calibration or sources',
          description:
            'The period is whole days in the workspace’s time zone, `to` included (default: the last 90 days; ' +
            'at most 10 years). The funnel counts stage entries in the period (`view=flow`) or follows the ' +
            'leads created in it (`view=cohort`); `by` groups the funnel (source, lane, campaign, version, ' +
            'owner) and the reasons (source, version). Rates are null when their denominator is 0. ' +
            '`format=csv` or `Accept: text/csv` gives the report’s main table as CSV.',
          params: ReportParamsSchema,
          querystring: ReportQuerySchema,
          produces: ['application/json', 'text/csv'],
          response: {
            200: ReportSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query
        const report = await runReport(
          request.db,
          workspaceOf(request),
          { name: request.params.name, ...query },
          deps.clock(),
        )
        const wantsCsv = format === 'csv' || (format === undefined && prefersCsv(request.headers.accept))
        if (!wantsCsv) return report
        reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="takt-${report.name}-${report.period.from}-${report.period.to}.csv"`,
          )
          .header('cache-control', 'no-store')
        // A string with a content type of its own is sent as it is; the type provider only knows the JSON.
        return reportCsv(report) as unknown as typeof report
      },
    )
  }
}

function prefersCsv(accept: string | undefined): boolean {
  return (
    accept !== undefined && /(^|,)\s*text\/csv/i.test(accept) && !/(^|,)\s*application\/json/i.test(accept)
  )
}
