// A CSV table turned into what every model trains on: the feature columns, the labels and the fixed split.
// The split is by row number (test iff i % 5 == 0), so figures are comparable with the reference ones and
// reproducible without a random seed.
import { columnKindOf, isIdColumn, type ColumnKind } from './column-kinds.ts'
import type { CsvTable } from './read-csv-table.ts'
import { positiveTest } from './target-label.ts'
import { DomainError } from '../errors.ts'

export type PredictionTask = {
  target: string
  drop?: readonly string[]
  positive?: string
  /**
   * A column no model can use — empty in every training row, or a category column with more than
   * MAX_CATEGORIES values — refuses the table ('refuse', the default: a file's owner drops or fixes it)
   * or is left out and listed ('drop': a workspace's own fields, which nobody chose column by column).
   */
  unusable?: 'refuse' | 'drop'
}

/** More values than this in one category column is free text or an id with repeats, not a category. */
export const MAX_CATEGORIES = 1_000

/** A feature column's cells for the kept rows; '' is missing. */
export type FeatureColumn = { name: string; kind: ColumnKind; cells: readonly string[] }

export type PredictionDataset = {
  features: FeatureColumn[]
  /** 1 for the positive class, per kept row. */
  labels: Uint8Array
  trainRows: Int32Array
  testRows: Int32Array
  /** Columns left out as IDs (no missing cell, all values distinct on the training rows). */
  idColumns: string[]
  /** Columns left out as unusable (task.unusable 'drop'), with why. */
  unusableColumns: Array<{ column: string; why: 'empty' | 'too_many_categories'; categories?: number }>
}

const TEST_EVERY = 5

/** The feature columns, labels and split of a table; throws when the target column is absent. */
export function prepareDataset(table: CsvTable, task: PredictionTask): PredictionDataset {
  const targetIndex = table.header.indexOf(task.target)
  if (targetIndex === -1) {
    throw new DomainError(
      'PREDICTION_INPUT_INVALID',
      `The target column "${task.target}" is not in the header.`,
      {
        column: task.target,
      },
    )
  }
  // Rows are numbered before rows without a target are removed, so the split does not shift.
  const kept = table.rows.flatMap((row, i) =>
    row[targetIndex] === '' ? [] : [{ row, isTest: i % TEST_EVERY === 0 }],
  )
  const targetCells = kept.map(({ row }) => row[targetIndex]!)
  const isPositive = positiveTest(targetCells, task.positive)
  const labels = Uint8Array.from(targetCells, (cell) => (isPositive(cell) ? 1 : 0))
  const trainRows = Int32Array.from(kept.flatMap((entry, i) => (entry.isTest ? [] : [i])))
  const testRows = Int32Array.from(kept.flatMap((entry, i) => (entry.isTest ? [i] : [])))
  const trainPositives = trainRows.reduce((sum, row) => sum + labels[row]!, 0)
  if (trainPositives === 0 || trainPositives === trainRows.length) {
    // Nothing to tell apart: every model would answer the one class, and its log-odds are infinite.
    throw new DomainError(
      'PREDICTION_INPUT_INVALID',
      `The training rows hold ${trainPositives === 0 ? 'no positive' : 'only positive'} "${task.target}" values.`,
      { column: task.target, trainRows: trainRows.length, trainPositives },
    )
  }

  const dropped = new Set([task.target, ...(task.drop ?? [])])
  const features: FeatureColumn[] = []
  const idColumns: string[] = []
  const unusableColumns: PredictionDataset['unusableColumns'] = []
  const unusable = (entry: PredictionDataset['unusableColumns'][number], message: string) => {
    if (task.unusable === 'drop') unusableColumns.push(entry)
    else throw new DomainError('PREDICTION_INPUT_INVALID', `${message} Leave it out with --drop.`, entry)
  }
  table.header.forEach((name, column) => {
    if (dropped.has(name)) return
    const cells = kept.map(({ row }) => row[column]!)
    const trainCells = Array.from(trainRows, (row) => cells[row]!)
    if (isIdColumn(trainCells)) idColumns.push(name)
    else if (trainCells.every((cell) => cell === '')) {
      unusable({ column: name, why: 'empty' }, `The column "${name}" is empty in every training row.`)
    } else {
      const kind = columnKindOf(trainCells)
      const categories = kind === 'categorical' ? new Set(trainCells).size : 0
      if (categories > MAX_CATEGORIES) {
        unusable(
          { column: name, why: 'too_many_categories', categories },
          `The column "${name}" has ${categories} different values, more than ${MAX_CATEGORIES} categories a model can learn from.`,
        )
      } else features.push({ name, kind, cells })
    }
  })
  return { features, labels, trainRows, testRows, idColumns, unusableColumns }
}
