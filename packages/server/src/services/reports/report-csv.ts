// Each report's main table as CSV (the table beneath its chart), quoted as the lead export quotes.
import { csvLine } from '../board/lead-export.ts'
import { assertUnreachable } from '#core/util/assert-unreachable.ts'
import type { Report } from './run-report.ts'

type Cell = string | number | null

export function reportCsv(report: Report): string {
  const [header, ...rows] = reportTable(report)
  return [header!, ...rows].map(csvLine).join('')
}

/** The header row, then one row per line of the report's main table. */
export function reportTable(report: Report): Cell[][] {
  switch (report.name) {
    case 'funnel': {
      const groups = report.groups ?? [{ key: null, stages: report.stages }]
      const head = ['stage', 'entered', 'conversion_from_previous', 'conversion_from_first', 'median_days']
      return [
        report.by === null ? head : [report.by, ...head],
        ...groups.flatMap((group) =>
          group.stages.map((stage) => {
            const cells = [
              stage.stage,
              stage.entered,
              stage.conversionFromPrevious,
              stage.conversionFromFirst,
              stage.medianDays,
            ]
            return report.by === null ? cells : [group.key, ...cells]
          }),
        ),
      ]
    }
    case 'velocity':
      return [
        ['measure', 'n', 'median', 'p90'],
        ...report.stages.map((stage) => [`days_in_${stage.stage}`, stage.n, stage.median, stage.p90]),
        [
          'hours_mql_to_first_response',
          report.mqlToFirstResponseHours.n,
          report.mqlToFirstResponseHours.median,
          report.mqlToFirstResponseHours.p90,
        ],
        ['days_mql_to_sql', report.mqlToSqlDays.n, report.mqlToSqlDays.median, report.mqlToSqlDays.p90],
      ]
    case 'sla':
      return [
        ['rep', 'hand_offs', 'in_time', 'late', 'missed', 'open', 'in_time_share', 'median_rep_hours'],
        ...report.reps.map((rep) => [
          rep.rep,
          rep.handOffs,
          rep.inTime,
          rep.late,
          rep.missed,
          rep.open,
          rep.inTimeShare,
          rep.medianRepHours,
        ]),
      ]
    case 'reasons':
      return [
        ['outcome', 'reason', 'count', 'share', 'cumulative_share'],
        ...report.paretos.flatMap((pareto) =>
          pareto.reasons.map((reason) => [
            pareto.outcome,
            reason.reason,
            reason.count,
            reason.share,
            reason.cumulativeShare,
          ]),
        ),
      ]
    case 'calibration':
      return [
        ['score', 'kind', 'band', 'min', 'max', 'leads', 'sqls', 'customers', 'sql_rate', 'customer_rate'],
        ...report.scores.flatMap((score) =>
          (['deciles', 'bands'] as const).flatMap((kind) =>
            score[kind].map((band) => [
              score.score,
              kind === 'deciles' ? 'decile' : 'threshold',
              band.band,
              band.min,
              band.max,
              band.leads,
              band.sqls,
              band.customers,
              band.sqlRate,
              band.customerRate,
            ]),
          ),
        ),
      ]
    case 'sources':
      return [
        [
          'source',
          'leads',
          'mqls',
          'sqls',
          'customers',
          'mql_rate',
          'sql_rate',
          'won_rate',
          'revenue_won',
          'median_days_to_sql',
        ],
        ...report.sources.map((row) => [
          row.source,
          row.leads,
          row.mqls,
          row.sqls,
          row.customers,
          row.mqlRate,
          row.sqlRate,
          row.wonRate,
          row.revenueWon,
          row.medianDaysToSql,
        ]),
      ]
    default:
      return assertUnreachable(report)
  }
}
