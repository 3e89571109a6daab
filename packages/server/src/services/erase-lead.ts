// Art. 17 DSGVO: erases a person. What made them identifiable goes (address, names, title, phone,
// company, what their touchpoints carried, notes about them, their mentions in the audit log); what
// keeps reports true stays (touchpoint types and times, sources, content, the stage path), so lead
// counts, events per type and funnels add up as before. The lead ends disqualified for "erasure".
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { webhookOutboxRepository } from '../db/webhook-outbox.repository.ts'
import { activityRepository } from '../db/activity.repository.ts'
import { taskRepository } from '../db/task.repository.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { DomainError } from '#core/errors.ts'
import { audit, type AuditActor } from './audit.ts'
import { projectionContext } from './projection-context.ts'
import { projectLead, type Projection } from '#core/projection/projected-lead.ts'
import { reprojectLeads } from './lead-projection.ts'
import { erasedClientId, erasedEmail, erasureOf } from '#core/projection/erased-lead.ts'
import type { ErasureSnapshot } from '#core/lifecycle/lead-lifecycle.ts'

export type ErasureCause = 'request' | 'retention'

export type ErasureResult = {
  leadId: string
  erasedAt: string
  cause: ErasureCause | null
  alreadyErased: boolean
  events: number
  decisions: number
  /** logged activities stripped of subject, text and outcome */
  activities: number
  /** tasks stripped of their titles */
  tasks: number
}

/** Erases one lead in the caller's transaction; erasing an erased lead again changes nothing. */
export async function eraseLead(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  options: { actor: AuditActor; cause: ErasureCause; now: Date },
): Promise<ErasureResult> {
  const { now } = options
  return inTransaction(db, async (trx) => {
    const lead = await trx
      .selectFrom('leads')
      .select(['id', 'email', 'account_id', 'first_name', 'last_name', 'phone'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', leadId)
      .forUpdate()
      .executeTakeFirst()
    if (!lead) throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
    const [touchpointsByLead, decisionsByLead] = await Promise.all([
      eventRepository.listForLeads(trx, workspaceId, [leadId]),
      decisionRepository.listForLeads(trx, workspaceId, [leadId]),
    ])
    const touchpoints = touchpointsByLead.get(leadId) ?? []
    const decisions = decisionsByLead.get(leadId) ?? []
    const earlier = erasureOf(decisions)
    if (earlier) {
      const erasedAt = new Date(earlier.at).toISOString()
      return {
        leadId,
        erasedAt,
        cause: null,
        alreadyErased: true,
        events: 0,
        decisions: 0,
        activities: 0,
        tasks: 0,
      }
    }

    const context = await projectionContext(trx, workspaceId)
    const identity = { id: lead.id, email: lead.email, accountId: lead.account_id }
    const current = projectLead(identity, touchpoints, decisions, context, now.getTime())
    const seqByClientId = new Map(touchpoints.map((touchpoint) => [touchpoint.id, touchpoint.seq]))
    const snapshot = snapshotOf(current, (clientId) =>
      erasedClientId(leadId, seqByClientId.get(clientId) ?? 0),
    )
    const agreementVersion = snapshot.agreementVersion
    const erasure = {
      id: randomUUID(),
      at: now.getTime(),
      actor: { type: 'system' as const, agreementVersion },
      // The snapshot rides in the decision's data: the log itself says how the erased lead projects.
      command: { kind: 'erase' as const, erasure: snapshot },
    }
    await decisionRepository.insert(trx, workspaceId, leadId, erasure)

    const events = await trx
      .updateTable('events')
      .set({
        lead_fields: '{}',
        properties: '{}',
        client_id: sql<string>`'erased:' || lead_id::text || ':' || seq::text`,
        // a hash of the payload would still confirm a guess of the person's data
        payload_hash: 'erased',
      })
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .executeTakeFirst()
    const scrubbed = await trx
      .updateTable('decisions')
      .set({ note: null, data: sql<string>`data - 'note'` })
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .where('id', '<>', erasure.id)
      .executeTakeFirst()
    await trx
      .updateTable('leads')
      .set({ email: erasedEmail(leadId), account_id: null })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', leadId)
      .execute()
    if (lead.account_id) await deleteIfOrphaned(trx, workspaceId, lead.account_id)
    await reprojectLeads(
      trx,
      workspaceId,
      [{ id: leadId, email: erasedEmail(leadId), accountId: null }],
      context,
      now,
    )
    // Events about the person that were or would be sent keep their type and time, not their content.
    await webhookOutboxRepository.redactForLead(trx, workspaceId, leadId)
    const activities = await activityRepository.eraseForLead(trx, workspaceId, leadId, now)
    const tasks = await taskRepository.eraseForLead(trx, workspaceId, leadId, now)
    await trx
      .updateTable('notifications')
      .set({ data: JSON.stringify({ erased: true }) })
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .execute()

    // Entries that quote the person (by address, full name or phone) are blanked in place.
    const fullName = [lead.first_name, lead.last_name].filter(Boolean).join(' ')
    const needles = [lead.email, fullName, lead.phone ?? ''].filter((needle) => needle.length >= 3)
    await sql`select takt_redact_audit(${workspaceId}::uuid, array[${sql.join(
      needles.map((needle) => sql`${needle}::text`),
    )}]::text[])`.execute(trx)
    const result = {
      leadId,
      erasedAt: now.toISOString(),
      cause: options.cause,
      alreadyErased: false,
      events: Number(events.numUpdatedRows),
      decisions: Number(scrubbed.numUpdatedRows),
      activities,
      tasks,
    }
    const { leadId: _target, alreadyErased: _again, ...entry } = result
    await audit(trx, workspaceId, options.actor, 'lead.erase', leadId, { after: entry })
    return result
  })
}

function snapshotOf(current: Projection, clientIdOf: (clientId: string) => string): ErasureSnapshot {
  const { replay, row } = current
  const state = replay.state
  const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso))
  return {
    lane: row.lane,
    firstSource: state?.firstSource ?? null,
    country: row.country,
    stage: row.stage,
    stageEnteredAt: Date.parse(row.stage_entered_at),
    fit: row.fit_score,
    engagement: row.engagement_score,
    agreementVersion: row.agreement_version,
    firstTouchAt: ms(row.first_touch_at),
    lastTouchAt: ms(row.last_touch_at),
    touchpointCount: row.touchpoint_count,
    recycleCount: state?.recycleCount ?? 0,
    recycleReasons: state?.recycleReasons ?? [],
    deal: state?.deal ?? null,
    // `because` quotes titles, domains and notes: the erased projection says only "erased".
    transitions: replay.transitions.map(({ explanations: _explanations, ...transition }) => ({
      ...transition,
      trigger:
        transition.trigger.kind === 'touchpoint'
          ? { kind: 'touchpoint', id: clientIdOf(transition.trigger.id) }
          : transition.trigger,
    })),
  }
}

// An account only this person belonged to may be their one-person business: it goes with them.
async function deleteIfOrphaned(db: Kysely<Database>, workspaceId: string, accountId: string) {
  await db
    .deleteFrom('accounts')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('leads')
            .select('id')
            .where('leads.workspace_id', '=', workspaceId)
            .where('leads.account_id', '=', accountId),
        ),
      ),
    )
    .execute()
}
