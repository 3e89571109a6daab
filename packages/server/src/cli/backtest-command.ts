// `takt backtest`: an agreement file replayed over a workspace's recorded history and compared with
// the active version (or another) and with what really happened, before anyone proposes it.
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { InvalidArgumentError, type Command } from 'commander'
import cliProgress from 'cli-progress'
import { resolveWorkspace, UsageError, type CommandDeps } from './command-deps.ts'
import { parseAgreement } from '#core/agreement/parse-agreement.ts'
import type { BacktestReport, StageFigures, VersionReport } from '#core/backtest/backtest-report.ts'
import { isDomainError } from '#core/errors.ts'
import { runBacktest } from '../services/backtest/run-backtest.ts'

type BacktestOptions = {
  agreement: string
  from?: string
  to?: string
  against: 'active' | number
  workspace?: string
  json?: boolean
}

const HELP_AFTER = `
The period is whole days in the workspace's time zone, --to included; without --to it ends today,
without --from it starts 365 days before --to. At most 5 years.

Exit codes: 0 report printed, 2 invalid input (the agreement file, the period, an unknown version).

Examples:
  takt backtest --agreement draft.yaml --from 2026-01-01 --to 2026-06-30
  takt backtest --agreement draft.yaml --against 7 --workspace acme --json`

export function addBacktestCommand(program: Command, deps: CommandDeps): void {
  program
    .command('backtest')
    .description(
      "Replay a workspace's recorded touchpoints and decisions under an agreement file and compare it with the active version and with what really happened",
    )
    .requiredOption('--agreement <file>', 'the agreement to test (YAML, or JSON for a .json file)')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .option('--to <date>', 'last day of the period (YYYY-MM-DD), included')
    .option('--against <version>', 'compare with "active" or a stored version number', parseAgainst, 'active')
    .option('--workspace <slug>', 'the workspace (needed when there is more than one)')
    .option('--json', 'print the report as one JSON object, for scripts')
    .addHelpText('after', HELP_AFTER)
    .action(async (options: BacktestOptions) => {
      const config = deps.readConfig()
      try {
        const document = await readAgreement(options.agreement)
        const report = await deps.withDatabase(config, async (db) => {
          const workspaceId = await resolveWorkspace(db, options.workspace)
          const bar = new cliProgress.SingleBar(
            { format: ' leads [{bar}] {value}/{total}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
          bar.start(1, 0)
          try {
            return await runBacktest(
              db,
              workspaceId,
              {
                candidate: { document },
                against: options.against,
                period: { from: options.from, to: options.to },
                onProgress: (done, total) => {
                  bar.setTotal(total)
                  bar.update(done)
                },
              },
              new Date(),
            )
          } finally {
            bar.stop()
          }
        })
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report))
      } catch (error) {
        if (error instanceof UsageError) process.stderr.write(`${error.message}\n`)
        else if (isDomainError(error)) process.stderr.write(`${error.code}: ${error.message}\n`)
        else throw error
        process.exitCode = 2
      }
    })
}

function parseAgainst(value: string): 'active' | number {
  if (value === 'active') return value
  const version = Number(value)
  if (!Number.isInteger(version) || version < 1)
    throw new InvalidArgumentError('must be "active" or a version number')
  return version
}

async function readAgreement(path: string) {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UsageError(`Cannot read --agreement ${path}: ${(error as Error).message}`)
  }
  const parsed = parseAgreement(text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml')
  if (parsed.ok) return parsed.document
  const issues = parsed.errors.map(
    (issue) => `  ${path}:${issue.line ?? '?'}:${issue.column ?? '?'} ${issue.path} ${issue.message}`,
  )
  throw new UsageError(`The agreement has ${parsed.errors.length} error(s):\n${issues.join('\n')}`)
}

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`)
const number = (value: number | null) => (value === null ? 'n/a' : String(value))

function formatReport(report: BacktestReport): string {
  const [candidate, baseline] = report.versions
  const name = (version: VersionReport) =>
    version.version === null ? `${version.role} (file)` : `${version.role} (v${version.version})`
  const row = (label: string, a: string, b: string) => `${label.padEnd(26)}${a.padEnd(20)}${b}`
  const stages = (label: string, pick: (version: VersionReport) => StageFigures, show = percent) =>
    (['sal', 'sql', 'opportunity', 'customer'] as const).map((stage) =>
      row(`${label} ${stage}`, show(pick(candidate)[stage]), show(pick(baseline)[stage])),
    )
  const lines = [
    `Backtest ${report.period.from} – ${report.period.to} (${report.period.timezone}): ${report.leads} leads, ` +
      `capacity ${report.capacityPerWeek === null ? 'not set' : `${report.capacityPerWeek} MQLs/week`}`,
    '',
    row('', name(candidate), name(baseline)),
    row('MQLs', String(candidate.mqls), String(baseline.mqls)),
    row('weeks over capacity', number(candidate.weeksOverCapacity), number(baseline.weeksOverCapacity)),
    ...stages('precision', (version) => version.precision),
    ...stages('recall', (version) => version.recall),
    ...stages(
      'lift',
      (version) => version.lift,
      (value) => (value === null ? 'n/a' : value.toFixed(2)),
    ),
    row(
      'median days vs hand-off',
      number(candidate.medianDaysVsHandOff),
      number(baseline.medianDaysVsHandOff),
    ),
    '',
    `Real hand-offs: ${report.actual.handOffs}; leads whose outcome changes: ${report.changedLeads}`,
    `Rejected by sales: ${report.rejections.rejected}; still sent by the candidate: ${report.rejections.stillSent.candidate}, by the baseline: ${report.rejections.stillSent.baseline}`,
    ...report.rejections.byReason.map(
      (reason) =>
        `  ${reason.reason.padEnd(24)}${reason.rejected} rejected, ${reason.stillSent.candidate} / ${reason.stillSent.baseline} still sent`,
    ),
    '',
    `${'week'.padEnd(10)}${'candidate'.padStart(10)}${'baseline'.padStart(10)}${'actual'.padStart(10)}`,
    ...candidate.mqlsPerWeek.map(
      (week, index) =>
        `${week.week.padEnd(10)}${String(week.mqls).padStart(10)}${String(baseline.mqlsPerWeek[index]!.mqls).padStart(10)}${String(report.actual.handOffsPerWeek[index]!.mqls).padStart(10)}`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
