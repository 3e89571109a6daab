// The workspace's current model, ready to score leads: the stored version parsed once (a boosted model is
// hundreds of kilobytes of JSON) and the fields it may not read. Used by the lead page's prediction, by the
// projection (a lead with marketing is scored again whenever it changes) and by the rescoring of every
// lead after a new version is trained.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eventRepository } from '../../db/event.repository.ts'
import { agreementVersionAt, type AgreementVersion } from '#core/lifecycle/replay-lead.ts'
import { completeRecord, leadFeatures, type LeadFeatureRecord } from '#core/prediction/lead-features.ts'
import { calibrateProbability } from '#core/prediction/reliability-table.ts'
import { predictRecord } from '#core/prediction/trained-model.ts'
import type { PredictionArtifact } from '#core/prediction/train-prediction-model.ts'
import type { Touchpoint } from '#core/touchpoint/touchpoint.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { loadAgreementVersions } from '../agreement-versions.ts'
import { currentModelVersion } from './prediction-model-runs.ts'

export type LeadPredictor = {
  version: number
  finishedAt: Date
  artifact: PredictionArtifact
  /** the lead's features as the model reads them, as known at `cutOff` */
  features(lead: { email: string; touchpoints: readonly Touchpoint[] }, cutOff: number): LeadFeatureRecord
  /** the calibrated probability of features from `features` */
  probability(features: LeadFeatureRecord): number
}

export async function currentPredictor(
  db: Kysely<Database>,
  workspaceId: string,
  versions?: readonly AgreementVersion[],
): Promise<LeadPredictor | undefined> {
  const current = await currentModelVersion(db, workspaceId)
  if (!current) return undefined
  const artifact = await artifactOf(db, workspaceId, current.version)
  return predictorOf(db, workspaceId, { ...current, artifact }, versions)
}

/** A predictor for a model version given as data (one just trained, not yet the current one). */
export async function predictorOf(
  db: Kysely<Database>,
  workspaceId: string,
  model: { version: number; finishedAt: Date; artifact: PredictionArtifact },
  versions?: readonly AgreementVersion[],
): Promise<LeadPredictor> {
  const { artifact } = model
  const [workspace, timeline] = await Promise.all([
    db
      .selectFrom('workspaces')
      .select('post_hand_off_fields')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
    versions ?? loadAgreementVersions(db, workspaceId),
  ])
  const postHandOff = new Set(workspace.post_hand_off_fields)
  return {
    version: model.version,
    finishedAt: model.finishedAt,
    artifact,
    features: (lead, cutOff) =>
      completeRecord(
        leadFeatures({
          email: lead.email,
          touchpoints: lead.touchpoints,
          cutOff,
          // Hand-raisers as the version in force then named them, as the model learned them.
          isHandRaiser: agreementVersionAt(timeline, cutOff).agreement.isHandRaiser,
          postHandOff,
        }),
        artifact.features,
      ),
    probability: (features) =>
      calibrateProbability(artifact.calibrator, predictRecord(artifact.model, features)),
  }
}

/**
 * The instant a lead is judged as of: a lead with marketing as it is now; one handed off as it was at its
 * first hand-off, which is what the model learned from and what later activity would only blur.
 */
export function predictionCutOff(stage: LeadStage, firstHandOff: Date | null, now: Date): number {
  const nurtured = stage === 'lead' || stage === 'recycled'
  return !nurtured && firstHandOff !== null && firstHandOff <= now ? firstHandOff.getTime() : now.getTime()
}

/** Page size of the rescoring: leads whose logs are read at once. */
const RESCORE_PAGE = 500

/**
 * Scores every lead of the workspace with `predictor`, page by page in id order; returns how many. Part
 * of training a version, so the list shows and sorts by one model's probabilities.
 */
export async function rescoreLeads(
  db: Kysely<Database>,
  workspaceId: string,
  predictor: LeadPredictor,
  now: Date,
  onProgress?: (done: number) => void,
): Promise<number> {
  let after: string | null = null
  let done = 0
  for (;;) {
    const page: Array<{ id: string; email: string; stage: LeadStage; mql_at: Date | null }> = await db
      .selectFrom('leads')
      .leftJoin('lead_milestones', (join) =>
        join
          .onRef('lead_milestones.workspace_id', '=', 'leads.workspace_id')
          .onRef('lead_milestones.lead_id', '=', 'leads.id'),
      )
      .select(['leads.id', 'leads.email', 'leads.stage', 'lead_milestones.mql_at'])
      .where('leads.workspace_id', '=', workspaceId)
      .$if(after !== null, (query) => query.where('leads.id', '>', after!))
      .orderBy('leads.id')
      .limit(RESCORE_PAGE)
      .execute()
    if (page.length === 0) return done
    const touchpoints = await eventRepository.listTouchpointsForReplay(
      db,
      workspaceId,
      page.map((lead) => lead.id),
    )
    await savePredictions(
      db,
      workspaceId,
      predictor.version,
      page.map((lead) => ({
        id: lead.id,
        predicted: predictor.probability(
          predictor.features(
            { email: lead.email, touchpoints: touchpoints.get(lead.id) ?? [] },
            predictionCutOff(lead.stage, lead.mql_at, now),
          ),
        ),
      })),
    )
    done += page.length
    onProgress?.(done)
    after = page.at(-1)!.id
  }
}

/** One statement for a page of leads. */
export async function savePredictions(
  db: Kysely<Database>,
  workspaceId: string,
  version: number,
  scored: ReadonlyArray<{ id: string; predicted: number }>,
): Promise<void> {
  if (scored.length === 0) return
  await sql`
    update leads set predicted = v.predicted, predicted_version = ${version}
    from unnest(${scored.map((lead) => lead.id)}::uuid[], ${scored.map((lead) => lead.predicted)}::real[])
      as v(id, predicted)
    where leads.workspace_id = ${workspaceId} and leads.id = v.id`.execute(db)
}

// A model version never changes once completed: parsed once per version, not per lead page.
const MAX_CACHED = 16
const artifacts = new Map<string, PredictionArtifact>()

async function artifactOf(
  db: Kysely<Database>,
  workspaceId: string,
  version: number,
): Promise<PredictionArtifact> {
  const key = `${workspaceId}:${version}`
  let artifact = artifacts.get(key)
  if (!artifact) {
    const row = await db
      .selectFrom('prediction_models')
      .select('model')
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      .executeTakeFirstOrThrow()
    artifact = row.model!
    if (artifacts.size >= MAX_CACHED) artifacts.delete(artifacts.keys().next().value!)
  }
  artifacts.delete(key)
  artifacts.set(key, artifact)
  return artifact
}
