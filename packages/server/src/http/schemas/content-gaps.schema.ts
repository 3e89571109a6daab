// The content-gaps report (GET /reports/content-gaps): its query and answer.
import { Type } from 'typebox'
import { Nullable } from './common.schema.ts'
import { JOURNEY_STAGES } from '#core/agreement/agreement-document.ts'

const JourneyStage = Type.Enum(JOURNEY_STAGES)
const Count = Type.Integer({ minimum: 0 })

// Free text, checked by the reports' own period check, so a bad value is a 422 naming the parameter.
export const ContentGapsQuerySchema = Type.Object(
  {
    from: Type.Optional(
      Type.String({ maxLength: 10, description: 'first day (YYYY-MM-DD) in the workspace’s time zone' }),
    ),
    to: Type.Optional(Type.String({ maxLength: 10, description: 'last day, included; default today' })),
  },
  { additionalProperties: false },
)

export const ContentGapsReportSchema = Type.Object({
  name: Type.Literal('content-gaps'),
  period: Type.Object({ from: Type.String(), to: Type.String(), timezone: Type.String() }),
  topics: Type.Array(
    Type.Object({
      topic: Type.String(),
      inCatalog: Type.Boolean({ description: 'false: only touchpoints name it (its items were removed)' }),
      items: Type.Object(
        { orientation: Count, consideration: Count, decision: Count, unstaged: Count },
        { description: 'catalog items on the topic per journey stage' },
      ),
      missingStages: Type.Array(JourneyStage),
      decisionGap: Type.Boolean({ description: 'no decision-stage item on the topic' }),
      leads: Type.Integer({ description: 'leads with a touchpoint on the topic in the period' }),
      touchpoints: Type.Integer(),
    }),
    { description: 'every topic of the catalog and of the period’s touchpoints; decision gaps first' },
  ),
  precedingMql: Type.Array(
    Type.Object({
      contentId: Type.String(),
      title: Nullable(Type.String()),
      kind: Nullable(Type.String()),
      journeyStage: Nullable(JourneyStage),
      language: Nullable(Type.String()),
      inCatalog: Type.Boolean(),
      leads: Type.Integer({ description: 'leads that consumed the item in the period' }),
      mqlAfter: Type.Integer({
        description: 'of them, those that entered MQL at or after their first consumption, within the period',
      }),
      mqlRate: Nullable(Type.Number({ description: 'mqlAfter / leads' })),
      medianDaysToMql: Nullable(Type.Number()),
    }),
    { description: 'content consumed in the period, most MQL entries after it first' },
  ),
  recommended: Type.Array(
    Type.Object({
      contentId: Type.String(),
      title: Nullable(Type.String()),
      inCatalog: Type.Boolean(),
      recommended: Type.Integer({ description: 'leads the item was first recommended to in the period' }),
      consumed: Type.Integer({
        description: 'of them, those that consumed it after it was recommended (up to now)',
      }),
      mqlAfter: Type.Integer({
        description: 'of those, the ones that entered MQL at or after consuming it (up to now)',
      }),
      mqlRate: Nullable(Type.Number({ description: 'mqlAfter / consumed' })),
    }),
    { description: 'what next best content recommended in the period and whether it worked' },
  ),
  recommendedTotals: Type.Object(
    {
      recommended: Type.Integer(),
      consumed: Type.Integer(),
      mqlAfter: Type.Integer(),
      mqlRate: Nullable(Type.Number()),
    },
    { description: 'leads, all items together' },
  ),
})
