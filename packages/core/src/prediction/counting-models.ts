// The counting models of the evaluation protocol (shared/data/EVALUATION.md): naive Bayes with Laplace
// smoothing and Odoo CRM's frequency score, over the same fields — categories as they are, numbers in up to
// ten equal-frequency bins. They are deterministic, so the reference figures pin the CSV reader, the split
// and the metrics exactly; they are yardsticks, not models Takt deploys.
import type { FeatureColumn, PredictionDataset } from './prediction-dataset.ts'
import type { FitModel } from './prediction-models.ts'

export type CountingModelName = 'nb_laplace' | 'odoo_pls'

const MISSING = '__MISSING__'
const BINS = 10

/** A field's value per row as the counting models see it: the category, or the bin of a number. */
function fieldValues(feature: FeatureColumn, trainRows: Int32Array): (row: number) => string {
  if (feature.kind === 'categorical') return (row) => feature.cells[row] || MISSING
  const sorted = Array.from(trainRows, (row) => feature.cells[row]!)
    .filter((cell) => cell !== '')
    .map(Number)
    .sort((a, b) => a - b)
  const edges = [
    ...new Set(
      Array.from({ length: BINS - 1 }, (_, k) => sorted[Math.floor(((k + 1) * sorted.length) / BINS)]!),
    ),
  ].sort((a, b) => a - b)
  return (row) => {
    const cell = feature.cells[row]!
    if (cell === '') return MISSING
    const value = Number(cell)
    let bin = 0
    while (bin < edges.length && edges[bin]! <= value) bin++
    return String(bin)
  }
}

type FieldCounts = { value: (row: number) => string; won: Map<string, number>; lost: Map<string, number> }

function countFields(dataset: PredictionDataset, trainRows: Int32Array, skipMissing: boolean): FieldCounts[] {
  return dataset.features.map((feature) => {
    const value = fieldValues(feature, trainRows)
    const won = new Map<string, number>()
    const lost = new Map<string, number>()
    for (const row of trainRows) {
      const v = value(row)
      if (skipMissing && v === MISSING) continue
      const counts = dataset.labels[row] === 1 ? won : lost
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    return { value, won, lost }
  })
}

function outcomes(dataset: PredictionDataset, trainRows: Int32Array) {
  let won = 0
  for (const row of trainRows) won += dataset.labels[row]!
  return { won, lost: trainRows.length - won }
}

/**
 * log-odds = ln(Nw/Nl) + Σ_f [ln((w_f(v)+1)/(Nw+K_f)) − ln((l_f(v)+1)/(Nl+K_f))], K_f = the field's distinct
 * train values + 1; a missing value is a value of its own.
 */
const naiveBayesLaplace: FitModel = (dataset, trainRows) => {
  const fields = countFields(dataset, trainRows, false)
  const { won, lost } = outcomes(dataset, trainRows)
  const kinds = fields.map(({ won: w, lost: l }) => new Set([...w.keys(), ...l.keys()]).size + 1)
  return (rows) =>
    Float64Array.from(rows, (row) => {
      let logOdds = Math.log(won / lost)
      fields.forEach((field, f) => {
        const v = field.value(row)
        logOdds +=
          Math.log(((field.won.get(v) ?? 0) + 1) / (won + kinds[f]!)) -
          Math.log(((field.lost.get(v) ?? 0) + 1) / (lost + kinds[f]!))
      })
      return 1 / (1 + Math.exp(-logOdds))
    })
}

/**
 * Odoo CRM's `_pls_get_naive_bayes_probabilities`: missing values neither counted nor scored, counts + 0.1,
 * per-field totals over the field's train values; a field whose value is missing or unseen is skipped.
 */
const odooFrequency: FitModel = (dataset, trainRows) => {
  const fields = countFields(dataset, trainRows, true)
  const { won, lost } = outcomes(dataset, trainRows)
  const totals = fields.map(({ won: w, lost: l }) => {
    let totalWon = 0
    let totalLost = 0
    for (const v of new Set([...w.keys(), ...l.keys()])) {
      totalWon += (w.get(v) ?? 0) + 0.1
      totalLost += (l.get(v) ?? 0) + 0.1
    }
    return { won: totalWon, lost: totalLost }
  })
  const all = won + lost
  return (rows) =>
    Float64Array.from(rows, (row) => {
      // In logs: a product of 25 small factors would underflow.
      let logWon = Math.log(won / all)
      let logLost = Math.log(lost / all)
      fields.forEach((field, f) => {
        const v = field.value(row)
        if (v === MISSING || (!field.won.has(v) && !field.lost.has(v))) return
        logWon += Math.log(((field.won.get(v) ?? 0) + 0.1) / totals[f]!.won)
        logLost += Math.log(((field.lost.get(v) ?? 0) + 0.1) / totals[f]!.lost)
      })
      return 1 / (1 + Math.exp(logLost - logWon))
    })
}

export const COUNTING_MODELS: Readonly<Record<CountingModelName, FitModel>> = Object.freeze({
  nb_laplace: naiveBayesLaplace,
  odoo_pls: odooFrequency,
})
