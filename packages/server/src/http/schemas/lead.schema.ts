import { Type, type Static } from 'typebox'
import { Nullable, DateTime } from './common.schema.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'
import { ExplanationSchema, LocalizedTextSchema } from '#core/explanation/explanation.ts'
import { LEAD_SORTS } from '../../services/list-leads.ts'
import { SCORE_RANGE_PATTERN } from '#core/util/score-range.ts'

const Stage = Type.Enum(LEAD_STAGES)

const Days = (description: string) => Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description }))

// The filters of GET /leads and GET /pipeline: one set, so each count equals the list's total.
const leadFilterProperties = {
  stage: Type.Optional(Type.Array(Stage, { description: 'repeat or comma-separate: stage=mql&stage=sal' })),
  owner: Type.Optional(
    Type.Union([Type.String({ format: 'uuid' }), Type.Literal('none'), Type.Literal('me')]),
  ),
  lane: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'source lane of the agreement, e.g. inbound or cold_outreach',
    }),
  ),
  source: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'source of the first touchpoint, e.g. website or trade_fair',
    }),
  ),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'e-mail (exact) or part of name/company' }),
  ),
  minFit: Type.Optional(Type.Number()),
  maxFit: Type.Optional(Type.Number()),
  minEngagement: Type.Optional(Type.Number()),
  maxEngagement: Type.Optional(Type.Number()),
  enteredWithinDays: Days('entered the current stage within the last N days'),
  touchedWithinDays: Days('last touchpoint within the last N days'),
  entered: Type.Optional(
    Type.Array(Stage, {
      description:
        'has a stage change into one of these stages (repeat or comma-separate); the enteredFrom, enteredTo, ' +
        'enteredOwner, enteredVersion, enteredLeaving, enteredReason and enteredBy bounds hold for that same ' +
        'change (the leads behind a report number)',
    }),
  ),
  enteredFrom: Type.Optional(Type.String({ format: 'date-time', description: 'the change at or after' })),
  enteredTo: Type.Optional(Type.String({ format: 'date-time', description: 'the change before' })),
  enteredOwner: Type.Optional(Type.String({ format: 'uuid', description: 'owner recorded with the change' })),
  enteredVersion: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 2_147_483_647,
      description: 'agreement version recorded with the change',
    }),
  ),
  enteredLeaving: Type.Optional(
    Type.Array(Stage, { description: 'the stage the change left (repeat or comma-separate)' }),
  ),
  enteredReason: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'reason code recorded with the change' }),
  ),
  enteredBy: Type.Optional(
    Type.Union([Type.Literal('person'), Type.Literal('system')], {
      description: "who made the change: a person's decision, or the system (rules, SLA steps)",
    }),
  ),
  firstTouchFrom: Type.Optional(
    Type.String({ format: 'date-time', description: 'first touchpoint at or after' }),
  ),
  firstTouchTo: Type.Optional(Type.String({ format: 'date-time', description: 'first touchpoint before' })),
  firstMqlFrom: Type.Optional(
    Type.String({
      format: 'date-time',
      description:
        'first became MQL at or after; firstMqlTo, firstMqlVersion, firstMqlFit and firstMqlEngagement bound that same MQL entry',
    }),
  ),
  firstMqlTo: Type.Optional(Type.String({ format: 'date-time', description: 'first became MQL before' })),
  firstMqlVersion: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'agreement version of that MQL entry' }),
  ),
  firstMqlFit: Type.Optional(
    Type.String({
      maxLength: 64,
      pattern: SCORE_RANGE_PATTERN,
      description: 'fit score at that MQL entry, in interval notation: [40,65], [20,40), (,20)',
    }),
  ),
  firstMqlEngagement: Type.Optional(
    Type.String({
      maxLength: 64,
      pattern: SCORE_RANGE_PATTERN,
      description: 'engagement score at that MQL entry, in interval notation',
    }),
  ),
  handOffFrom: Type.Optional(
    Type.String({
      format: 'date-time',
      description:
        'was handed to a rep at or after; handOffTo, handOffRep, handOffTeam and handOffVersion bound that same hand-off',
    }),
  ),
  handOffTo: Type.Optional(Type.String({ format: 'date-time', description: 'the hand-off before' })),
  handOffRep: Type.Optional(
    Type.String({ minLength: 1, maxLength: 254, description: 'the rep handed to, by e-mail' }),
  ),
  handOffTeam: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the team handed to' })),
  handOffVersion: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 2_147_483_647,
      description: 'agreement version of the MQL entry handed off',
    }),
  ),
}

export const LeadFilterQuerySchema = Type.Object(leadFilterProperties, { additionalProperties: false })

export const LeadListQuerySchema = Type.Object(
  {
    ...leadFilterProperties,
    sort: Type.Optional(
      Type.Enum(Object.keys(LEAD_SORTS) as Array<keyof typeof LEAD_SORTS>, {
        description: 'lastTouch sorts never-touched leads as the oldest',
      }),
    ),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const LeadListItemSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  firstName: Nullable(Type.String()),
  lastName: Nullable(Type.String()),
  title: Nullable(Type.String()),
  companyName: Nullable(Type.String()),
  country: Nullable(Type.String()),
  lane: Nullable(Type.String()),
  source: Type.Union([Type.String(), Type.Null()], { description: 'source of the first touchpoint' }),
  stage: Stage,
  stageEnteredAt: Type.String({ format: 'date-time' }),
  ownerId: Nullable(Type.String()),
  fit: Type.Number(),
  engagement: Type.Number({ description: 'as of scoredAt; decays until the next refresh' }),
  scoredAt: Type.String({ format: 'date-time' }),
  lastTouchAt: Nullable(Type.String({ format: 'date-time' })),
  touchpointCount: Type.Integer(),
  predicted: Nullable(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        'the predictive score: calibrated probability of reaching the model’s target (null until a model scored the lead)',
    }),
  ),
})

export const LeadListSchema = Type.Object({
  items: Type.Array(LeadListItemSchema),
  nextCursor: Nullable(Type.String()),
})

export const LeadDetailQuerySchema = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({ format: 'date-time', description: 'rebuild the lead as it stood at this instant' }),
    ),
  },
  { additionalProperties: false },
)

// The whole detail is typed, so the web app's client is generated from it rather than copied by hand.
// Objects whose keys come from the data (touchpoint properties, custom fields, lifecycle state) stay open.
const Person = Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })
const LabelText = Type.Union([
  Type.String(),
  Type.Object({ de: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }),
])
const SlaStepAction = Type.Union([
  Type.Literal('notify'),
  Type.Literal('reassign'),
  Type.Literal('return_to_marketing'),
])
const Open = Type.Record(Type.String(), Type.Unknown())

const ContributionSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('fit'),
    ruleId: Type.String(),
    label: Type.String({ description: 'in English; `labels` has both languages' }),
    labels: LocalizedTextSchema,
    points: Type.Number(),
    because: Type.Array(Type.String(), { description: 'why the rule holds, in English' }),
    explanations: Type.Array(ExplanationSchema),
  }),
  Type.Object({
    kind: Type.Literal('engagement'),
    ruleId: Type.String(),
    label: Type.String({ description: 'in English; `labels` has both languages' }),
    labels: LocalizedTextSchema,
    points: Type.Number({ description: 'worth now, after decay' }),
    originalPoints: Type.Number(),
    creditedPoints: Type.Number({ description: 'after caps' }),
    capped: Type.Boolean(),
    touchpointId: Type.String(),
    touchpointType: Type.String(),
    contentId: Type.Optional(Type.String()),
    occurredAt: DateTime,
    halfLifeDays: Nullable(Type.Number()),
  }),
])

const TransitionSchema = Type.Object({
  from: Nullable(Stage),
  to: Stage,
  at: DateTime,
  actor: Type.Union([
    Type.Object({ type: Type.Literal('system'), agreementVersion: Type.Integer() }),
    Type.Object({
      type: Type.Union([Type.Literal('user'), Type.Literal('api_key')]),
      id: Type.String(),
      user: Nullable(Person),
    }),
  ]),
  agreementVersion: Type.Integer(),
  reason: Nullable(Type.String()),
  because: Type.Array(Type.String(), { description: 'why, in English' }),
  explanations: Type.Array(ExplanationSchema, { description: 'the same reasons as data' }),
  trigger: Type.Union([
    Type.Object({ kind: Type.Literal('touchpoint'), id: Type.String() }),
    Type.Object({ kind: Type.Literal('decision'), id: Type.String() }),
    Type.Object({ kind: Type.Literal('cool_down_ended') }),
    Type.Object({ kind: Type.Literal('time') }),
    Type.Object({ kind: Type.Literal('agreement_activated'), version: Type.Integer() }),
  ]),
  fit: Type.Number(),
  engagement: Type.Number(),
})

const TouchpointSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  occurredAt: DateTime,
  source: Nullable(Type.String()),
  contentId: Nullable(Type.String()),
  contentTitle: Nullable(Type.String()),
  journeyStage: Nullable(
    Type.Union([Type.Literal('orientation'), Type.Literal('consideration'), Type.Literal('decision')]),
  ),
  properties: Open,
  points: Type.Number(),
})

const AssignmentSchema = Type.Object({
  rep: Type.String(),
  team: Nullable(Type.String()),
  at: DateTime,
  reasons: Type.Array(Type.String(), { description: 'why this rep, in English' }),
  explanations: Type.Array(ExplanationSchema, { description: 'the same reasons as data' }),
  people: Type.Record(Type.String(), Type.String(), {
    description: 'names of the users the explanations name by e-mail, by e-mail',
  }),
  sla: Nullable(
    Type.Object({
      state: Type.Enum(['on_time', 'due_soon', 'breached', 'met', 'met_late']),
      dueAt: DateTime,
      remainingBusinessHours: Type.Number(),
      respondedAt: Nullable(DateTime),
      responseBusinessHours: Nullable(Type.Number()),
      systemDelayBusinessHours: Type.Number(),
      nextStep: Nullable(Type.Object({ at: DateTime, action: SlaStepAction })),
    }),
  ),
})

const QualificationSchema = Type.Object({
  satisfied: Type.Boolean(),
  problem: Nullable(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Object({
        missing: Type.Optional(
          Type.Array(
            Type.Object({
              checklist: Type.String(),
              mandatory: Type.Array(Type.String()),
              confirmed: Type.Integer(),
              needed: Type.Integer(),
            }),
          ),
        ),
        unknown: Type.Optional(
          Type.Array(Type.Object({ checklist: Type.String(), items: Type.Array(Type.String()) })),
        ),
      }),
    }),
  ),
  expectedAmount: Nullable(Type.Number()),
  checklists: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Nullable(LabelText),
      framework: Type.String(),
      mandatory: Type.Array(Type.String()),
      minConfirmed: Type.Integer(),
      items: Type.Array(Type.Object({ id: Type.String(), label: LabelText, confirmed: Type.Boolean() })),
    }),
  ),
  history: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('qualify'), Type.Literal('update_checklist')]),
      at: DateTime,
      by: Nullable(Person),
      actor: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
      confirmed: Type.Record(Type.String(), Type.Array(Type.String())),
      expectedAmount: Nullable(Type.Number()),
      note: Nullable(Type.String()),
    }),
  ),
})

const MqlDistanceSchema = Type.Object(
  {
    status: Type.Enum(['open', 'not_applicable'], {
      description:
        'open: the lead is short of MQL (stage lead or recycled); not_applicable: handed off or closed',
    }),
    lane: Nullable(Type.String()),
    coolDownUntil: Nullable({ ...DateTime, description: 'a recycled lead waits for its cool-down first' }),
    met: Type.Boolean({ description: 'the criteria hold already (the lead becomes MQL at its next moment)' }),
    routes: Type.Array(
      Type.Object({
        requirements: Type.Array(
          Type.Object(
            {
              kind: Type.Enum([
                'score_below',
                'score_above',
                'touchpoints',
                'hand_raiser',
                'field',
                'must_not_hold',
              ]),
            },
            { additionalProperties: true },
          ),
        ),
        engagementCanClose: Type.Boolean({
          description: 'false when a field or the fit score must change, or something must stop holding',
        }),
        text: Type.Object({ de: Type.String(), en: Type.String() }),
      }),
      {
        description:
          'the smallest sets of changes that make the MQL criteria hold, any one suffices; each lists what must all happen',
      },
    ),
  },
  { description: 'what the lead still needs to become MQL, read off the agreement in force' },
)

export const LeadDetailSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  asOf: DateTime,
  firstName: Nullable(Type.String()),
  lastName: Nullable(Type.String()),
  title: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  company: Nullable(
    Type.Object({
      name: Type.Optional(Type.String()),
      domain: Type.Optional(Type.String()),
      country: Type.Optional(Type.String()),
      industry: Type.Optional(Type.String()),
      employees: Type.Optional(Type.Number()),
      postcode: Type.Optional(Type.String()),
    }),
  ),
  custom: Open,
  account: Nullable(
    Type.Object({
      id: Type.String(),
      domain: Nullable(Type.String()),
      name: Nullable(Type.String()),
      industry: Nullable(Type.String()),
      employees: Nullable(Type.Number()),
      country: Nullable(Type.String()),
      owner: Nullable(Person),
    }),
  ),
  lane: Nullable(Type.String()),
  stage: Stage,
  stageEnteredAt: Nullable(Type.String()),
  owner: Nullable(Person),
  agreementVersion: Nullable(Type.Integer()),
  scores: Type.Object({
    at: DateTime,
    fit: Type.Number(),
    engagement: Type.Number(),
    total: Type.Number(),
    contributions: Type.Array(ContributionSchema),
  }),
  history: Type.Array(TransitionSchema),
  timeline: Type.Array(TouchpointSchema),
  state: Type.Object(
    {
      coolDownUntil: Type.Optional(Nullable(Type.Number())),
      recycleQueue: Type.Optional(
        Nullable(Type.Union([Type.Literal('nurture'), Type.Literal('data_quality')])),
      ),
      nurtureTrack: Type.Optional(Nullable(Type.String())),
      recycleCount: Type.Optional(Type.Integer()),
      recycleReasons: Type.Optional(Type.Array(Type.String())),
      closedReason: Type.Optional(Nullable(Type.String())),
      deal: Type.Optional(
        Nullable(
          Type.Object({ amount: Type.Number(), currency: Type.String(), expectedCloseDate: Type.String() }),
        ),
      ),
      checklist: Type.Optional(
        Nullable(
          Type.Object({
            confirmed: Type.Record(Type.String(), Type.Array(Type.String())),
            expectedAmount: Type.Optional(Type.Number()),
          }),
        ),
      ),
    },
    {
      additionalProperties: true,
      description: 'lifecycle state carried by the fold; empty before the first touchpoint',
    },
  ),
  assignment: Nullable(AssignmentSchema),
  slaBreaches: Type.Array(
    Type.Object({
      step: Type.Integer(),
      action: SlaStepAction,
      at: DateTime,
      rep: Type.String(),
      assignedAt: DateTime,
    }),
  ),
  qualification: Nullable(QualificationSchema),
  mqlDistance: MqlDistanceSchema,
  permissions: Nullable(
    Type.Object({}, { additionalProperties: true, description: 'null once the person is erased' }),
  ),
  nextCheckAt: Nullable(Type.String()),
  allowedActions: Type.Array(Type.String()),
  refusedDecisions: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      message: Type.String({ description: 'in English; `code` and `details` say it as data' }),
      details: Open,
    }),
  ),
})

const Note = Type.Optional(Type.String({ maxLength: 2000 }))
const Reason = Type.String({ minLength: 1, maxLength: 64 })

const Checklist = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 }),
  { description: 'confirmed items per checklist id, e.g. {"bant": ["need", "budget", "timeline"]}' },
)
const ExpectedAmount = Type.Optional(Type.Number({ minimum: 0 }))

const LeadActionUnion = Type.Union([
  Type.Object({ action: Type.Literal('accept'), note: Note }, { additionalProperties: false }),
  Type.Object(
    { action: Type.Literal('reject'), reason: Reason, note: Note },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('recycle'), reason: Reason, note: Note },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('qualify'), checklist: Checklist, expectedAmount: ExpectedAmount, note: Note },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('update_checklist'),
      checklist: Checklist,
      expectedAmount: ExpectedAmount,
      note: Note,
    },
    {
      additionalProperties: false,
      description:
        'Sales keeps qualifying: replaces the checklist in stage sal, sql or opportunity, with history.',
    },
  ),
  Type.Object(
    {
      action: Type.Literal('open_deal'),
      amount: Type.Number({ minimum: 0 }),
      currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
      expectedCloseDate: Type.String({ format: 'date' }),
      note: Note,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('move_deal'),
      dealStage: Type.String({
        minLength: 1,
        maxLength: 64,
        description: "one of the agreement's deals.stages ids; the lead stays an opportunity",
      }),
      note: Note,
    },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('win'), note: Note }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('lose'), reason: Reason, note: Note }, { additionalProperties: false }),
  Type.Object(
    { action: Type.Literal('disqualify'), reason: Reason, note: Note },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('hand_to_sales'),
      reason: Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'why the lead goes to sales now, e.g. "asked for a demo during the cool-down"',
      }),
      note: Note,
    },
    {
      additionalProperties: false,
      description:
        'Sales managers and admins: a recycled or disqualified lead that raised its hand becomes an MQL again and is routed.',
    },
  ),
  Type.Object(
    {
      action: Type.Literal('assign'),
      rep: Type.String({
        format: 'email',
        maxLength: 254,
        description: 'the rep to hand the lead to (managers)',
      }),
      note: Note,
    },
    { additionalProperties: false },
  ),
])

// oneOf + discriminator lets the validator report the errors of the action that was meant, not of all eight.
export const LeadActionSchema = Type.Unsafe<Static<typeof LeadActionUnion>>({
  type: 'object',
  oneOf: LeadActionUnion.anyOf,
  discriminator: { propertyName: 'action' },
})

export const LeadActionResultSchema = Type.Object({
  decisionId: Type.String({
    format: 'uuid',
    description:
      'The recorded decision; its actor may undo it for 60 s with POST …/decisions/{decisionId}/undo.',
  }),
  stage: Stage,
  transition: Type.Object(
    {
      from_stage: Nullable(Type.String()),
      to_stage: Type.String(),
      at: Type.String(),
      reason: Nullable(Type.String()),
    },
    { additionalProperties: true },
  ),
})
