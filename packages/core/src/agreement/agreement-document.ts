// The qualification agreement as written by marketing and sales (YAML or JSON).
// This schema is the contract: the API publishes it, the editor validates against it,
// and compileAgreement turns a valid document into evaluators.
import { Type, type Static, type TCyclic, type TRef, type TSchema } from 'typebox'

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 64, description: 'lower-case id' })
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()])
const OneOrMany = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Union([item, Type.Array(item, { minItems: 1 })])
// A text people read: one string for both languages, or German and English (no other language,
// neither empty: the UI shows the one it is in and would otherwise fall back silently).
const LocalizedText = (options: { maxLength?: number } = {}) =>
  Type.Object(
    {
      de: Type.String({ minLength: 1, ...options }),
      en: Type.String({ minLength: 1, ...options }),
    },
    { additionalProperties: false },
  )
const Label = Type.Union([Type.String({ minLength: 1 }), LocalizedText()])
const Days = Type.Number({ exclusiveMinimum: 0, maximum: 3650 })

export const JOURNEY_STAGES = ['orientation', 'consideration', 'decision'] as const
// Type.Enum, not a Union over `.map(Type.Literal)`: the mapped array loses the literal types and
// the static type collapses to never.
export const JourneyStageSchema = Type.Enum(JOURNEY_STAGES)

/** What a touchpoint must look like to match; every given key must match (values in a list: any of them). */
export const TouchpointMatchSchema = Type.Object(
  {
    type: Type.Optional(OneOrMany(Type.String({ minLength: 1 }))),
    contentId: Type.Optional(OneOrMany(Type.String({ minLength: 1 }))),
    journeyStage: Type.Optional(OneOrMany(JourneyStageSchema)),
    topic: Type.Optional(OneOrMany(Type.String({ minLength: 1 }))),
    source: Type.Optional(OneOrMany(Type.String({ minLength: 1 }))),
    properties: Type.Optional(Type.Record(Type.String(), OneOrMany(Scalar))),
  },
  { additionalProperties: false, minProperties: 1 },
)

/**
 * A condition on one lead field. Exactly one operator besides `field`.
 * String comparisons ignore case; `containsAny` matches whole words or phrases inside the value.
 */
export const FieldConditionSchema = Type.Object(
  {
    field: Type.String({
      minLength: 1,
      description: 'e.g. title, email.domain, company.employees, custom.plan',
    }),
    equals: Type.Optional(Scalar),
    notEquals: Type.Optional(Scalar),
    in: Type.Optional(Type.Array(Scalar, { minItems: 1 })),
    notIn: Type.Optional(Type.Array(Scalar, { minItems: 1 })),
    contains: Type.Optional(Type.String({ minLength: 1 })),
    containsAny: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    startsWith: Type.Optional(Type.String({ minLength: 1 })),
    endsWith: Type.Optional(Type.String({ minLength: 1 })),
    matches: Type.Optional(
      Type.String({ minLength: 1, description: 'regular expression, case-insensitive' }),
    ),
    gte: Type.Optional(Type.Number()),
    gt: Type.Optional(Type.Number()),
    lte: Type.Optional(Type.Number()),
    lt: Type.Optional(Type.Number()),
    // Not Type.Tuple: TypeBox emits draft-07 `items: [..]`, which a 2020-12 validator rejects.
    between: Type.Optional(
      Type.Unsafe<[number, number]>(
        Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: 'inclusive range [low, high]' }),
      ),
    ),
    exists: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 2, maxProperties: 2 },
)

export const SCORE_KINDS = ['fit', 'engagement', 'total', 'engagementSinceRecycled'] as const
export const ScoreConditionSchema = Type.Object(
  {
    score: Type.Enum(SCORE_KINDS),
    gte: Type.Optional(Type.Number()),
    gt: Type.Optional(Type.Number()),
    lte: Type.Optional(Type.Number()),
    lt: Type.Optional(Type.Number()),
  },
  { additionalProperties: false, minProperties: 2 },
)

/** N touchpoints matching `touchpoints` within the last `withinDays` (or ever). */
export const TouchpointCountConditionSchema = Type.Object(
  {
    touchpoints: TouchpointMatchSchema,
    atLeast: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    withinDays: Type.Optional(Days),
  },
  { additionalProperties: false },
)

export const SignalConditionSchema = Type.Object({ signal: Id }, { additionalProperties: false })

/** A hand-raiser touchpoint (an engagement rule marked `handRaiser`) within the last `withinDays` (or ever). */
export const HandRaiserConditionSchema = Type.Object(
  { handRaiser: Type.Literal(true), withinDays: Type.Optional(Days) },
  { additionalProperties: false },
)

// Conditions nest, so their schema is recursive. TypeBox's Cyclic resolves `$ref: 'Condition'` by name,
// which standard validators (ajv, editors) read as a URL, and every use would repeat its own `$defs`.
// So the definition lives once in the document's `$defs` and every use is a `#/$defs/Condition` pointer;
// the (type-only) Cyclic form below gives TypeScript the static type.
const CONDITION_REF = '#/$defs/Condition'
const conditionVariants = <Ref extends TSchema>(condition: Ref) =>
  Type.Union([
    Type.Object({ all: Type.Array(condition, { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ any: Type.Array(condition, { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ not: condition }, { additionalProperties: false }),
    FieldConditionSchema,
    ScoreConditionSchema,
    TouchpointCountConditionSchema,
    SignalConditionSchema,
    HandRaiserConditionSchema,
  ])
type ConditionCyclic = TCyclic<
  { Condition: ReturnType<typeof conditionVariants<TRef<'Condition'>>> },
  'Condition'
>
export type Condition = Static<ConditionCyclic>
const ConditionRef = Type.Unsafe<Condition>(Type.Ref(CONDITION_REF))
const ConditionDefinition = conditionVariants(ConditionRef)

/** A condition on its own (self-contained); inside the agreement, conditions are `#/$defs/Condition` refs. */
export const ConditionSchema = Type.Unsafe<Condition>({
  $defs: { Condition: ConditionDefinition },
  $ref: CONDITION_REF,
})

export const FitRuleSchema = Type.Object(
  { id: Id, label: Type.Optional(Label), when: ConditionRef, points: Type.Number() },
  { additionalProperties: false },
)

export const CAP_PERIODS = ['day', 'week', 'month', 'ever'] as const
export const CapSchema = Type.Object(
  {
    points: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'at most this many points per period' }),
    ),
    count: Type.Optional(
      Type.Integer({ minimum: 1, description: 'at most this many touchpoints count per period' }),
    ),
    per: Type.Enum(CAP_PERIODS),
  },
  { additionalProperties: false },
)

export const EngagementRuleSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Label),
    when: TouchpointMatchSchema,
    points: Type.Number(),
    handRaiser: Type.Optional(Type.Boolean()),
    halfLifeDays: Type.Optional(Type.Union([Days, Type.Null()], { description: 'null: never decays' })),
    cap: Type.Optional(CapSchema),
  },
  { additionalProperties: false },
)

export const SignalSchema = Type.Object(
  {
    label: Type.Optional(Label),
    touchpoints: TouchpointMatchSchema,
    atLeast: Type.Integer({ minimum: 1 }),
    withinDays: Type.Optional(Days),
  },
  { additionalProperties: false },
)

export const DisqualifierSchema = Type.Object(
  { id: Id, label: Type.Optional(Label), reason: Id, when: ConditionRef },
  { additionalProperties: false },
)

export const ENTRY_STAGES = ['lead', 'sal'] as const
export const LAWFUL_BASES = ['consent', 'legitimate_interest'] as const
// 'never': the channel is not used for marketing at all for this lane, whatever the person agreed to.
export const CHANNEL_REQUIREMENTS = ['consent', 'legitimate_interest', 'never'] as const
const ChannelRequirement = Type.Enum(CHANNEL_REQUIREMENTS)
export const SourceLaneSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Label),
    sources: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'touchpoint source values of this lane',
    }),
    entryStage: Type.Optional(Type.Enum(ENTRY_STAGES)),
    ownerProperty: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'touchpoint property naming the owning rep (e-mail), for entryStage sal',
      }),
    ),
    emailNurture: Type.Optional(
      Type.Union([Type.Literal('allowed'), Type.Literal('requiresConsent'), Type.Literal('never')]),
    ),
    lawfulBasis: Type.Optional(
      Type.Enum(LAWFUL_BASES, {
        description:
          'GDPR Art. 6 basis for keeping and scoring leads of this lane (default legitimate_interest)',
      }),
    ),
    channels: Type.Optional(
      Type.Object(
        { email: Type.Optional(ChannelRequirement), phone: Type.Optional(ChannelRequirement) },
        { additionalProperties: false, description: 'the basis each channel needs before marketing uses it' },
      ),
    ),
    mql: Type.Optional(ConditionRef),
  },
  { additionalProperties: false },
)

export const RECYCLE_ACTIONS = ['nurture', 'data_quality', 'disqualify'] as const
export const RecycleReasonSchema = Type.Object(
  {
    id: Id,
    label: Label,
    action: Type.Enum(RECYCLE_ACTIONS),
    track: Type.Optional(Id),
    coolDownDays: Type.Optional(Type.Number({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
)

export const RecyclingSchema = Type.Object(
  {
    coolDownDays: Type.Number({ minimum: 0, maximum: 3650 }),
    requalify: Type.Optional(ConditionRef),
    handRaiserEndsCoolDown: Type.Optional(
      Type.Boolean({
        description:
          'a hand-raiser touchpoint (an engagement rule marked handRaiser) ends a recycled lead’s cool-down at once, so it may re-qualify then',
      }),
    ),
    reasons: Type.Array(RecycleReasonSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
)

const Weekday = Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })

export const SlaSchema = Type.Object(
  {
    acceptWithinBusinessHours: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    staleAfterBusinessDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 90,
        description:
          'a lead a rep works (SAL, SQL, opportunity) with no activity, decision or stage change for this many business days is flagged stale in My work; 5 when not given',
      }),
    ),
    businessHours: Type.Object(
      {
        timezone: Type.String({ minLength: 1 }),
        days: Type.Array(Weekday, { minItems: 1, uniqueItems: true }),
        start: ClockTime,
        end: ClockTime,
        holidays: Type.Optional(
          Type.Union([
            Type.Array(Type.String({ format: 'date' })),
            Type.Object(
              { country: Type.String({ minLength: 2 }), region: Type.Optional(Type.String()) },
              { additionalProperties: false },
            ),
          ]),
        ),
      },
      { additionalProperties: false },
    ),
    onBreach: Type.Array(
      Type.Object(
        {
          afterBusinessHours: Type.Number({ exclusiveMinimum: 0 }),
          action: Type.Union([
            Type.Literal('notify'),
            Type.Literal('reassign'),
            Type.Literal('return_to_marketing'),
          ]),
          notify: Type.Optional(Type.Union([Type.Literal('owner'), Type.Literal('team_lead')])),
          reason: Type.Optional(Id),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const TeamSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Label),
    members: Type.Array(Type.String({ minLength: 3, description: 'rep e-mail' }), { minItems: 1 }),
    lead: Type.Optional(Type.String({ minLength: 3, description: 'team lead e-mail' })),
    territory: Type.Optional(ConditionRef),
  },
  { additionalProperties: false },
)

export const RoutingSchema = Type.Object(
  {
    accountOwnerFirst: Type.Optional(Type.Boolean()),
    teams: Type.Array(TeamSchema, { minItems: 1 }),
    fallbackTeam: Type.Optional(Id),
    maxOpenLeadsPerRep: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)

export const CHECKLIST_FRAMEWORKS = ['BANT', 'MEDDICC', 'CHAMP', 'custom'] as const
export const ChecklistSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Label),
    framework: Type.Enum(CHECKLIST_FRAMEWORKS),
    items: Type.Optional(
      Type.Array(Type.Object({ id: Id, label: Label }, { additionalProperties: false }), { minItems: 1 }),
    ),
    mandatory: Type.Optional(Type.Array(Id)),
    minConfirmed: Type.Optional(Type.Integer({ minimum: 0 })),
    appliesWhen: Type.Optional(
      Type.Object({ dealAmountAbove: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
)

// The steps an open deal goes through on the way to won or lost, in board order. Probabilities weight
// the board's column totals (a forecast); a stage without one has no weighted total.
export const DealStageSchema = Type.Object(
  {
    id: Id,
    label: Label,
    probability: Type.Optional(
      Type.Number({ minimum: 0, maximum: 100, description: 'chance of winning a deal in this stage, in %' }),
    ),
  },
  { additionalProperties: false },
)

export const AgreementDocumentSchema = Type.Object(
  {
    name: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), LocalizedText({ maxLength: 200 })]),
    // A plain description may be empty (older agreements have `description: ''`).
    description: Type.Optional(Type.Union([Type.String(), LocalizedText()])),
    labels: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Label, {
        description:
          'words for the codes the agreement uses (industries, sources, content, tracks, …): code → text or { de, en }',
      }),
    ),
    timezone: Type.Optional(
      Type.String({ minLength: 1, description: 'IANA zone for cap periods, e.g. Europe/Berlin' }),
    ),
    fit: Type.Object({ rules: Type.Array(FitRuleSchema) }, { additionalProperties: false }),
    engagement: Type.Object(
      { halfLifeDays: Type.Union([Days, Type.Null()]), rules: Type.Array(EngagementRuleSchema) },
      { additionalProperties: false },
    ),
    // additionalProperties: a key that is not a valid id would otherwise be silently ignored.
    signals: Type.Optional(Type.Record(Id, SignalSchema, { additionalProperties: false })),
    disqualifiers: Type.Optional(Type.Array(DisqualifierSchema)),
    mql: ConditionRef,
    sources: Type.Optional(Type.Array(SourceLaneSchema)),
    defaultSource: Type.Optional(Id),
    recycling: Type.Optional(RecyclingSchema),
    routing: Type.Optional(RoutingSchema),
    sla: Type.Optional(SlaSchema),
    sql: Type.Optional(
      Type.Object(
        { checklists: Type.Array(ChecklistSchema, { minItems: 1 }) },
        { additionalProperties: false },
      ),
    ),
    deals: Type.Optional(
      Type.Object(
        {
          stages: Type.Array(DealStageSchema, {
            minItems: 1,
            description: 'deal stages of an opportunity, in order; a new deal starts in the first',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://takt.dev/schemas/agreement.json',
    title: 'Takt qualification agreement',
    $defs: { Condition: ConditionDefinition },
  },
)

export type JourneyStage = (typeof JOURNEY_STAGES)[number]
export type TouchpointMatch = Static<typeof TouchpointMatchSchema>
export type FieldCondition = Static<typeof FieldConditionSchema>
export type ScoreCondition = Static<typeof ScoreConditionSchema>
export type ScoreKind = (typeof SCORE_KINDS)[number]
export type FitRule = Static<typeof FitRuleSchema>
export type EngagementRule = Static<typeof EngagementRuleSchema>
export type CapPeriod = (typeof CAP_PERIODS)[number]
export type Signal = Static<typeof SignalSchema>
export type Disqualifier = Static<typeof DisqualifierSchema>
export type SourceLane = Static<typeof SourceLaneSchema>
export type LawfulBasis = (typeof LAWFUL_BASES)[number]
export type ChannelRequirement = (typeof CHANNEL_REQUIREMENTS)[number]
export type RecycleReason = Static<typeof RecycleReasonSchema>
export type RecycleAction = (typeof RECYCLE_ACTIONS)[number]
export type AgreementDocument = Static<typeof AgreementDocumentSchema>
export type DealStage = Static<typeof DealStageSchema>
export type LocalizedLabel = Static<typeof Label>
/** A text of the agreement: the same in both languages, or German and English. */
export type AgreementText = LocalizedLabel
