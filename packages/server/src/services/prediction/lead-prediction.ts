// One lead's predicted conversion probability with the factors behind it, from the workspace's current
// model (lead-predictor.ts: a lead with marketing judged as it is now, one handed off as it was at its first
// hand-off). Read like the lead detail (a rep sees their own leads).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eventRepository } from '../../db/event.repository.ts'
import {
  describeFactor,
  explainRecord,
  strongestFactors,
  type FeatureContribution,
} from '#core/prediction/model-explanation.ts'
import { readableLead, type Visibility } from '../lead-visibility.ts'
import { latestModelRun, type ModelRun } from './prediction-model-runs.ts'
import { currentPredictor, predictionCutOff } from './lead-predictor.ts'

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
  const found = await db
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
  const lead = await readableLead(db, workspaceId, leadId, found, visibility)
  const unscored = { probability: null, asOf: null, basis: null, baseValue: null, logOdds: null }
  const predictor = await currentPredictor(db, workspaceId)
  if (!predictor) {
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
  const cutOff = predictionCutOff(lead.stage, lead.mql_at, now)
  const touchpoints = await eventRepository.listTouchpointsForReplay(db, workspaceId, [lead.id])
  const record = predictor.features(
    { email: lead.email, touchpoints: touchpoints.get(lead.id) ?? [] },
    cutOff,
  )
  const artifact = predictor.artifact
  const explanation = explainRecord(artifact.model, record)
  const strongest = strongestFactors(explanation, FACTORS_SHOWN)
  const worded = (factor: FeatureContribution): Factor => ({
    ...factor,
    text: { de: describeFactor(factor, 'de'), en: describeFactor(factor, 'en') },
  })
  return {
    leadId: lead.id,
    state: 'scored',
    model: {
      version: predictor.version,
      target: artifact.target,
      trainedAt: predictor.finishedAt.toISOString(),
    },
    latestRun: null,
    probability: predictor.probability(record),
    asOf: new Date(cutOff).toISOString(),
    basis: cutOff === now.getTime() ? 'now' : 'hand_off',
    baseValue: explanation.baseValue,
    logOdds: explanation.logOdds,
    factors: { positive: strongest.positive.map(worded), negative: strongest.negative.map(worded) },
    contributions: explanation.contributions,
  }
}
