// The team queues ("warm hold"): MQLs no rep could take yet, per responsible team, ripest and
// longest-waiting first, with how long each has waited in business hours (system delay, before any
// rep's SLA clock starts).
import { businessHours } from '#core/sla/sla-deadline.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { routeLead } from '#core/routing/route-lead.ts'
import { localizedText } from '#core/explanation/explanation.ts'
import type { LeadProfile } from '#core/lead/lead-profile.ts'
import { loadAgreementVersions } from './agreement-versions.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { compiledRoutingOf } from './routing-state.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'

export type QueuedLead = {
  id: string
  email: string
  name: string | null
  companyName: string | null
  fit: number
  engagement: number
  waitingSince: string
  waitingBusinessHours: number | null
}

export async function teamQueues(db: Kysely<Database>, workspaceId: string, now: Date) {
  const versions = await loadAgreementVersions(db, workspaceId)
  const document = agreementVersionAt(versions, now.getTime()).agreement.document
  const waiting = await leadRepository.listWaitingMqls(db, workspaceId, 1000, now)
  const routing = compiledRoutingOf(document)
  const calendar = slaPolicyFor(document.sla, undefined)?.calendar
  const queues = new Map<string, QueuedLead[]>()
  for (const lead of waiting) {
    // With no rep available, routing names the team the lead waits for.
    const decision = routing
      ? routeLead(routing, {
          profile: { email: lead.email, ...(lead.profile as Partial<LeadProfile>) },
          reps: [],
          at: now.getTime(),
        })
      : undefined
    const team = decision?.kind === 'queued' ? decision.team : 'unrouted'
    const list = queues.get(team) ?? []
    list.push({
      id: lead.id,
      email: lead.email,
      name: [lead.first_name, lead.last_name].filter(Boolean).join(' ') || null,
      companyName: lead.company_name,
      fit: lead.fit_score,
      engagement: lead.engagement_score,
      waitingSince: lead.stage_entered_at.toISOString(),
      waitingBusinessHours: calendar
        ? businessHours(calendar.businessMsBetween(lead.stage_entered_at.getTime(), now.getTime()))
        : null,
    })
    queues.set(team, list)
  }
  const teamLabel = (id: string) => {
    const team = document.routing?.teams.find((candidate) => candidate.id === id)
    return localizedText(team?.label, id)
  }
  return {
    teams: [...queues.entries()].map(([team, leads]) => ({ team, label: teamLabel(team), leads })),
  }
}
