// Next best content for one lead: its content touchpoints, the catalog, its language and e-mail
// permission, handed to the core's recommender (core/content/next-best-content.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { contentRepository, type StoredContentItem } from '../db/content.repository.ts'
import type { JourneyStage } from '#core/agreement/agreement-document.ts'
import type { EmailNurture } from '#core/privacy/lead-permissions.ts'
import type { LeadProfile } from '#core/lead/lead-profile.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { leadLanguage } from '#core/content/content-language.ts'
import {
  recommendNextContent,
  type ContentTouchpoint,
  type NextBestContent,
} from '#core/content/next-best-content.ts'
import type { TopicInterest } from '#core/content/topic-interest.ts'
import { readableLead, type Visibility } from './lead-visibility.ts'
import { projectionContext } from './projection-context.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { projectLead } from '#core/projection/projected-lead.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { mqlDistanceOf } from '#core/lifecycle/mql-distance.ts'
import type { Requirement } from '#core/agreement/condition-distance.ts'
import { requirementText } from '#core/agreement/distance-text.ts'
import type { TouchpointMatch } from '#core/agreement/agreement-document.ts'
import { MAX_RECOMMENDATIONS, type CatalogItem } from '#core/content/next-best-content.ts'

export type RecommendationOptions = {
  now: Date
  limit: number
  /** ISO 639-1: recommend in this language rather than the lead's */
  language?: string
}

/**
 * The next content items for a lead, best first, with why; read as the lead detail is (a rep sees only
 * their own leads and those they decided on).
 * @throws DomainError LEAD_NOT_FOUND
 */
export async function recommendContentForLead(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  options: RecommendationOptions,
  visibility: Visibility = {},
) {
  const found = await db
    .selectFrom('leads')
    .select(['id', 'email', 'account_id', 'stage', 'owner_id', 'profile', 'state'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', leadId)
    .executeTakeFirst()
  const lead = await readableLead(db, workspaceId, leadId, found, visibility)
  const [touchpoints, catalog, gaps] = await Promise.all([
    contentTouchpoints(db, workspaceId, lead.id, options.now),
    contentRepository.list(db, workspaceId),
    gapsContentCanClose(
      db,
      workspaceId,
      { id: lead.id, email: lead.email, accountId: lead.account_id },
      options.now,
    ),
  ])
  const profile = (lead.profile ?? {}) as Partial<LeadProfile>
  const result = recommendNextContent({
    stage: lead.stage,
    catalog,
    touchpoints,
    language: leadLanguage({ requested: options.language ?? null, profile, touchpoints, catalog }),
    emailNurture: emailNurtureOf(lead.state),
    now: options.now.getTime(),
    // All there are: those that close a gap to MQL go first, then the limit applies.
    limit: MAX_RECOMMENDATIONS,
  })
  const closing = (item: CatalogItem) => gaps.filter((gap) => contentMeets(gap.requirement.match, item))
  const ranked = [...result.items]
    .map((recommendation, rank) => ({ recommendation, rank, closes: closing(recommendation.item) }))
    .sort((a, b) => Number(b.closes.length > 0) - Number(a.closes.length > 0) || a.rank - b.rank)
    .slice(0, options.limit)
  // Remembered, so the content-gaps report can tell later whether what was recommended was consumed and
  // preceded the lead's MQL; the first time an item was recommended to the lead counts.
  await rememberRecommended(
    db,
    workspaceId,
    lead.id,
    ranked.map((entry) => entry.recommendation.item.id),
    options.now,
  )
  return formatRecommendations(
    lead.id,
    lead.stage,
    options.now,
    { ...result, items: ranked.map((entry) => entry.recommendation) },
    catalog,
    new Map(ranked.map((entry) => [entry.recommendation, entry.closes])),
  )
}

async function rememberRecommended(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  contentIds: readonly string[],
  now: Date,
): Promise<void> {
  if (contentIds.length === 0) return
  await withWorkspace(db, workspaceId, (scoped) =>
    scoped
      .insertInto('content_recommendations')
      .values(
        contentIds.map((contentId) => ({
          workspace_id: workspaceId,
          lead_id: leadId,
          content_id: contentId,
          first_recommended_at: now,
        })),
      )
      .onConflict((conflict) => conflict.columns(['workspace_id', 'lead_id', 'content_id']).doNothing())
      .execute(),
  )
}

type ContentGap = {
  requirement: Extract<Requirement, { kind: 'touchpoints' }>
  text: { de: string; en: string }
}

/**
 * The touchpoints the lead still needs for MQL (lead-detail's mqlDistance) on routes engagement can
 * close, those content can give: a match on journey stage, topic or content item alone.
 */
async function gapsContentCanClose(
  db: Kysely<Database>,
  workspaceId: string,
  lead: { id: string; email: string; accountId: string | null },
  now: Date,
): Promise<ContentGap[]> {
  const [events, decisions, context] = await Promise.all([
    eventRepository.listForLeads(db, workspaceId, [lead.id]),
    decisionRepository.listForLeads(db, workspaceId, [lead.id]),
    projectionContext(db, workspaceId),
  ])
  const { replay } = projectLead(
    lead,
    events.get(lead.id) ?? [],
    decisions.get(lead.id) ?? [],
    context,
    now.getTime(),
  )
  const distance = mqlDistanceOf(
    replay,
    agreementVersionAt(context.versions, now.getTime()).agreement,
    now.getTime(),
  )
  if (distance.status !== 'open') return []
  const gaps = new Map<string, ContentGap>()
  for (const route of distance.distance.routes) {
    if (!route.engagementCanClose) continue
    for (const requirement of route.requirements) {
      if (requirement.kind !== 'touchpoints' || !isContentMatch(requirement.match)) continue
      gaps.set(JSON.stringify(requirement.match), {
        requirement,
        text: { de: requirementText(requirement, 'de'), en: requirementText(requirement, 'en') },
      })
    }
  }
  return [...gaps.values()]
}

const CONTENT_KEYS: ReadonlySet<string> = new Set(['journeyStage', 'topic', 'contentId'])

function isContentMatch(match: TouchpointMatch): boolean {
  return Object.keys(match).every((key) => CONTENT_KEYS.has(key))
}

/** Whether consuming the item gives a touchpoint the match counts. */
function contentMeets(match: TouchpointMatch, item: CatalogItem): boolean {
  const list = (value: string | readonly string[]) =>
    ([] as string[]).concat(value).map((one) => one.toLowerCase())
  if (match.contentId !== undefined && !list(match.contentId).includes(item.id.toLowerCase())) return false
  if (
    match.journeyStage !== undefined &&
    (item.journeyStage === null || !list(match.journeyStage).includes(item.journeyStage))
  )
    return false
  if (match.topic !== undefined) {
    const topics = list(match.topic)
    if (!item.topics.some((topic) => topics.includes(topic.toLowerCase()))) return false
  }
  return true
}

// Only touchpoints on content matter here; the lead's index (workspace, lead, occurred_at) finds them.
async function contentTouchpoints(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  now: Date,
): Promise<ContentTouchpoint[]> {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'occurred_at', 'content_id', 'journey_stage', 'topics'])
    .where('workspace_id', '=', workspaceId)
    .where('lead_id', '=', leadId)
    .where('occurred_at', '<=', now)
    .where('content_id', 'is not', null)
    .orderBy('occurred_at')
    .execute()
  return rows.map((row) => ({
    type: row.type,
    occurredAt: row.occurred_at.getTime(),
    contentId: row.content_id!,
    ...(row.journey_stage === null ? {} : { journeyStage: row.journey_stage as JourneyStage }),
    ...(row.topics === null ? {} : { topics: row.topics as string[] }),
  }))
}

// The projection keeps the permissions' summary on the row (lists filter on it). A row without one has
// never been projected with permissions: e-mail counts as not allowed until it is.
function emailNurtureOf(state: unknown): EmailNurture {
  const permissions = (state as { permissions?: { emailNurture?: EmailNurture } | null } | null)?.permissions
  return permissions?.emailNurture ?? 'blocked_no_consent'
}

const iso = (ms: number) => new Date(ms).toISOString()
const weight = (value: number) => Math.round(value * 1000) / 1000

/** The API shape: instants as ISO strings, weights to three decimals, consumed items with their titles. */
function formatRecommendations(
  leadId: string,
  stage: LeadStage,
  now: Date,
  result: NextBestContent,
  catalog: readonly StoredContentItem[],
  closes: ReadonlyMap<unknown, readonly ContentGap[]>,
) {
  const titleOf = new Map(catalog.map((item) => [item.id, item.title]))
  const topic = (interest: TopicInterest) => ({
    topic: interest.topic,
    weight: weight(interest.weight),
    touchpoints: interest.touchpoints,
    lastEngagedAt: iso(interest.lastEngagedAt),
    stage: interest.stage,
    nextStage: interest.nextStage,
    consumed: interest.consumed.map((consumed) => ({
      contentId: consumed.contentId,
      title: titleOf.get(consumed.contentId) ?? null,
      journeyStage: consumed.journeyStage,
      touchpoints: consumed.touchpoints,
      lastAt: iso(consumed.lastAt),
    })),
  })
  return {
    leadId,
    asOf: now.toISOString(),
    stage,
    nurture: result.nurture,
    reason: result.reason,
    email: result.email,
    language: result.language,
    journeyStage: result.journeyStage,
    topics: result.topics.map(topic),
    items: result.items.map((recommendation) => ({
      ...itemView(recommendation),
      closesGap: (closes.get(recommendation) ?? []).map((gap) => gap.text),
    })),
  }
  function itemView({ item, score, why }: NextBestContent['items'][number]) {
    return {
      contentId: item.id,
      title: item.title,
      kind: item.kind,
      journeyStage: item.journeyStage!,
      topics: [...item.topics],
      language: item.language ?? null,
      url: item.url,
      score: weight(score),
      why: { movesTo: why.movesTo, from: why.from, language: why.language, topics: why.topics.map(topic) },
    }
  }
}
