// Next best content for one lead: its content touchpoints, the catalog, its language and e-mail
// permission, handed to the core's recommender (core/content/next-best-content.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { contentRepository, type StoredContentItem } from '../db/content.repository.ts'
import { DomainError } from '#core/errors.ts'
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
import { isVisible, workedOnBy, type Visibility } from './lead-visibility.ts'

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
  const lead = await db
    .selectFrom('leads')
    .select(['id', 'stage', 'owner_id', 'profile', 'state'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', leadId)
    .executeTakeFirst()
  const readable =
    lead !== undefined &&
    (isVisible(lead, visibility) || (await workedOnBy(db, workspaceId, lead.id, visibility)))
  if (!lead || !readable) {
    throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
  }
  const [touchpoints, catalog] = await Promise.all([
    contentTouchpoints(db, workspaceId, lead.id, options.now),
    contentRepository.list(db, workspaceId),
  ])
  const profile = (lead.profile ?? {}) as Partial<LeadProfile>
  const result = recommendNextContent({
    stage: lead.stage,
    catalog,
    touchpoints,
    language: leadLanguage({ requested: options.language ?? null, profile, touchpoints, catalog }),
    emailNurture: emailNurtureOf(lead.state),
    now: options.now.getTime(),
    limit: options.limit,
  })
  return formatRecommendations(lead.id, lead.stage, options.now, result, catalog)
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
    items: result.items.map(({ item, score, why }) => ({
      contentId: item.id,
      title: item.title,
      kind: item.kind,
      journeyStage: item.journeyStage!,
      topics: [...item.topics],
      language: item.language ?? null,
      url: item.url,
      score: weight(score),
      why: { movesTo: why.movesTo, from: why.from, language: why.language, topics: why.topics.map(topic) },
    })),
  }
}
