// One lead's predicted conversion probability with the factors behind it, from the workspace's current
// model. A lead already handed off is judged as it was at its hand-off — what the model learned from —
// and one still with marketing as it is now. Read like the lead detail (a rep sees their own leads).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eventRepository } from '../../db/event.repository.ts'
import { DomainError } from '#core/errors.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { completeRecord, leadFeatures } from '#core/prediction/lead-features.ts'
import {
  describeFactor,
  explainRecord,
  strongestFactors,
  type FeatureContribution,
} from '#core/prediction/model-explanation.ts'
import { calibrateProbability } from '#core/prediction/reliability-table.ts'
import { predictRecord } from '#core/prediction/trained-model.ts'
import type { PredictionArtifact } from '#core/prediction/train-prediction-model.ts'
import { loadAgreementVersions } from '../agreement-versions.ts'
import { isVisible, workedOnBy, type Visibility } from '../lead-visibility.ts'
import { currentModelVersion, latestModelRun, type ModelRun } from './prediction-model-runs.ts'

export const FACTORS_SHOWN = 3

type Factor = FeatureContribution & { text: { de: string; en: string } }

export type LeadPrediction = {
  leadId: string
  /** scored: a probability; no_model: none trained yet; insufficient: the last run found too few outcomes */
  state: 'scored' | 'no_model' | 'insufficient'
  model: { version: number; target: string; trainedAt: string } | null
  /** the latest run when there is no model to score with: how far the workspace is from enough outcomes */
  latestRun: Pick<ModelRun, 'version' | 'status' | 'outcomes'> | null
  /** calibrated: the share of such leads that reach the target */
  probability: number | null
  /** what the lead was judged as of: its hand-off, or now */
  asOf: string | null
  basis: 'hand_off' | 'now' | null
  baseValue: number | null
  logOdds: number | null
  factors: { positive: Factor[]; negative: Factor[] }
  /** every feature's contribution in the model's order: `baseValue` plus them all is `logOdds` */
  contributions: FeatureContribution[]
}

/**
 * @throws DomainError LEAD_NOT_FOUND
 */
export async function predictLead(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  now: Date,
  visibility: Visibility = {},
): Promise<LeadPrediction> {
  const lead = await db
    .selectFrom('leads')
    .leftJoin('lead_milestones', (join) =>
      join
        .onRef('lead_milestones.workspace_id', '=', 'leads.workspace_id')
        .onRef('lead_milestones.lead_id', '=', 'leads.id'),
    )
    .select(['leads.id', 'leads.email', 'leads.stage', 'leads.owner_id', 'lead_milestones.mql_at'])
    .where('leads.workspace_id', '=', workspaceId)
    .where('leads.id', '=', leadId)
    .executeTakeFirst()
  const readable =
    lead !== undefined &&
    (isVisible(lead, visibility) || (await workedOnBy(db, workspaceId, lead.id, visibility)))
  if (!lead || !readable) {
    throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
  }
  const unscored = { probability: null, asOf: null, basis: null, baseValue: null, logOdds: null }
  const current = await currentModelVersion(db, workspaceId)
  if (!current) {
    const latest = await latestModelRun(db, workspaceId)
    return {
      leadId: lead.id,
      state: latest?.status === 'insufficient' ? 'insufficient' : 'no_model',
      model: null,
      latestRun: latest
        ? { version: latest.version, status: latest.status, outcomes: latest.outcomes }
        : null,
      ...unscored,
      factors: { positive: [], negative: [] },
      contributions: [],
    }
  }
  const artifact = await artifactOf(db, workspaceId, current.version)
  const handOff = lead.mql_at?.getTime()
  const cutOff = handOff !== undefined && handOff <= now.getTime() ? handOff : now.getTime()
  const [touchpoints, versions, workspace] = await Promise.all([
    eventRepository.listTouchpointsForReplay(db, workspaceId, [lead.id]),
    loadAgreementVersions(db, workspaceId),
    db
      .selectFrom('workspaces')
      .select('post_hand_off_fields')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
  ])
  const record = completeRecord(
    leadFeatures({
      email: lead.email,
      touchpoints: touchpoints.get(lead.id) ?? [],
      cutOff,
      isHandRaiser: agreementVersionAt(versions, cutOff).agreement.isHandRaiser,
      postHandOff: new Set(workspace.post_hand_off_fields),
    }),
    artifact.features,
  )
  const explanation = explainRecord(artifact.model, record)
  const strongest = strongestFactors(explanation, FACTORS_SHOWN)
  const worded = (factor: FeatureContribution): Factor => ({
    ...factor,
    text: { de: describeFactor(factor, 'de'), en: describeFactor(factor, 'en') },
  })
  return {
    leadId: lead.id,
    state: 'scored',
    model: { version: current.version, target: artifact.target, trainedAt: current.finishedAt.toISOString() },
    latestRun: null,
    probability: calibrateProbability(artifact.calibrator, predictRecord(artifact.model, record)),
    asOf: new Date(cutOff).toISOString(),
    basis: cutOff === handOff ? 'hand_off' : 'now',
    baseValue: explanation.baseValue,
    logOdds: explanation.logOdds,
    factors: { positive: strongest.positive.map(worded), negative: strongest.negative.map(worded) },
    contributions: explanation.contributions,
  }
}

// A model version never changes once completed, and a boosted model is hundreds of kilobytes of JSON:
// parsed once per version, not per lead page.
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
