// Next best content (GET /leads/{id}/recommendations): the query and the answer, why included as data
// for the web app to word in German or English.
import { Type } from 'typebox'
import { DateTime, Nullable } from './common.schema.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'
import { JOURNEY_STAGES } from '#core/agreement/agreement-document.ts'
import { CONTENT_LANGUAGE_PATTERN, LANGUAGE_SOURCES } from '#core/content/content-language.ts'
import { LANGUAGE_FITS, MAX_RECOMMENDATIONS, NOTHING_FITS_REASONS } from '#core/content/next-best-content.ts'

export { MAX_RECOMMENDATIONS }

const JourneyStage = Type.Enum(JOURNEY_STAGES)
const Language = Type.String({ pattern: CONTENT_LANGUAGE_PATTERN })

export const RecommendationQuerySchema = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_RECOMMENDATIONS,
        description: 'at most this many items (default 5)',
      }),
    ),
    language: Type.Optional(
      Type.String({
        pattern: CONTENT_LANGUAGE_PATTERN,
        description: 'recommend in this language (ISO 639-1) instead of the one the lead reads',
      }),
    ),
  },
  { additionalProperties: false },
)

const TopicSchema = Type.Object({
  topic: Type.String(),
  weight: Type.Number({
    description: 'interest: each touchpoint on the topic counts 0.5^(age in days / 30), summed',
  }),
  touchpoints: Type.Integer(),
  lastEngagedAt: DateTime,
  stage: Nullable(JourneyStage),
  nextStage: Nullable(JourneyStage),
  consumed: Type.Array(
    Type.Object({
      contentId: Type.String(),
      title: Nullable(Type.String({ description: 'null when the item left the catalog' })),
      journeyStage: Nullable(JourneyStage),
      touchpoints: Type.Integer(),
      lastAt: DateTime,
    }),
    { description: 'what the lead consumed on the topic, latest first' },
  ),
})

const RecommendationSchema = Type.Object({
  contentId: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  journeyStage: JourneyStage,
  topics: Type.Array(Type.String()),
  language: Nullable(Language),
  url: Nullable(Type.String()),
  score: Type.Number({ description: 'the weights of the matched topics, summed: what ranks the items' }),
  why: Type.Object({
    movesTo: JourneyStage,
    from: Nullable(JourneyStage),
    language: Type.Enum(LANGUAGE_FITS),
    topics: Type.Array(TopicSchema, { description: 'the item’s topics the lead is at `from` on' }),
  }),
  closesGap: Type.Array(Type.Object({ de: Type.String(), en: Type.String() }), {
    description:
      'what of the lead’s distance to MQL consuming the item gives (a touchpoint the MQL criteria still ' +
      'need); such items come first',
  }),
})

export const RecommendationsSchema = Type.Object({
  leadId: Type.String(),
  asOf: DateTime,
  stage: Type.Enum(LEAD_STAGES),
  nurture: Type.Boolean({ description: 'the lead is marketing’s to nurture (stage lead or recycled)' }),
  reason: Nullable(
    Type.Enum(NOTHING_FITS_REASONS, {
      description:
        'why there are no items (null when there are): not_in_nurture (not stage lead or recycled), ' +
        'no_engagement (no content on any topic yet), at_decision_stage (on every topic), ' +
        'no_content_for_next_stage (the catalog lacks it), no_content_in_language, all_consumed',
    }),
  ),
  email: Type.Object(
    {
      allowed: Type.Boolean(),
      reason: Type.Enum([
        'allowed',
        'blocked_no_consent',
        'blocked_withdrawn',
        'blocked_unsubscribed',
        'blocked_by_agreement',
      ]),
    },
    { description: 'whether the items may go out as nurture e-mail; they are recommended either way' },
  ),
  language: Type.Object({
    language: Nullable(Language),
    source: Type.Enum(LANGUAGE_SOURCES, {
      description:
        'request (the language parameter), lead_field (custom.language or custom.locale), content (what it ' +
        'read most), country, unknown (then items in every language are offered)',
    }),
  }),
  journeyStage: Nullable(JourneyStage),
  topics: Type.Array(TopicSchema, { description: 'the lead’s interest per topic, strongest first' }),
  items: Type.Array(RecommendationSchema),
})
