// Content gaps: which topics the catalog cannot take a lead to a decision on (no decision-stage item),
// with its items per journey stage and how many leads engaged with the topic in the period; and which
// items precede an MQL entry most often: of the leads that consumed an item in the period, how many
// entered MQL at or after that (within the period). Not one of run-report's reports: it reads the
// catalog and the touchpoints besides the stage history, and takes no grouping or filters, only the
// period, checked as theirs is.
import { sql, type Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../db/tables.ts'
import { JOURNEY_STAGES, type JourneyStage } from '#core/agreement/agreement-document.ts'
import { NON_ENGAGEMENT_TYPES } from '#core/content/topic-interest.ts'
import {
  daysBetween,
  percentile,
  rate,
  resolvePeriod,
  rounded,
  type ReportPeriod,
  type ReportRequest,
} from './report-request.ts'

export type ItemsPerStage = Record<JourneyStage | 'unstaged', number>

export type TopicCoverage = {
  topic: string
  /** some catalog item carries it; false for topics only touchpoints recorded (items since removed) */
  inCatalog: boolean
  items: ItemsPerStage
  /** journey stages without any item on the topic */
  missingStages: JourneyStage[]
  /** no decision-stage item: nothing to take an interested lead to a decision with */
  decisionGap: boolean
  /** distinct leads with a touchpoint on the topic in the period, and those touchpoints */
  leads: number
  touchpoints: number
}

export type ContentBeforeMql = {
  contentId: string
  /** null when the item is no longer in the catalog */
  title: string | null
  kind: string | null
  journeyStage: JourneyStage | null
  language: string | null
  inCatalog: boolean
  /** leads that consumed it in the period */
  leads: number
  /** of them, those with an MQL entry at or after their first consumption in the period, within it */
  mqlAfter: number
  mqlRate: number | null
  medianDaysToMql: number | null
}

/** Whether what next best content recommended worked: consumed afterwards, and followed by an MQL entry. */
export type RecommendedContent = {
  contentId: string
  /** null when the item is no longer in the catalog */
  title: string | null
  inCatalog: boolean
  /** leads it was first recommended to in the period */
  recommended: number
  /** of them, those that consumed it after it was recommended (up to now) */
  consumed: number
  /** of those, the ones with an MQL entry at or after that consumption (up to now) */
  mqlAfter: number
  /** mqlAfter of consumed; null when none consumed it */
  mqlRate: number | null
}

export type ContentGapsReport = {
  name: 'content-gaps'
  period: ReportPeriod
  /** decision gaps first, then by leads engaged */
  topics: TopicCoverage[]
  /** most MQL entries after consumption first */
  precedingMql: ContentBeforeMql[]
  /** the items recommended in the period, most MQL entries after consumption first */
  recommended: RecommendedContent[]
  /** all items together: leads recommended something, those that consumed a recommended item, then MQL */
  recommendedTotals: { recommended: number; consumed: number; mqlAfter: number; mqlRate: number | null }
}

/**
 * The content-gaps report of a workspace for a period of whole days in its time zone.
 * @throws DomainError REPORT_QUERY_INVALID (details.parameter names the culprit)
 */
export async function contentGapsReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: Pick<ReportRequest, 'from' | 'to'>,
  now: Date,
): Promise<ContentGapsReport> {
  const workspace = await db
    .selectFrom('workspaces')
    .select('timezone')
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  const period = resolvePeriod(request, workspace.timezone, now)
  const start = DateTime.fromISO(period.from, { zone: period.timezone }).startOf('day').toJSDate()
  const end = DateTime.fromISO(period.to, { zone: period.timezone })
    .plus({ days: 1 })
    .startOf('day')
    .toJSDate()
  const [topics, precedingMql, recommended] = await Promise.all([
    topicCoverage(db, workspaceId, start, end),
    contentBeforeMql(db, workspaceId, start, end),
    recommendedContent(db, workspaceId, start, end, now),
  ])
  return { name: 'content-gaps', period, topics, precedingMql, ...recommended }
}

// Recommendations of the period, each followed to the lead's first consumption of the item after it and
// the lead's first MQL entry at or after that, both up to now: an item recommended late in the period may
// be consumed after it. Per recommendation one probe of the lead's events and transitions (their lead
// indexes): a period holds far fewer recommendations than touchpoints.
async function recommendedContent(
  db: Kysely<Database>,
  workspaceId: string,
  start: Date,
  end: Date,
  now: Date,
): Promise<Pick<ContentGapsReport, 'recommended' | 'recommendedTotals'>> {
  const { rows } = await sql<{
    lead_id: string
    content_id: string
    title: string | null
    in_catalog: boolean
    consumed_at: Date | null
    mql_at: Date | null
  }>`
    with consumed as (
      select r.lead_id, r.content_id,
        (select min(e.occurred_at) from events e
          where e.workspace_id = ${workspaceId} and e.lead_id = r.lead_id and e.content_id = r.content_id
            and e.occurred_at >= r.first_recommended_at and e.occurred_at <= ${now}
            and e.type <> all(${[...NON_ENGAGEMENT_TYPES]}::text[])) as consumed_at
      from content_recommendations r
      where r.workspace_id = ${workspaceId} and r.first_recommended_at >= ${start} and r.first_recommended_at < ${end}
    )
    select c.lead_id, c.content_id, i.title, i.id is not null as in_catalog, c.consumed_at,
      (select min(t.at) from transitions t
        where t.workspace_id = ${workspaceId} and t.lead_id = c.lead_id and t.to_stage = 'mql'
          and c.consumed_at is not null and t.at >= c.consumed_at and t.at <= ${now}) as mql_at
    from consumed c
      left join content_items i on i.workspace_id = ${workspaceId} and i.id = c.content_id`.execute(db)
  const byItem = new Map<string, RecommendedContent>()
  const leads = { recommended: new Set<string>(), consumed: new Set<string>(), mqlAfter: new Set<string>() }
  for (const row of rows) {
    let item = byItem.get(row.content_id)
    if (!item) {
      item = {
        contentId: row.content_id,
        title: row.title,
        inCatalog: row.in_catalog,
        recommended: 0,
        consumed: 0,
        mqlAfter: 0,
        mqlRate: null,
      }
      byItem.set(row.content_id, item)
    }
    item.recommended++
    leads.recommended.add(row.lead_id)
    if (row.consumed_at !== null) {
      item.consumed++
      leads.consumed.add(row.lead_id)
    }
    if (row.mql_at !== null) {
      item.mqlAfter++
      leads.mqlAfter.add(row.lead_id)
    }
  }
  const recommended = [...byItem.values()]
    .map((item) => ({ ...item, mqlRate: rate(item.mqlAfter, item.consumed) }))
    .sort(
      (a, b) =>
        b.mqlAfter - a.mqlAfter ||
        b.consumed - a.consumed ||
        b.recommended - a.recommended ||
        (a.contentId < b.contentId ? -1 : a.contentId > b.contentId ? 1 : 0),
    )
  return {
    recommended,
    recommendedTotals: {
      recommended: leads.recommended.size,
      consumed: leads.consumed.size,
      mqlAfter: leads.mqlAfter.size,
      mqlRate: rate(leads.mqlAfter.size, leads.consumed.size),
    },
  }
}

async function topicCoverage(
  db: Kysely<Database>,
  workspaceId: string,
  start: Date,
  end: Date,
): Promise<TopicCoverage[]> {
  const [catalog, engaged] = await Promise.all([
    sql<{ topic: string; stage: JourneyStage | null; items: number }>`
      select t.topic, c.journey_stage as stage, count(distinct c.id)::int as items
      from content_items c cross join lateral jsonb_array_elements_text(c.topics) as t(topic)
      where c.workspace_id = ${workspaceId}
      group by t.topic, c.journey_stage`.execute(db),
    sql<{ topic: string; leads: number; touchpoints: number }>`
      select t.topic, count(distinct e.lead_id)::int as leads, count(*)::int as touchpoints
      from events e cross join lateral jsonb_array_elements_text(e.topics) as t(topic)
      where e.workspace_id = ${workspaceId} and e.occurred_at >= ${start} and e.occurred_at < ${end}
        and e.topics is not null and e.type <> all(${[...NON_ENGAGEMENT_TYPES]}::text[])
      group by t.topic`.execute(db),
  ])
  const byTopic = new Map<string, TopicCoverage>()
  const coverage = (topic: string) => {
    const found = byTopic.get(topic)
    if (found) return found
    const created: TopicCoverage = {
      topic,
      inCatalog: false,
      items: { orientation: 0, consideration: 0, decision: 0, unstaged: 0 },
      missingStages: [],
      decisionGap: true,
      leads: 0,
      touchpoints: 0,
    }
    byTopic.set(topic, created)
    return created
  }
  for (const row of catalog.rows) {
    const entry = coverage(row.topic)
    entry.inCatalog = true
    entry.items[row.stage ?? 'unstaged'] += row.items
  }
  for (const row of engaged.rows)
    Object.assign(coverage(row.topic), { leads: row.leads, touchpoints: row.touchpoints })
  return [...byTopic.values()]
    .map((entry) => ({
      ...entry,
      missingStages: JOURNEY_STAGES.filter((stage) => entry.items[stage] === 0),
      decisionGap: entry.items.decision === 0,
    }))
    .sort(
      (a, b) =>
        Number(b.decisionGap) - Number(a.decisionGap) ||
        b.leads - a.leads ||
        (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0),
    )
}

// Per item and lead, the first consumption in the period; then the lead's first MQL entry from that
// instant to the period's end (one at the same instant counts: the touchpoint that made the lead an MQL
// preceded it). Consumptions and the period's MQL entries are put on one timeline and each consumption
// reads the next entry through a window: one sort, whatever the statistics say. A join of the two let the
// planner, short of statistics (fresh tables, PGlite), walk every MQL entry per consumer (0.9 s at 400 leads).
async function contentBeforeMql(
  db: Kysely<Database>,
  workspaceId: string,
  start: Date,
  end: Date,
): Promise<ContentBeforeMql[]> {
  const { rows } = await sql<{
    content_id: string
    title: string | null
    kind: string | null
    journey_stage: JourneyStage | null
    language: string | null
    in_catalog: boolean
    leads: number
    mql_after: number
    days: number | string | null
  }>`
    with consumed as (
      select e.content_id, e.lead_id, min(e.occurred_at) as first_at
      from events e
      where e.workspace_id = ${workspaceId} and e.content_id is not null
        and e.occurred_at >= ${start} and e.occurred_at < ${end}
        and e.type <> all(${[...NON_ENGAGEMENT_TYPES]}::text[])
      group by e.content_id, e.lead_id
    ), timeline as (
      select c.content_id, c.lead_id, c.first_at as at from consumed c
      union all
      select null, t.lead_id, t.at from transitions t
      where t.workspace_id = ${workspaceId} and t.to_stage = 'mql' and t.at >= ${start} and t.at < ${end}
    ), followed as (
      -- backwards in time, so the frame only grows; at equal instants the MQL entry comes first (in frame)
      select s.content_id, s.at as first_at,
        min(s.at) filter (where s.content_id is null) over (partition by s.lead_id
          order by s.at desc, s.content_id is null desc rows between unbounded preceding and current row) as mql_at
      from timeline s
    ), per_item as (
      select f.content_id, count(*)::int as leads, count(f.mql_at)::int as mql_after,
        ${percentile(0.5, daysBetween(sql`f.first_at`, sql`f.mql_at`), sql`f.mql_at`)} as days
      from followed f
      where f.content_id is not null
      group by f.content_id
    )
    select p.content_id, i.title, i.kind, i.journey_stage, i.language, i.id is not null as in_catalog,
      p.leads, p.mql_after, p.days
    from per_item p
      left join content_items i on i.workspace_id = ${workspaceId} and i.id = p.content_id
    order by p.mql_after desc, p.leads desc, p.content_id`.execute(db)
  return rows.map((row) => ({
    contentId: row.content_id,
    title: row.title,
    kind: row.kind,
    journeyStage: row.journey_stage,
    language: row.language,
    inCatalog: row.in_catalog,
    leads: row.leads,
    mqlAfter: row.mql_after,
    mqlRate: rate(row.mql_after, row.leads),
    medianDaysToMql: rounded(row.days),
  }))
}
