// Rebuilds lead rows and their stage history from the log, for any set of leads, in a bounded
// number of round trips: the same path serves ingestion, decisions, agreement changes, jobs and verify.
// Each lead is folded on from its stored snapshot (core/projection/projected-lead.ts does the folding).
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { EMPTY_SNAPSHOT, type LeadSnapshot } from '#core/lifecycle/replay-lead.ts'
import { projectLead, type Projection, type ProjectionContext } from '#core/projection/projected-lead.ts'
import type { LeadIdentity } from '#core/projection/lead-row.ts'
import { leadChangeEvents } from '#core/projection/lead-change-events.ts'
import { webhookSubscriptionRepository } from '../db/webhook-subscription.repository.ts'
import { webhookOutboxRepository } from '../db/webhook-outbox.repository.ts'
import { scheduleLeadChecks } from '../jobs/queue/lead-check-schedule.ts'
import { currentPredictor, savePredictions } from './prediction/lead-predictor.ts'

/** Loads the logs of `leads`, projects each, and writes rows and transitions back. */
export async function reprojectLeads(
  db: Kysely<Database>,
  workspaceId: string,
  leads: LeadIdentity[],
  context: ProjectionContext,
  at: Date,
): Promise<Projection[]> {
  const ids = leads.map((lead) => lead.id)
  const [touchpointsByLead, decisionsByLead, stored, subscriptions] = await Promise.all([
    eventRepository.listForLeads(db, workspaceId, ids),
    decisionRepository.listForLeads(db, workspaceId, ids),
    // Ingestion read them when it locked the leads.
    leads.every((lead) => lead.stored !== undefined)
      ? new Map(leads.map((lead) => [lead.id, lead.stored!]))
      : leadRepository.storedProjections(db, workspaceId, ids),
    webhookSubscriptionRepository.listEnabled(db, workspaceId),
  ])
  // Only read what the leads were before when someone listens for what changed.
  const before =
    subscriptions.length > 0 ? await leadRepository.changeBaseline(db, workspaceId, ids) : undefined
  const projections = leads.map((lead) =>
    projectLead(
      lead,
      touchpointsByLead.get(lead.id) ?? [],
      decisionsByLead.get(lead.id) ?? [],
      context,
      at.getTime(),
      stored.get(lead.id)?.snapshot ?? EMPTY_SNAPSHOT,
      stored.get(lead.id)?.checkpoints ?? [],
    ),
  )
  // Checkpoints change once every 50 touchpoints: the others keep theirs instead of rewriting (and
  // sending) up to 20 snapshots per lead with every batch.
  const keptCheckpoints = new Set(
    projections
      .filter((projection) =>
        sameCheckpoints(stored.get(projection.lead.id)?.checkpoints, projection.row.checkpoints ?? []),
      )
      .map((projection) => projection.lead.id),
  )
  await leadRepository.saveProjections(
    db,
    workspaceId,
    projections.map((projection) => projection.row),
    keptCheckpoints,
  )
  // Appended: each lead's stored history is kept up to its `firstSeq` and continued from there.
  await leadRepository.writeTransitions(
    db,
    workspaceId,
    projections.map((projection) => ({ leadId: projection.lead.id, firstSeq: projection.firstSeq })),
    projections.flatMap((projection) => projection.transitions),
  )
  // After the history and the lead rows: the reports' per-lead row reads both (owner, deal amount).
  await leadRepository.refreshReportRows(db, workspaceId, ids)
  await scoreNurturedLeads(db, workspaceId, projections, context, at)
  // An SLA clock that started or moved (an assignment, an answer, a breach step) gets a check at its
  // next step, so breaches fire on time without polling.
  const slaChecks = projections.flatMap(({ lead, row }) => {
    const due = row.sla_check_at === null ? null : Date.parse(row.sla_check_at)
    return due !== null && due !== (stored.get(lead.id)?.slaCheckAt ?? null)
      ? [{ leadId: lead.id, at: new Date(due) }]
      : []
  })
  if (slaChecks.length > 0) await scheduleLeadChecks(db, workspaceId, slaChecks)
  if (before) {
    const events = projections.flatMap((projection) =>
      leadChangeEvents(before.get(projection.lead.id), projection, context.emailOf),
    )
    await webhookOutboxRepository.enqueue(
      db,
      workspaceId,
      events.map((event) => ({
        type: event.type,
        leadId: event.leadId,
        at,
        payload: { type: event.type, timestamp: at.toISOString(), data: event.data },
      })),
      subscriptions,
    )
  }
  return projections
}

/** The fold hands back the checkpoints it kept as the very objects it was given, and new ones as new. */
function sameCheckpoints(before: readonly LeadSnapshot[] | null | undefined, after: readonly LeadSnapshot[]) {
  const stored = before ?? []
  return stored.length === after.length && after.every((checkpoint, index) => checkpoint === stored[index])
}

/**
 * The predictive score of the leads marketing still nurtures follows what they do; a lead handed off
 * keeps the probability it had then (lead-predictor.ts), until a new model version scores every lead.
 */
async function scoreNurturedLeads(
  db: Kysely<Database>,
  workspaceId: string,
  projections: readonly Projection[],
  context: ProjectionContext,
  at: Date,
): Promise<void> {
  const nurtured = projections.filter(
    ({ replay }) => replay.state?.stage === 'lead' || replay.state?.stage === 'recycled',
  )
  if (nurtured.length === 0) return
  const predictor = await currentPredictor(db, workspaceId, context.versions)
  if (!predictor) return
  await savePredictions(
    db,
    workspaceId,
    predictor.version,
    nurtured.map(({ lead, replay }) => ({
      id: lead.id,
      predicted: predictor.probability(
        predictor.features({ email: lead.email, touchpoints: replay.touchpoints }, at.getTime()),
      ),
    })),
  )
}
