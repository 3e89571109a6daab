// The reports' query and answers (services/reports/): one schema per report, joined as a union the
// OpenAPI document and the generated web client read by `name`.
import { Type } from 'typebox'
import { Nullable } from './common.schema.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'
import { REPORT_GROUPINGS, REPORT_NAMES } from '../../services/reports/report-request.ts'
import { FUNNEL_STAGES } from '../../services/reports/funnel-report.ts'

const Rate = Nullable(Type.Number({ description: 'a share from 0 to 1; null when its denominator is 0' }))
const Figure = Nullable(Type.Number())

export const ReportParamsSchema = Type.Object({ name: Type.Enum([...REPORT_NAMES]) })

// Free text where the service checks the value itself, so a bad one is a 422 naming the parameter.
export const ReportQuerySchema = Type.Object(
  {
    from: Type.Optional(
      Type.String({ maxLength: 10, description: 'first day (YYYY-MM-DD) in the workspace’s time zone' }),
    ),
    to: Type.Optional(Type.String({ maxLength: 10, description: 'last day, included; default today' })),
    view: Type.Optional(Type.Enum(['flow', 'cohort'], { description: 'funnel: flow (default) or cohort' })),
    by: Type.Optional(
      Type.String({ maxLength: 20, description: `grouping: ${REPORT_GROUPINGS.join(', ')}` }),
    ),
    version: Type.Optional(Type.Integer({ description: 'agreement version recorded with the transition' })),
    source: Type.Optional(Type.String({ maxLength: 64, description: 'first source of the lead' })),
    owner: Type.Optional(Type.String({ maxLength: 40, description: 'user id' })),
    format: Type.Optional(Type.Enum(['json', 'csv'], { description: 'csv: the report’s main table' })),
  },
  { additionalProperties: false },
)

const Period = Type.Object({ from: Type.String(), to: Type.String(), timezone: Type.String() })
const Filters = Type.Object({
  version: Nullable(Type.Integer()),
  source: Nullable(Type.String()),
  owner: Nullable(Type.String()),
})
const LeadLink = Type.Object(
  {
    query: Type.Object({
      stage: Type.Optional(Type.Array(Type.Enum(LEAD_STAGES))),
      source: Type.Optional(Type.String()),
      lane: Type.Optional(Type.String()),
      owner: Type.Optional(Type.String()),
      entered: Type.Optional(Type.Array(Type.Enum(LEAD_STAGES))),
      enteredFrom: Type.Optional(Type.String({ format: 'date-time' })),
      enteredTo: Type.Optional(Type.String({ format: 'date-time' })),
      enteredOwner: Type.Optional(Type.String()),
      enteredVersion: Type.Optional(Type.Integer()),
      enteredLeaving: Type.Optional(Type.Array(Type.Enum(LEAD_STAGES))),
      enteredReason: Type.Optional(Type.String()),
      enteredBy: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('system')])),
      firstTouchFrom: Type.Optional(Type.String({ format: 'date-time' })),
      firstTouchTo: Type.Optional(Type.String({ format: 'date-time' })),
      firstMqlFrom: Type.Optional(Type.String({ format: 'date-time' })),
      firstMqlTo: Type.Optional(Type.String({ format: 'date-time' })),
      firstMqlVersion: Type.Optional(Type.Integer()),
      firstMqlFit: Type.Optional(Type.String()),
      firstMqlEngagement: Type.Optional(Type.String()),
      handOffFrom: Type.Optional(Type.String({ format: 'date-time' })),
      handOffTo: Type.Optional(Type.String({ format: 'date-time' })),
      handOffRep: Type.Optional(Type.String()),
      handOffTeam: Type.Optional(Type.String()),
      handOffVersion: Type.Optional(Type.Integer()),
    }),
    exact: Type.Boolean(),
  },
  { description: 'the GET /leads query behind a number; exact: false when the list also holds other leads' },
)
const Grouping = Nullable(Type.Enum([...REPORT_GROUPINGS]))
const common = { period: Period, filters: Filters }

const FunnelStage = Type.Object({
  stage: Type.Enum([...FUNNEL_STAGES]),
  entered: Type.Integer(),
  conversionFromPrevious: Rate,
  conversionFromFirst: Rate,
  medianDays: Figure,
  leads: LeadLink,
})
const Exits = Type.Object({ recycled: Type.Integer(), disqualified: Type.Integer() })
const FunnelReport = Type.Object({
  name: Type.Literal('funnel'),
  ...common,
  view: Type.Enum(['flow', 'cohort']),
  by: Grouping,
  stages: Type.Array(FunnelStage),
  exits: Exits,
  groups: Type.Optional(
    Type.Array(Type.Object({ key: Nullable(Type.String()), stages: Type.Array(FunnelStage), exits: Exits })),
  ),
  weeks: Type.Optional(
    Type.Array(
      Type.Object({
        week: Type.String({ description: 'the Monday it starts on' }),
        entered: Type.Object(Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, Type.Integer()]))),
      }),
    ),
  ),
})

const Spread = { n: Type.Integer(), median: Figure, p90: Figure, leads: LeadLink }
const VelocityReport = Type.Object({
  name: Type.Literal('velocity'),
  ...common,
  stages: Type.Array(Type.Object({ stage: Type.Enum(LEAD_STAGES), ...Spread })),
  mqlToFirstResponseHours: Type.Object({ ...Spread, unanswered: Type.Integer() }),
  mqlToSqlDays: Type.Object(Spread),
  waitingNow: Type.Object({
    mqlsPastSla: Type.Integer(),
    handRaisersCoolingDown: Type.Integer(),
    mqlList: LeadLink,
    recycledList: LeadLink,
  }),
})

const Compliance = {
  handOffs: Type.Integer(),
  inTime: Type.Integer(),
  late: Type.Integer(),
  missed: Type.Integer(),
  open: Type.Integer(),
  inTimeShare: Rate,
  medianRepHours: Figure,
  leads: LeadLink,
}
const SlaReport = Type.Object({
  name: Type.Literal('sla'),
  ...common,
  team: Type.Object({ ...Compliance, medianQueueHours: Figure, queued: Type.Integer() }),
  reps: Type.Array(Type.Object({ rep: Type.String(), userId: Nullable(Type.String()), ...Compliance })),
  teams: Type.Array(Type.Object({ team: Nullable(Type.String()), ...Compliance })),
  breaches: Type.Object({
    notified: Type.Integer(),
    reassigned: Type.Integer(),
    returnedToMarketing: Type.Integer(),
  }),
})

const Pareto = Type.Object({
  outcome: Type.Enum(['rejected', 'sent_back', 'lost']),
  total: Type.Integer(),
  reasons: Type.Array(
    Type.Object({
      reason: Type.String(),
      count: Type.Integer(),
      share: Type.Number(),
      cumulativeShare: Type.Number(),
      leads: LeadLink,
    }),
  ),
  leads: LeadLink,
})
const ReasonsReport = Type.Object({
  name: Type.Literal('reasons'),
  ...common,
  by: Grouping,
  paretos: Type.Array(Pareto),
  groups: Type.Optional(
    Type.Array(Type.Object({ key: Nullable(Type.String()), paretos: Type.Array(Pareto) })),
  ),
  recycled: Type.Object({
    leads: Type.Integer(),
    requalified: Type.Integer(),
    reachedSql: Type.Integer(),
    won: Type.Integer(),
    requalifiedRate: Rate,
    list: LeadLink,
  }),
})

const Band = Type.Object({
  band: Type.Integer(),
  min: Figure,
  max: Figure,
  leads: Type.Integer(),
  sqls: Type.Integer(),
  customers: Type.Integer(),
  sqlRate: Rate,
  customerRate: Rate,
  list: LeadLink,
  sqlList: LeadLink,
  customerList: LeadLink,
})
const CalibrationReport = Type.Object({
  name: Type.Literal('calibration'),
  ...common,
  thresholdsVersion: Nullable(Type.Integer()),
  leads: Type.Integer(),
  scores: Type.Array(
    Type.Object({
      score: Type.Enum(['fit', 'engagement']),
      thresholds: Type.Array(Type.Number()),
      deciles: Type.Array(Band),
      bands: Type.Array(Band),
    }),
  ),
})

const SourceReport = Type.Object({
  name: Type.Literal('sources'),
  ...common,
  sources: Type.Array(
    Type.Object({
      source: Nullable(Type.String()),
      leads: Type.Integer(),
      mqls: Type.Integer(),
      sqls: Type.Integer(),
      customers: Type.Integer(),
      mqlRate: Rate,
      sqlRate: Rate,
      wonRate: Rate,
      revenueWon: Type.Number(),
      medianDaysToSql: Figure,
      list: LeadLink,
      mqlList: LeadLink,
      sqlList: LeadLink,
      customerList: LeadLink,
    }),
  ),
})

export const ReportSchema = Type.Union(
  [FunnelReport, VelocityReport, SlaReport, ReasonsReport, CalibrationReport, SourceReport],
  { description: 'one of the reports, told apart by `name`' },
)
