// The table a workspace's predictive score learns from: every lead whose outcome is known, described as
// it was at its hand-off (core/prediction/training-example.ts, lead-features.ts). Read page by page in
// lead-id order with the backtest's reader, so memory holds a page of logs and the features, not the logs.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { erasureOf } from '#core/projection/erased-lead.ts'
import { featureTable, leadFeatures, type LeadFeatureRecord } from '#core/prediction/lead-features.ts'
import type { CsvTable } from '#core/prediction/read-csv-table.ts'
import { trainingExampleOf, type PredictionTarget } from '#core/prediction/training-example.ts'
import { countLeadsInPeriod, readLeadHistories } from '../backtest/backtest-history.ts'
import { loadAgreementVersions } from '../agreement-versions.ts'

/** How far back outcomes are read: older ones describe a market and a team that have moved on. */
export const TRAINING_YEARS = 3
export const TARGET_COLUMN = 'outcome'

export type TrainingData = {
  table: CsvTable
  /** leads read, and those with a known outcome (the table's rows) */
  leads: number
  positives: number
  negatives: number
}

export async function readTrainingData(
  db: Kysely<Database>,
  workspaceId: string,
  options: {
    target: PredictionTarget
    now: Date
    postHandOff: ReadonlySet<string>
    onProgress?: (done: number, total: number) => void
    signal?: AbortSignal
  },
): Promise<TrainingData> {
  // Hand-raisers as the version in force at each cut-off named them, as lead pages judge them.
  const versions = await loadAgreementVersions(db, workspaceId)
  const end = options.now.getTime() + 1
  const bounds = { start: end - TRAINING_YEARS * 365.25 * 86_400_000, end }
  const total = await countLeadsInPeriod(db, workspaceId, bounds)
  const records: Array<{ features: LeadFeatureRecord; label: string }> = []
  let leads = 0
  let positives = 0
  for await (const page of readLeadHistories(db, workspaceId, bounds)) {
    options.signal?.throwIfAborted()
    for (const history of page) {
      // Erasure wiped what the lead was known by: nothing left to learn from, nor to keep in a model.
      if (erasureOf(history.decisions)) continue
      const example = trainingExampleOf(
        history.stageChanges,
        history.touchpoints[0]?.occurredAt,
        options.target,
      )
      if (!example) continue
      records.push({
        features: leadFeatures({
          email: history.email,
          touchpoints: history.touchpoints,
          cutOff: example.cutOff,
          isHandRaiser: agreementVersionAt(versions, example.cutOff).agreement.isHandRaiser,
          postHandOff: options.postHandOff,
        }),
        label: example.positive ? '1' : '0',
      })
      if (example.positive) positives++
    }
    leads += page.length
    options.onProgress?.(leads, total)
  }
  return {
    table: featureTable(records, TARGET_COLUMN),
    leads,
    positives,
    negatives: records.length - positives,
  }
}
