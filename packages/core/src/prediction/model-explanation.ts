// Why a model gave a lead its score, as log-odds per feature that add up, with a base value, to the model's
// own log-odds: the factors shown are the model's arithmetic, not a paraphrase of it. Both models measure
// from the same place, the average training lead (base value = mean log-odds over the training rows), so
// a contribution reads "this value moves the lead this far from the average lead".
import type { TextLanguage } from '../agreement/agreement-labels.ts'
import { boostingLogOdds, goesLeftAt, recordBins, type BoostingModel } from './boosting-model.ts'
import { numericCell, recordCell, type FeatureRecord } from './feature-record.ts'
import { logisticLogOdds, logisticTerms, type LogisticField, type LogisticModel } from './logistic-model.ts'
import { modelFeatures, type TrainedModel } from './trained-model.ts'
import { treeExpectedValue, treeShapValues } from './tree-shap.ts'
import { assertUnreachable } from '../util/assert-unreachable.ts'

/** A feature's value for the lead (null when missing) and how far it moves the log-odds. */
export type FeatureContribution = { feature: string; value: string | number | null; contribution: number }

export type RecordExplanation = {
  /** The average training lead's log-odds, where the contributions start. */
  baseValue: number
  /** The model's log-odds for this lead: baseValue + Σ contributions (to rounding). */
  logOdds: number
  /** One per feature, in the model's order. */
  contributions: FeatureContribution[]
}

export function explainRecord(model: TrainedModel, record: FeatureRecord): RecordExplanation {
  switch (model.kind) {
    case 'logreg':
      return explainLogistic(model, record)
    case 'hgb':
      return explainBoosting(model, record)
    default:
      return assertUnreachable(model)
  }
}

// A linear model's exact attribution (its SHAP values for independent features): each term minus the same
// term at the training mean of its design columns. A standardised numeric column's training mean is 0,
// so its reference term is 0; a one-hot column's mean is the category's share of the training rows.
function explainLogistic(model: LogisticModel, record: FeatureRecord): RecordExplanation {
  const terms = logisticTerms(model, record)
  const references = model.fields.map(referenceTerm)
  return {
    baseValue: references.reduce((sum, reference) => sum + reference, model.intercept),
    logOdds: logisticLogOdds(model, terms),
    contributions: model.fields.map((field, i) => ({
      feature: field.name,
      value: shownValue(record, field.name, field.kind),
      contribution: terms[i]! - references[i]!,
    })),
  }
}

function referenceTerm(field: LogisticField): number {
  if (field.kind === 'numeric') return 0
  return field.weights.reduce((sum, weight, i) => sum + weight * field.shares[i]!, 0)
}

// Exact path-dependent TreeSHAP with the training counts as cover: its expected value is the trees' mean
// output over the training rows, the same base as the linear model's.
function explainBoosting(model: BoostingModel, record: FeatureRecord): RecordExplanation {
  const bins = recordBins(model, record)
  const shap = treeShapValues(
    model.trees,
    (tree, node) => goesLeftAt(tree, node, bins),
    model.features.length,
  )
  return {
    baseValue: model.trees.reduce((sum, tree) => sum + treeExpectedValue(tree), model.baseline),
    logOdds: boostingLogOdds(model, bins),
    contributions: model.features.map((feature, i) => ({
      feature: feature.name,
      value: shownValue(record, feature.name, feature.kind),
      contribution: shap[i]!,
    })),
  }
}

function shownValue(record: FeatureRecord, feature: string, kind: 'numeric' | 'categorical') {
  const cell = kind === 'numeric' ? numericCell(record, feature) : recordCell(record, feature)
  if (cell === '') return null
  return kind === 'numeric' ? Number(cell) : cell
}

/** The `count` strongest factors each way, strongest first; a contribution of 0 is neither. */
export function strongestFactors(
  explanation: RecordExplanation,
  count = 3,
): { positive: FeatureContribution[]; negative: FeatureContribution[] } {
  const ranked = [...explanation.contributions].sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution),
  )
  return {
    positive: ranked.filter((factor) => factor.contribution > 0).slice(0, count),
    negative: ranked.filter((factor) => factor.contribution < 0).slice(0, count),
  }
}

const WORDS = {
  missing: { de: 'nicht gesetzt', en: 'not set' },
  logOdds: { de: 'Log-Odds', en: 'log-odds' },
} as const

/**
 * One factor in words, contribution to two decimals.
 * @example describeFactor({ feature: 'Lead Source', value: 'Reference', contribution: 1.2 }, 'de')
 * // 'Lead Source = Reference: +1,20 Log-Odds'
 */
export function describeFactor(factor: FeatureContribution, language: TextLanguage): string {
  const value =
    factor.value === null
      ? WORDS.missing[language]
      : typeof factor.value === 'number'
        ? decimal(String(factor.value), language)
        : factor.value
  const rounded = factor.contribution.toFixed(2)
  // A contribution that rounds to zero gets no sign rather than a "-0.00".
  const signed = Number(rounded) === 0 ? '0.00' : factor.contribution > 0 ? `+${rounded}` : rounded
  return `${factor.feature} = ${value}: ${decimal(signed, language)} ${WORDS.logOdds[language]}`
}

function decimal(text: string, language: TextLanguage): string {
  return language === 'de' ? text.replace('.', ',') : text
}

export type FeatureImportance = { feature: string; meanAbsContribution: number }

/** Mean |contribution| per feature over `records`, most important first (ties in the model's order). */
export function globalImportance(
  model: TrainedModel,
  records: readonly FeatureRecord[],
): FeatureImportance[] {
  const features = modelFeatures(model)
  const sums = new Float64Array(features.length)
  for (const record of records) {
    explainRecord(model, record).contributions.forEach(({ contribution }, i) => {
      sums[i]! += Math.abs(contribution)
    })
  }
  return features
    .map((feature, i) => ({
      feature,
      meanAbsContribution: records.length > 0 ? sums[i]! / records.length : 0,
    }))
    .sort((a, b) => b.meanAbsContribution - a.meanAbsContribution)
}
