// `takt report NAME`: a report of a workspace for a period, as a readable table, JSON or CSV.
import { InvalidArgumentError, type Command } from 'commander'
import { resolveWorkspace, UsageError, type CommandDeps } from './command-deps.ts'
import { isDomainError } from '#core/errors.ts'
import { runReport } from '../services/reports/run-report.ts'
import { reportCsv, reportTable } from '../services/reports/report-csv.ts'
import { REPORT_NAMES, type ReportName } from '../services/reports/report-request.ts'

type ReportOptions = {
  from?: string
  to?: string
  view?: 'flow' | 'cohort'
  by?: string
  version?: number
  source?: string
  owner?: string
  workspace?: string
  json?: boolean
  csv?: boolean
}

const HELP_AFTER = `
Reports: ${REPORT_NAMES.join(', ')}. The period is whole days in the workspace's time zone, --to included;
without a period, the last 90 days. --by groups the funnel (source, lane, campaign, version, owner) and
the reasons (source, version).

Exit codes: 0 report printed, 2 invalid input (an unknown report, grouping, version or owner, a bad period).

Examples:
  takt report funnel --from 2026-01-01 --to 2026-03-31 --view flow --json
  takt report sources --workspace acme --csv`

export function addReportCommand(program: Command, deps: CommandDeps): void {
  program
    .command('report')
    .description('Print a report of a workspace: funnel, velocity, sla, reasons, calibration or sources')
    .argument('<name>', `the report (${REPORT_NAMES.join(', ')})`)
    .option('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .option('--to <date>', 'last day of the period (YYYY-MM-DD), included')
    .option('--view <view>', 'funnel: flow (stage entries in the period) or cohort (leads created in it)')
    .option('--by <grouping>', 'group by source, lane, campaign, version or owner')
    .option('--version <number>', 'only transitions under this agreement version', parseVersion)
    .option('--source <source>', 'only leads with this first source')
    .option('--owner <user-id>', 'only this owner')
    .option('--workspace <slug>', 'the workspace (needed when there is more than one)')
    .option('--json', 'print the report as one JSON object')
    .option('--csv', "print the report's main table as CSV")
    .addHelpText('after', HELP_AFTER)
    .action(async (name: string, options: ReportOptions) => {
      const config = deps.readConfig()
      try {
        if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.')
        const { workspace, json, csv, ...query } = options
        const report = await deps.withDatabase(config, async (db) =>
          runReport(
            db,
            await resolveWorkspace(db, workspace),
            { ...query, name: name as ReportName },
            new Date(),
          ),
        )
        process.stdout.write(
          json ? `${JSON.stringify(report)}\n` : csv ? reportCsv(report) : formatTable(reportTable(report)),
        )
      } catch (error) {
        if (error instanceof UsageError) process.stderr.write(`${error.message}\n`)
        else if (isDomainError(error)) process.stderr.write(`${error.code}: ${error.message}\n`)
        else throw error
        process.exitCode = 2
      }
    })
}

function parseVersion(value: string): number {
  const version = Number(value)
  if (!Number.isInteger(version) || version < 1) throw new InvalidArgumentError('must be a version number')
  return version
}

/** Columns padded to their widest cell; shares as percentages, missing figures as n/a. */
function formatTable(rows: Array<Array<string | number | null>>): string {
  const text = rows.map((row, index) =>
    row.map((cell) => {
      if (cell === null) return index === 0 ? '' : 'n/a'
      if (typeof cell === 'number' && !Number.isInteger(cell)) return String(Math.round(cell * 1000) / 1000)
      return String(cell)
    }),
  )
  const widths = text[0]!.map((_, column) => Math.max(...text.map((row) => row[column]!.length)))
  return `${text
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]! + 2))
        .join('')
        .trimEnd(),
    )
    .join('\n')}\n`
}
