import { Type, type Static } from 'typebox'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'
import { LEAD_SORTS } from '../../services/list-leads.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])
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

// The detail is rich and grows with later features; its main fields are typed, the rest passes through.
export const LeadDetailSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    asOf: Type.String({ format: 'date-time' }),
    stage: Stage,
    lane: Nullable(Type.String()),
    scores: Type.Object(
      {
        at: Type.String(),
        fit: Type.Number(),
        engagement: Type.Number(),
        total: Type.Number(),
        contributions: Type.Array(Type.Object({}, { additionalProperties: true })),
      },
      { additionalProperties: true },
    ),
    history: Type.Array(
      Type.Object({ from: Nullable(Stage), to: Stage, at: Type.String() }, { additionalProperties: true }),
    ),
    timeline: Type.Array(
      Type.Object(
        { id: Type.String(), type: Type.String(), occurredAt: Type.String() },
        { additionalProperties: true },
      ),
    ),
    allowedActions: Type.Array(Type.String()),
  },
  { additionalProperties: true },
)

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
  Type.Object({ action: Type.Literal('win'), note: Note }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('lose'), reason: Reason, note: Note }, { additionalProperties: false }),
  Type.Object(
    { action: Type.Literal('disqualify'), reason: Reason, note: Note },
    { additionalProperties: false },
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
