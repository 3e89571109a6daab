// A rep's day in one answer: the leads they hold by stage (waiting for accept, qualifying, SQL, open
// deals) and those they sent back to marketing lately, each with its age, next task and whether it went
// stale, plus their open tasks. Counts feed the navigation badge.
import { sql, type Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../db/tables.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'
import { DEFAULT_STALE_AFTER_BUSINESS_DAYS, isStale } from '#core/sla/stale-lead.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { loadAgreementVersions } from './agreement-versions.ts'
import { engagementNow } from './lead-filters.ts'
import { activityRepository } from '../db/activity.repository.ts'
import { taskRepository } from '../db/task.repository.ts'
import { taskView } from './lead-tasks.ts'

const DAY_MS = 86_400_000
const RECYCLED_WITHIN_DAYS = 90
const SECTION_LIMIT = 300
const SENT_BACK = ['reject', 'recycle', 'lose', 'disqualify']
const SECTION_OF: Partial<Record<LeadStage, 'waiting' | 'qualifying' | 'sql' | 'deals'>> = {
  mql: 'waiting',
  sal: 'qualifying',
  sql: 'sql',
  opportunity: 'deals',
}

type Deal = { amount: number; currency: string; expectedCloseDate: string }

export async function myWork(db: Kysely<Database>, workspaceId: string, userId: string, now: Date) {
  const since = new Date(now.getTime() - RECYCLED_WITHIN_DAYS * DAY_MS)
  const leadColumns = [
    'leads.id',
    'leads.email',
    'leads.first_name',
    'leads.last_name',
    'leads.company_name',
    'leads.stage',
    'leads.stage_entered_at',
    'leads.fit_score',
    engagementNow(now).as('engagement'),
    sql<Deal | null>`leads.state->'deal'`.as('deal'),
  ] as const
  const [held, sentBack, versions, user, openTasks] = await Promise.all([
    db
      .selectFrom('leads')
      .select(leadColumns)
      .select(sql<string | null>`null`.as('reason'))
      .where('workspace_id', '=', workspaceId)
      .where('owner_id', '=', userId)
      .where('stage', 'in', ['mql', 'sal', 'sql', 'opportunity'])
      .orderBy('stage_entered_at')
      .limit(SECTION_LIMIT * 4)
      .execute(),
    // Leads this person sent back whose last such decision was theirs and that are still back in marketing.
    db
      .selectFrom('decisions')
      .innerJoin('leads', (join) =>
        join
          .onRef('leads.workspace_id', '=', 'decisions.workspace_id')
          .onRef('leads.id', '=', 'decisions.lead_id'),
      )
      .distinctOn('leads.id')
      .select(leadColumns)
      .select('decisions.reason')
      .where('decisions.workspace_id', '=', workspaceId)
      .where('decisions.actor_type', '=', 'user')
      .where('decisions.actor_id', '=', userId)
      .where('decisions.kind', 'in', SENT_BACK)
      // An undone rejection never happened.
      .where('decisions.retracted_at', 'is', null)
      .where('decisions.decided_at', '>=', since)
      .where('leads.stage', 'in', ['recycled', 'disqualified'])
      .orderBy('leads.id')
      .orderBy('decisions.decided_at', 'desc')
      .limit(SECTION_LIMIT)
      .execute(),
    loadAgreementVersions(db, workspaceId),
    db
      .selectFrom('users')
      .select('region')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', userId)
      .executeTakeFirst(),
    taskRepository.list(db, workspaceId, { ownerId: userId, status: 'open', limit: 200 }),
  ])
  const leads = [...held, ...sentBack]
  const ids = leads.map((lead) => lead.id)
  const [lastActivity, lastDecision, nextTasks] = await Promise.all([
    activityRepository.lastForLeads(db, workspaceId, ids),
    lastPersonDecisions(db, workspaceId, ids),
    taskRepository.nextOpenForLeads(db, workspaceId, ids),
  ])
  const sla = agreementVersionAt(versions, now.getTime()).agreement.document.sla
  const calendar = slaPolicyFor(sla, user?.region)?.calendar

  const item = (lead: (typeof leads)[number]) => {
    const entered = lead.stage_entered_at.getTime()
    const lastWorkedAt = Math.max(
      entered,
      lastActivity.get(lead.id)?.getTime() ?? 0,
      lastDecision.get(lead.id)?.getTime() ?? 0,
    )
    const next = nextTasks.get(lead.id)
    // A waiting MQL has its SLA clock instead; a lead back in marketing is no longer the rep's to chase.
    const worked = lead.stage === 'sal' || lead.stage === 'sql' || lead.stage === 'opportunity'
    return {
      id: lead.id,
      name: [lead.first_name, lead.last_name].filter(Boolean).join(' ') || null,
      email: lead.email,
      companyName: lead.company_name,
      stage: lead.stage as LeadStage,
      stageEnteredAt: lead.stage_entered_at.toISOString(),
      ageDays: Math.floor((now.getTime() - entered) / DAY_MS),
      fit: lead.fit_score,
      engagement: lead.engagement,
      lastWorkedAt: new Date(lastWorkedAt).toISOString(),
      stale: worked && isStale(sla, calendar, lastWorkedAt, now.getTime()),
      nextTask: next
        ? {
            id: next.id,
            title: next.title,
            dueAt: next.dueAt.toISOString(),
            overdue: next.dueAt.getTime() < now.getTime(),
          }
        : null,
      deal: lead.stage === 'opportunity' ? lead.deal : null,
      reason: lead.reason,
    }
  }

  const sections = { waiting: [], qualifying: [], sql: [], deals: [], recycled: [] } as Record<
    'waiting' | 'qualifying' | 'sql' | 'deals' | 'recycled',
    Array<ReturnType<typeof item>>
  >
  for (const lead of held) {
    const section = SECTION_OF[lead.stage as LeadStage]
    if (section && sections[section].length < SECTION_LIMIT) sections[section].push(item(lead))
  }
  sections.recycled = sentBack.map(item).sort((a, b) => b.stageEnteredAt.localeCompare(a.stageEnteredAt))
  // Stale leads first within each section, then the oldest.
  for (const key of ['qualifying', 'sql', 'deals'] as const) {
    sections[key].sort(
      (a, b) => Number(b.stale) - Number(a.stale) || a.lastWorkedAt.localeCompare(b.lastWorkedAt),
    )
  }

  const endOfToday = DateTime.fromJSDate(now, { zone: sla?.businessHours.timezone ?? 'Europe/Berlin' })
    .endOf('day')
    .toMillis()
  const tasks = openTasks.map((task) => taskView(task, now))
  const stale = [...sections.qualifying, ...sections.sql, ...sections.deals].filter(
    (lead) => lead.stale,
  ).length
  const tasksDue = openTasks.filter((task) => task.dueAt.getTime() <= endOfToday).length
  return {
    sections,
    tasks,
    counts: {
      waiting: sections.waiting.length,
      qualifying: sections.qualifying.length,
      sql: sections.sql.length,
      deals: sections.deals.length,
      recycled: sections.recycled.length,
      stale,
      tasksDue,
      attention: sections.waiting.length + stale + tasksDue,
    },
    staleAfterBusinessDays: sla?.staleAfterBusinessDays ?? DEFAULT_STALE_AFTER_BUSINESS_DAYS,
  }
}

/** When a person (not the system) last decided on each lead: an accept or a checklist update is work too. */
async function lastPersonDecisions(db: Kysely<Database>, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return new Map<string, Date>()
  const rows = await db
    .selectFrom('decisions')
    .select(['lead_id', (eb) => eb.fn.max('decided_at').as('last_at')])
    .where('workspace_id', '=', workspaceId)
    .where('lead_id', 'in', leadIds)
    .where('actor_type', '<>', 'system')
    .where('retracted_at', 'is', null)
    .groupBy('lead_id')
    .execute()
  return new Map(rows.map((row) => [row.lead_id, new Date(row.last_at)]))
}
