// Works the training queue: reads a workspace's outcomes (services/prediction/prediction-training-data.ts),
// trains both models and stores the version with its figures; with too few outcomes the version is kept as
// "insufficient", with its counts and no model, and lead pages go on without a predicted score.
import type { Kysely } from 'kysely'
import type { Database, PredictionModelStatus } from '../db/tables.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { isDomainError } from '#core/errors.ts'
import {
  hasEnoughOutcomes,
  MIN_OUTCOMES_PER_CLASS,
  trainPrediction,
} from '#core/prediction/train-prediction-model.ts'
import { PREDICTION_TARGETS, type PredictionTarget } from '#core/prediction/training-example.ts'
import { readTrainingData, TARGET_COLUMN } from '../services/prediction/prediction-training-data.ts'
import { predictorOf, rescoreLeads } from '../services/prediction/lead-predictor.ts'
import type { JobContext, JobQueue } from './queue/job-queue.ts'
import { PREDICTION_TRAINING_QUEUE, type PredictionTrainingJob } from './queue/prediction-training-queue.ts'

/** Shares of a run: reading the outcomes, training, then scoring every lead with the new version. */
const READING_SHARE = 0.6
const TRAINING_SHARE = 0.2

export async function workPredictionTraining(
  queue: JobQueue,
  db: Kysely<Database>,
  clock: () => Date,
): Promise<void> {
  await queue.work<PredictionTrainingJob>(PREDICTION_TRAINING_QUEUE.name, (data, job) =>
    runPredictionTraining(db, data, job, clock),
  )
}

/** One run; returns how many leads it read. Exported for tests and the CLI, which train without a queue. */
export async function runPredictionTraining(
  db: Kysely<Database>,
  { workspaceId, version }: PredictionTrainingJob,
  job: Pick<JobContext, 'signal' | 'progress' | 'retryCount'>,
  clock: () => Date,
): Promise<number | void> {
  const run = await withWorkspace(db, workspaceId, (scoped) =>
    scoped
      .updateTable('prediction_models')
      .set({ status: 'running' })
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      // 'running' again: a retry after the process running it died
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst(),
  )
  if (!run) return
  const finish = (
    status: PredictionModelStatus,
    values: { outcomes?: object; figures?: object; model?: object; error?: string },
  ) =>
    withWorkspace(db, workspaceId, (scoped) =>
      scoped
        .updateTable('prediction_models')
        .set({
          status,
          ...(values.outcomes ? { outcomes: JSON.stringify(values.outcomes) } : {}),
          ...(values.figures ? { figures: JSON.stringify(values.figures) } : {}),
          ...(values.model ? { model: JSON.stringify(values.model) } : {}),
          ...(values.error === undefined ? {} : { error: values.error }),
          ...(status === 'completed' || status === 'insufficient' ? { progress: 1 } : {}),
          ...(status === 'queued' ? {} : { finished_at: clock() }),
        })
        .where('workspace_id', '=', workspaceId)
        .where('version', '=', version)
        .where('status', '=', 'running')
        .execute(),
    )
  let reported: Promise<unknown> = Promise.resolve()
  const report = (fraction: number, note: string) => {
    reported = reported.then(async () => {
      await job.progress(fraction, note)
      await withWorkspace(db, workspaceId, (scoped) =>
        scoped
          .updateTable('prediction_models')
          .set({ progress: fraction })
          .where('workspace_id', '=', workspaceId)
          .where('version', '=', version)
          .where('status', '=', 'running')
          .execute(),
      )
    })
  }
  try {
    const target = targetOf(run.target)
    const workspace = await db
      .selectFrom('workspaces')
      .select('post_hand_off_fields')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    // As of when the run was asked for, like a backtest: the same request learns from the same outcomes.
    const data = await readTrainingData(db, workspaceId, {
      target,
      now: run.created_at,
      postHandOff: new Set(workspace.post_hand_off_fields),
      signal: job.signal,
      onProgress: (done, total) =>
        report(READING_SHARE * Math.min(done / Math.max(total, 1), 1), `${done} of ${total} leads read`),
    })
    const outcomes = {
      leads: data.leads,
      positives: data.positives,
      negatives: data.negatives,
      minimumPerKind: MIN_OUTCOMES_PER_CLASS,
      postHandOffFields: workspace.post_hand_off_fields,
    }
    await reported
    if (!hasEnoughOutcomes(data.positives, data.negatives)) {
      await finish('insufficient', { outcomes })
      return data.leads
    }
    report(READING_SHARE, `training on ${data.positives + data.negatives} outcomes`)
    const trained = trainPrediction(data.table, {
      target: TARGET_COLUMN,
      positive: '1',
      // The workspace's own fields: one that is free text (a custom note) is left out, not fatal.
      unusable: 'drop',
    })
    const artifact = { ...trained.artifact, target }
    // Every lead scored by the new version before it becomes the current one: the list never mixes two.
    const predictor = await predictorOf(db, workspaceId, { version, finishedAt: clock(), artifact })
    const total = Math.max(data.leads, 1)
    await rescoreLeads(db, workspaceId, predictor, run.created_at, (done) =>
      report(
        READING_SHARE + TRAINING_SHARE + (1 - READING_SHARE - TRAINING_SHARE) * Math.min(done / total, 1),
        `${done} leads scored`,
      ),
    )
    await reported
    await finish('completed', { outcomes, figures: trained.evaluation, model: artifact })
    return data.leads
  } catch (error) {
    await reported.catch(() => {})
    const message = error instanceof Error ? error.message : String(error)
    // A domain error (no active agreement, one class only) would fail the same way again.
    if (isDomainError(error)) {
      await finish('failed', { error: message })
      return
    }
    const retried = job.retryCount < (PREDICTION_TRAINING_QUEUE.retryLimit ?? 0)
    await finish(retried ? 'queued' : 'failed', { error: message })
    throw error
  }
}

function targetOf(target: string): PredictionTarget {
  if ((PREDICTION_TARGETS as readonly string[]).includes(target)) return target as PredictionTarget
  throw new Error(`model run with unknown target ${target}`)
}
