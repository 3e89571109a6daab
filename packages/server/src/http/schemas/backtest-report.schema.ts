// The backtest report as the API and `takt backtest --json` write it (core's BacktestReport), typed so
// clients see every figure and that "not computable" is null, never 0.
import { Type } from 'typebox'
import { Nullable } from './common.schema.ts'

const Figure = Nullable(Type.Number({ description: 'null: not computable (no lead reached the stage)' }))
const stages = <T extends Parameters<typeof Type.Union>[0][number]>(figure: T) =>
  Type.Object({ sal: figure, sql: figure, opportunity: figure, customer: figure })
const Count = Type.Integer({ minimum: 0 })

const WeekCountSchema = Type.Object({
  week: Type.String({ description: 'ISO week, e.g. 2026-W07, in the workspace’s time zone' }),
  starts: Type.String({ format: 'date', description: 'its Monday' }),
  days: Type.Integer({ minimum: 1, maximum: 7, description: 'days of the week inside the period' }),
  mqls: Count,
})

const VersionReportSchema = Type.Object({
  role: Type.Enum(['candidate', 'baseline']),
  version: Nullable(Type.Integer({ description: 'null: a document that is no stored version' })),
  mqls: Count,
  mqlsPerWeek: Type.Array(WeekCountSchema),
  weeksOverCapacity: Nullable(Count),
  truePositives: stages(Count),
  precision: stages(Figure),
  recall: stages(Figure),
  lift: stages(Figure),
  medianDaysVsHandOff: Nullable(Type.Number({ description: 'negative: earlier than the real hand-off' })),
})

const RejectionCountsSchema = {
  rejected: Count,
  stillSent: Type.Object({ candidate: Count, baseline: Count }),
}

export const BacktestReportSchema = Type.Object({
  period: Type.Object({
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    timezone: Type.String(),
  }),
  leads: Count,
  capacityPerWeek: Nullable(Count),
  versions: Type.Array(VersionReportSchema, {
    minItems: 2,
    maxItems: 2,
    description: 'the candidate first, then the baseline',
  }),
  actual: Type.Object({
    handOffs: Count,
    handOffsPerWeek: Type.Array(WeekCountSchema),
    reached: stages(Count),
    baseRate: stages(Figure),
  }),
  changedLeads: Count,
  rejections: Type.Object({
    ...RejectionCountsSchema,
    byReason: Type.Array(Type.Object({ reason: Type.String(), ...RejectionCountsSchema })),
  }),
})

export const LeadChangeSchema = Type.Enum(['only_candidate', 'only_baseline', 'different_week'])

const VersionOutcomeSchema = Type.Object({
  mqlAt: Nullable(Type.Number({ description: 'epoch milliseconds of the first MQL in the period' })),
  week: Nullable(Type.String({ description: 'ISO week of that MQL' })),
  explanations: Type.Array(Type.Unknown()),
  lane: Nullable(Type.String()),
  source: Nullable(Type.String()),
})

/** A page of the leads whose outcome changes between the two versions (a backtest's or a shadow's). */
export const ChangedLeadsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      leadId: Type.String(),
      change: LeadChangeSchema,
      candidate: VersionOutcomeSchema,
      baseline: VersionOutcomeSchema,
    }),
  ),
  next: Nullable(Type.String({ description: 'pass as `after` for the next page; null on the last' })),
})
