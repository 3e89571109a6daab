// `takt model evaluate`: the predictive score's evaluation protocol on any CSV with an outcome column (a
// CRM export), each of Takt's models fitted on the training rows and measured on the test rows.
// `takt model train`: the same on a CSV, the chosen model stored as a version of a workspace; or a
// version trained on the workspace's own outcomes, as the model page's button trains one.
import { readFile } from 'node:fs/promises'
import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { resolveWorkspace, UsageError, type CommandDeps } from './command-deps.ts'
import { isDomainError } from '#core/errors.ts'
import { evaluateModels, type ModelEvaluation } from '#core/prediction/evaluate-models.ts'
import { decodeCsvBytes, readCsvTable } from '#core/prediction/read-csv-table.ts'
import { trainPrediction } from '#core/prediction/train-prediction-model.ts'
import { PREDICTION_TARGETS, type PredictionTarget } from '#core/prediction/training-example.ts'
import { runPredictionTraining } from '../jobs/prediction-training.job.ts'
import {
  getModelRun,
  startModelTraining,
  storeTrainedModel,
  type ModelRun,
} from '../services/prediction/prediction-model-runs.ts'

type EvaluateOptions = { csv: string; target: string; drop?: string; positive?: string; json?: boolean }

const HELP_AFTER = `
Rows numbered 0, 1, 2, … in file order; row i is a test row iff i % 5 == 0. Everything (medians, scalers,
categories, bins) is fitted on the training rows; the model is chosen by cross-validation on them too.
The delimiter (, or ;) is detected; ID-like columns (no missing cell, all values distinct) are left out.

Exit codes: 0 figures printed, 2 invalid input (no such file or column, one class only).

Example:
  takt model evaluate --csv leads.csv --target Converted --drop "Tags,Lead Quality" --json`

type TrainOptions = {
  csv?: string
  target?: string
  drop?: string
  positive?: string
  workspace?: string
  json?: boolean
}

const TRAIN_HELP_AFTER = `
With --csv: the evaluation protocol of \`takt model evaluate\` on the file, and the chosen model stored as a
version of the workspace (kept with its figures; it scores no leads, whose fields it does not know).
Without --csv: a version trained on the workspace's own outcomes (leads that reached --target, sql by
default or customer, against those sent back or closed without), as described at their hand-off. With
fewer than 200 outcomes of either kind the version is kept as insufficient, without a model.

Exit codes: 0 trained (or insufficient, said so), 2 invalid input (no such file, column or workspace).

Examples:
  takt model train --csv leads.csv --target Converted --drop "Tags,Lead Quality" --workspace acme
  takt model train --workspace acme --target customer --json`

export function addModelCommand(program: Command, deps: CommandDeps): void {
  const model = program.command('model').description('The predictive score: learn from outcomes in a CSV')
  model
    .command('evaluate')
    .description("Measure Takt's models on a CSV with an outcome column")
    .requiredOption('--csv <file>', 'the CSV file (header line first)')
    .requiredOption('--target <column>', 'the outcome column')
    .option('--drop <columns>', 'columns to leave out, comma-separated (those known only after hand-off)')
    .option(
      '--positive <value>',
      'the outcome value that counts as positive (default: 1, yes, true, won, converted)',
    )
    .option('--json', 'print one JSON object: {"models": [...], "chosen": name}')
    .addHelpText('after', HELP_AFTER)
    .action(async (options: EvaluateOptions) => {
      try {
        const text = await readCsvText(options.csv)
        const evaluation = evaluateModels(text, {
          target: options.target,
          drop: columnsOf(options.drop),
          ...(options.positive === undefined ? {} : { positive: options.positive }),
        })
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ models: evaluation.models, chosen: evaluation.chosen, split: evaluation.split })}\n`
            : evaluationTable(evaluation),
        )
      } catch (error) {
        if (error instanceof UsageError) process.stderr.write(`${error.message}\n`)
        else if (isDomainError(error)) process.stderr.write(`${error.code}: ${error.message}\n`)
        else throw error
        process.exitCode = 2
      }
    })
  addTrainCommand(model, deps)
}

function addTrainCommand(model: Command, deps: CommandDeps): void {
  model
    .command('train')
    .description("Train and store a model version: from a CSV, or from the workspace's outcomes")
    .option('--csv <file>', 'the CSV file (header line first); without it, the workspace’s outcomes')
    .option('--target <column>', 'the outcome column (--csv), or sql / customer (default sql)')
    .option('--drop <columns>', 'columns to leave out, comma-separated (--csv)')
    .option('--positive <value>', 'the outcome value that counts as positive (--csv)')
    .option('--workspace <slug>', 'the workspace (needed when there is more than one)')
    .option('--json', 'print the stored version as one JSON object')
    .addHelpText('after', TRAIN_HELP_AFTER)
    .action(async (options: TrainOptions) => {
      const config = deps.readConfig()
      try {
        const run = await deps.withDatabase(config, async (db) => {
          const workspaceId = await resolveWorkspace(db, options.workspace)
          if (options.csv !== undefined) {
            if (options.target === undefined)
              throw new UsageError('--target names the outcome column of the CSV.')
            const text = await readCsvText(options.csv)
            const trained = trainPrediction(readCsvTable(text), {
              target: options.target,
              drop: columnsOf(options.drop),
              ...(options.positive === undefined ? {} : { positive: options.positive }),
            })
            const { split } = trained.evaluation
            return storeTrainedModel(
              db,
              workspaceId,
              {
                target: options.target,
                outcomes: {
                  positives: split.trainPositives + split.testPositives,
                  negatives: split.trainRows + split.testRows - split.trainPositives - split.testPositives,
                },
                figures: trained.evaluation,
                model: trained.artifact,
              },
              new Date(),
            )
          }
          const target = workspaceTarget(options.target)
          const { run } = await startModelTraining(
            db,
            workspaceId,
            { target, trigger: 'cli' },
            null,
            new Date(),
          )
          const bar = new cliProgress.SingleBar(
            { format: ' training [{bar}] {percentage}% {note}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
          bar.start(100, 0, { note: '' })
          try {
            // A running Takt's worker may take the job first: then this waits for it to finish.
            const signal = new AbortController().signal
            await runPredictionTraining(
              db,
              { workspaceId, version: run.version },
              {
                signal,
                retryCount: 0,
                progress: async (fraction, note) => {
                  bar.update(Math.round(fraction * 100), { note: note ?? '' })
                  return true
                },
              },
              () => new Date(),
            )
            return await untilFinished(() => getModelRun(db, workspaceId, run.version))
          } finally {
            bar.stop()
          }
        })
        process.stdout.write(options.json ? `${JSON.stringify(run)}\n` : trainedSummary(run))
        if (run.status === 'failed') process.exitCode = 1
      } catch (error) {
        if (error instanceof UsageError) process.stderr.write(`${error.message}\n`)
        else if (isDomainError(error)) process.stderr.write(`${error.code}: ${error.message}\n`)
        else throw error
        process.exitCode = 2
      }
    })
}

async function readCsvText(file: string): Promise<string> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${file}: ${error.code ?? error.message}`)
  })
  return decodeCsvBytes(bytes)
}

function columnsOf(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((column) => column.trim())
    .filter(Boolean)
}

function workspaceTarget(target: string | undefined): PredictionTarget {
  if (target === undefined) return 'sql'
  if ((PREDICTION_TARGETS as readonly string[]).includes(target)) return target as PredictionTarget
  throw new UsageError(`--target for the workspace's outcomes is one of ${PREDICTION_TARGETS.join(', ')}.`)
}

async function untilFinished(read: () => Promise<ModelRun>): Promise<ModelRun> {
  for (;;) {
    const run = await read()
    if (run.status !== 'queued' && run.status !== 'running') return run
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
}

function trainedSummary(run: ModelRun): string {
  const outcomes = run.outcomes
  const counted = outcomes ? `${outcomes.positives} positive, ${outcomes.negatives} negative outcomes` : ''
  switch (run.status) {
    case 'completed':
      return `model version ${run.version} (${run.source}, target ${run.target}): ${counted}\n${
        run.figures ? evaluationTable(run.figures) : ''
      }`
    case 'insufficient':
      return (
        `model version ${run.version}: not enough outcomes to learn from (${counted}; ` +
        `${outcomes?.minimumPerKind ?? 200} of each needed). The rule-based score stays the only one.\n`
      )
    default:
      return `model version ${run.version} ${run.status}: ${run.error ?? ''}\n`
  }
}

function evaluationTable(evaluation: ModelEvaluation): string {
  const { split } = evaluation
  const figure = (value: number) => value.toFixed(3).padStart(9)
  const lines = [
    `train ${split.trainRows} rows (${split.trainPositives} positive), test ${split.testRows} rows (${split.testPositives} positive)`,
    `${'model'.padEnd(8)}${'ROC AUC'.padStart(9)}${'AP'.padStart(9)}${'log loss'.padStart(9)}${'Brier'.padStart(9)}${'train s'.padStart(9)}`,
    ...evaluation.models.map(
      (model) =>
        `${model.name.padEnd(8)}${figure(model.rocAuc)}${figure(model.averagePrecision)}${figure(model.logLoss)}` +
        `${figure(model.brier)}${model.trainSeconds.toFixed(2).padStart(9)}`,
    ),
    `chosen by cross-validation on the training rows: ${evaluation.chosen}`,
  ]
  return `${lines.join('\n')}\n`
}
