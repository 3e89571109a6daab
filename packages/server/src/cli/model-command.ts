// `takt model evaluate`: the predictive score's evaluation protocol on any CSV with an outcome column (a
// CRM export), each of Takt's models fitted on the training rows and measured on the test rows.
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { UsageError } from './command-deps.ts'
import { isDomainError } from '#core/errors.ts'
import { evaluateModels, type ModelEvaluation } from '#core/prediction/evaluate-models.ts'

type EvaluateOptions = { csv: string; target: string; drop?: string; positive?: string; json?: boolean }

const HELP_AFTER = `
Rows numbered 0, 1, 2, … in file order; row i is a test row iff i % 5 == 0. Everything (medians, scalers,
categories, bins) is fitted on the training rows; the model is chosen by cross-validation on them too.
The delimiter (, or ;) is detected; ID-like columns (no missing cell, all values distinct) are left out.

Exit codes: 0 figures printed, 2 invalid input (no such file or column, one class only).

Example:
  takt model evaluate --csv leads.csv --target Converted --drop "Tags,Lead Quality" --json`

export function addModelCommand(program: Command): void {
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
        const text = await readFile(options.csv, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`Cannot read ${options.csv}: ${error.code ?? error.message}`)
        })
        const evaluation = evaluateModels(text, {
          target: options.target,
          drop: (options.drop ?? '')
            .split(',')
            .map((column) => column.trim())
            .filter(Boolean),
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
