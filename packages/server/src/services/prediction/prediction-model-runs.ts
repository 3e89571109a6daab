// The predictive score's model versions as stored runs: asked for (a button, the schedule, the CLI),
// trained by a job (jobs/prediction-training.job.ts), listed and read back with their figures. Versions
// are numbered per workspace in the order asked for, as agreement versions are.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, ModelOutcomes, PredictionModelStatus, PredictionModelTable } from '../../db/tables.ts'
import type { ModelEvaluation } from '#core/prediction/evaluate-models.ts'
import type { PredictionArtifact } from '#core/prediction/train-prediction-model.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { schedulePredictionTraining } from '../../jobs/queue/prediction-training-queue.ts'
import { DomainError } from '#core/errors.ts'
import type { PredictionTarget } from '#core/prediction/training-example.ts'

export type ModelTrigger = 'manual' | 'schedule' | 'cli'

export type ModelRun = {
  version: number
  status: PredictionModelStatus
  /** 0…1 */
  progress: number
  trigger: ModelTrigger
  source: 'workspace' | 'csv'
  target: string
  /** leads read and outcomes found; null until the job has read them */
  outcomes: ModelOutcomes | null
  /** every model's figures and which was chosen; null until trained */
  figures: ModelEvaluation | null
  error: string | null
  jobId: string | null
  createdBy: string | null
  createdAt: Date
  finishedAt: Date | null
}

export type ModelRunDetail = ModelRun & { model: PredictionArtifact | null }

export const MAX_MODEL_RUNS_PAGE = 100

const SUMMARY_COLUMNS = [
  'version',
  'status',
  'progress',
  'trigger',
  'source',
  'target',
  'outcomes',
  'figures',
  'error',
  'job_id',
  'created_by',
  'created_at',
  'finished_at',
] as const

type SummaryRow = Pick<Selectable<PredictionModelTable>, (typeof SUMMARY_COLUMNS)[number]>

/**
 * Stores a queued run and sends its job in one transaction. A run already queued or running for the
 * workspace is answered instead of a second one: training twice at once would only race to the same model.
 */
export async function startModelTraining(
  db: Kysely<Database>,
  workspaceId: string,
  asked: { target: PredictionTarget; trigger: ModelTrigger },
  createdBy: string | null,
  now: Date,
): Promise<{ run: ModelRun; started: boolean }> {
  return withWorkspace(db, workspaceId, async (scoped) => {
    // One numbering at a time per workspace: two requests must not take the same version.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`prediction:${workspaceId}`}, 0))`.execute(
      scoped,
    )
    const pending = await scoped
      .selectFrom('prediction_models')
      .select(SUMMARY_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('source', '=', 'workspace')
      .where('status', 'in', ['queued', 'running'])
      .orderBy('version', 'desc')
      .executeTakeFirst()
    if (pending) return { run: toRun(pending), started: false }
    const version = await nextVersion(scoped, workspaceId)
    const jobId = await schedulePredictionTraining(scoped, { workspaceId, version })
    const row = await scoped
      .insertInto('prediction_models')
      .values({
        workspace_id: workspaceId,
        version,
        trigger: asked.trigger,
        source: 'workspace',
        target: asked.target,
        job_id: jobId,
        created_by: createdBy,
        created_at: now,
      })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow()
    return { run: toRun(row), started: true }
  })
}

/** A model trained elsewhere (the CLI, from a CSV file), stored complete with its figures. */
export async function storeTrainedModel(
  db: Kysely<Database>,
  workspaceId: string,
  trained: {
    target: string
    outcomes: ModelOutcomes
    figures: ModelEvaluation
    model: PredictionArtifact
  },
  now: Date,
): Promise<ModelRun> {
  return withWorkspace(db, workspaceId, async (scoped) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`prediction:${workspaceId}`}, 0))`.execute(
      scoped,
    )
    const row = await scoped
      .insertInto('prediction_models')
      .values({
        workspace_id: workspaceId,
        version: await nextVersion(scoped, workspaceId),
        status: 'completed',
        trigger: 'cli',
        source: 'csv',
        target: trained.target,
        progress: 1,
        outcomes: JSON.stringify(trained.outcomes),
        figures: JSON.stringify(trained.figures),
        model: JSON.stringify(trained.model),
        created_by: null,
        created_at: now,
        finished_at: now,
      })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow()
    return toRun(row)
  })
}

/** Newest first; `before` is the version the previous page ended with. */
export async function listModelRuns(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; before?: number },
): Promise<{ items: ModelRun[]; next: number | null }> {
  const rows = await db
    .selectFrom('prediction_models')
    .select(SUMMARY_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .$if(page.before !== undefined, (query) => query.where('version', '<', page.before!))
    .orderBy('version', 'desc')
    .limit(page.limit + 1)
    .execute()
  const items = rows.slice(0, page.limit).map(toRun)
  return { items, next: rows.length > page.limit ? items.at(-1)!.version : null }
}

export async function getModelRun(
  db: Kysely<Database>,
  workspaceId: string,
  version: number,
): Promise<ModelRunDetail> {
  const row = await db
    .selectFrom('prediction_models')
    .select([...SUMMARY_COLUMNS, 'model'])
    .where('workspace_id', '=', workspaceId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) {
    throw new DomainError('MODEL_NOT_FOUND', `No model version ${version} in this workspace.`, {
      version,
      field: 'version',
    })
  }
  return { ...toRun(row), model: row.model }
}

/** The version lead pages score with: the newest completed one learned from the workspace. */
export async function currentModelVersion(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<{ version: number; finishedAt: Date } | undefined> {
  const row = await db
    .selectFrom('prediction_models')
    .select(['version', 'finished_at'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'completed')
    .where('source', '=', 'workspace')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && { version: row.version, finishedAt: row.finished_at ?? new Date(0) }
}

/** The newest run learned from the workspace, whatever its state. */
export async function latestModelRun(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<ModelRun | undefined> {
  const row = await db
    .selectFrom('prediction_models')
    .select(SUMMARY_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', 'workspace')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && toRun(row)
}

async function nextVersion(scoped: Kysely<Database>, workspaceId: string): Promise<number> {
  const { last } = await scoped
    .selectFrom('prediction_models')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  return (last ?? 0) + 1
}

function toRun(row: SummaryRow): ModelRun {
  return {
    version: row.version,
    status: row.status,
    progress: row.progress,
    trigger: row.trigger,
    source: row.source,
    target: row.target,
    outcomes: row.outcomes,
    figures: row.figures,
    error: row.error,
    jobId: row.job_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}
