// The job that trains one model version (jobs/prediction-training.job.ts), sent in the transaction that
// stores the run, as a backtest's is. Training reads every outcome of the workspace and fits two models:
// minutes at most, hence the expiry; a broken database or a killed process is worth a retry.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { enqueue, type QueueDefinition } from './job-queue.ts'

export type PredictionTrainingJob = { workspaceId: string; version: number }

export const PREDICTION_TRAINING_QUEUE: QueueDefinition = {
  name: 'prediction-training',
  policy: 'standard',
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 3_600,
  deleteAfterSeconds: 7 * 86_400,
}

/** Sends the run's job; returns the job's id. */
export async function schedulePredictionTraining(
  executor: Kysely<Database>,
  job: PredictionTrainingJob,
): Promise<string> {
  const id = await enqueue(executor, PREDICTION_TRAINING_QUEUE.name, job satisfies PredictionTrainingJob)
  if (id === null) throw new Error(`the training job of model version ${job.version} was not added`)
  return id
}
