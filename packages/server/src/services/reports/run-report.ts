// The one entry point of the reports: the API, the CLI and the benchmark call it. Each report is its own
// module; this checks the request once and picks the module by name.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { assertUnreachable } from '#core/util/assert-unreachable.ts'
import { resolveReportRequest, type ReportRequest } from './report-request.ts'
import { funnelReport, type FunnelReport } from './funnel-report.ts'
import { velocityReport, type VelocityReport } from './velocity-report.ts'
import { slaReport, type SlaReport } from './sla-report.ts'
import { reasonsReport, type ReasonsReport } from './reasons-report.ts'
import { calibrationReport, type CalibrationReport } from './calibration-report.ts'
import { sourceReport, type SourceReport } from './source-report.ts'

export type { ReportRequest }
export type Report =
  FunnelReport | VelocityReport | SlaReport | ReasonsReport | CalibrationReport | SourceReport

/**
 * One report of a workspace for a period; `now` is the instant "waiting now" and open SLAs are read at.
 * @throws DomainError REPORT_NOT_FOUND, REPORT_QUERY_INVALID (details.parameter names the culprit)
 */
export async function runReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: ReportRequest,
  now: Date,
): Promise<Report> {
  const resolved = await resolveReportRequest(db, workspaceId, request, now)
  switch (resolved.name) {
    case 'funnel':
      return funnelReport(db, workspaceId, resolved)
    case 'velocity':
      return velocityReport(db, workspaceId, resolved)
    case 'sla':
      return slaReport(db, workspaceId, resolved)
    case 'reasons':
      return reasonsReport(db, workspaceId, resolved)
    case 'calibration':
      return calibrationReport(db, workspaceId, resolved)
    case 'sources':
      return sourceReport(db, workspaceId, resolved)
    default:
      return assertUnreachable(resolved.name)
  }
}
