// Why a score, stage change or hand-off came about, as data: the UI words it in the reader's language,
// `explanationText` gives the English sentence the API has always returned next to it.
// One schema is both the TypeScript type and the API's response schema, so the two cannot drift.
import { Type, type Static } from 'typebox'
import {
  FieldConditionSchema,
  ScoreConditionSchema,
  TouchpointMatchSchema,
  type LocalizedLabel,
} from '../agreement/agreement-document.ts'
import { assertUnreachable } from '../util/assert-unreachable.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

/** A label in both UI languages: the agreement's own wording, or its id where it gives none. */
export const LocalizedTextSchema = Type.Object({ de: Type.String(), en: Type.String() })
export type LocalizedText = Static<typeof LocalizedTextSchema>

/** Both languages of an agreement label; a plain-string label reads the same in both. */
export function localizedText(label: LocalizedLabel | undefined, fallback: string): LocalizedText {
  if (label === undefined) return { de: fallback, en: fallback }
  return typeof label === 'string' ? { de: label, en: label } : { de: label.de, en: label.en }
}

// Set on a condition's explanation inside `not`: the reader sees the inner condition and that it must not hold.
const negated = { negated: Type.Optional(Type.Boolean()) }

const ConditionExplanationSchema = Type.Union([
  Type.Object({
    code: Type.Literal('score'),
    condition: ScoreConditionSchema,
    value: Type.Number({ description: 'the score at that moment, rounded to one decimal' }),
    ...negated,
  }),
  Type.Object({
    code: Type.Literal('field'),
    condition: FieldConditionSchema,
    value: Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    ...negated,
  }),
  Type.Object({
    code: Type.Literal('touchpoints'),
    signal: Nullable(Type.Object({ id: Type.String(), label: LocalizedTextSchema })),
    match: TouchpointMatchSchema,
    found: Type.Integer({ description: 'matching touchpoints counted (stops at atLeast)' }),
    atLeast: Type.Integer(),
    withinDays: Nullable(Type.Number()),
    ...negated,
  }),
  Type.Object({ code: Type.Literal('hand_raiser'), touchpointType: Type.String(), ...negated }),
  Type.Object({ code: Type.Literal('no_hand_raiser'), ...negated }),
  Type.Object({ code: Type.Literal('none_of'), alternatives: Type.Integer(), ...negated }),
])
export type ConditionExplanation = Static<typeof ConditionExplanationSchema>

export const SKIP_CAUSES = ['unknown_rep', 'out_of_office', 'at_capacity', 'missed_sla'] as const
export type SkipCause = (typeof SKIP_CAUSES)[number]
const skip = {
  rep: Type.String(),
  cause: Type.Enum(SKIP_CAUSES),
  openLeads: Type.Optional(Type.Integer()),
  capacity: Type.Optional(Type.Integer()),
}
const team = { team: Type.String(), teamLabel: LocalizedTextSchema }

export const ExplanationSchema = Type.Union([
  ...ConditionExplanationSchema.anyOf,
  Type.Object({ code: Type.Literal('disqualifier'), rule: Type.String(), label: LocalizedTextSchema }),
  Type.Object({
    code: Type.Literal('first_touchpoint'),
    source: Nullable(Type.String()),
    lane: Type.String(),
    laneLabel: LocalizedTextSchema,
  }),
  Type.Object({
    code: Type.Literal('note'),
    text: Type.String({ description: 'in the author’s own words' }),
  }),
  Type.Object(
    { code: Type.Literal('erased') },
    { description: 'the person was erased, and the reasons with them' },
  ),
  Type.Object({ code: Type.Literal('lane_owner'), lane: Type.String() }),
  Type.Object({ code: Type.Literal('sla_lapsed'), rep: Type.String() }),
  Type.Object({ code: Type.Literal('account_owner'), rep: Type.String() }),
  Type.Object({ code: Type.Literal('account_owner_skipped'), ...skip }),
  Type.Object({
    code: Type.Literal('territory'),
    ...team,
    matched: Type.Array(ConditionExplanationSchema, {
      description: 'empty: the team has no territory limits',
    }),
  }),
  Type.Object({ code: Type.Literal('fallback_team'), ...team }),
  Type.Object({
    code: Type.Literal('round_robin'),
    ...team,
    after: Nullable(Type.String()),
    rep: Type.String(),
  }),
  Type.Object({ code: Type.Literal('skipped'), ...team, ...skip }),
  Type.Object({ code: Type.Literal('warm_hold'), ...team, skipped: Type.Integer() }),
  Type.Object({ code: Type.Literal('no_team') }),
])
export type Explanation = Static<typeof ExplanationSchema>
export type ExplanationOf<Code extends Explanation['code']> = Extract<Explanation, { code: Code }>

/** Texts stored before explanations were data (older assignments) read as notes. */
export function asExplanation(reason: Explanation | string): Explanation {
  return typeof reason === 'string' ? { code: 'note', text: reason } : reason
}

/** The English sentence for an explanation, as the API's `because` / `reasons` texts carry it. */
export function explanationText(explanation: Explanation): string {
  if ('negated' in explanation && explanation.negated) {
    return `not (${explanationText({ ...explanation, negated: false })})`
  }
  switch (explanation.code) {
    case 'score': {
      const { score, ...bounds } = explanation.condition
      return `${score} ${explanation.value} ${describeBounds(bounds)}`
    }
    case 'field': {
      const { field, ...operator } = explanation.condition
      const [name, operand] = Object.entries(operator)[0] ?? ['?', undefined]
      return `${field} ${JSON.stringify(explanation.value)} ${name} ${JSON.stringify(operand)}`
    }
    case 'touchpoints': {
      const name = explanation.signal ? `signal ${explanation.signal.id}` : 'touchpoints'
      const window = explanation.withinDays === null ? '' : ` in ${explanation.withinDays} days`
      return `${name}: ${explanation.found} of ${explanation.atLeast} touchpoints${window}`
    }
    case 'hand_raiser':
      return `hand-raiser ${explanation.touchpointType}`
    case 'no_hand_raiser':
      return 'no hand-raiser'
    case 'none_of':
      return `none of ${explanation.alternatives} alternatives holds`
    case 'disqualifier':
      return explanation.label.en
    case 'first_touchpoint':
      return `first touchpoint from source ${explanation.source ?? 'unknown'} (lane ${explanation.lane})`
    case 'note':
      return explanation.text
    case 'erased':
      return 'erased'
    case 'lane_owner':
      return `owner of lane ${explanation.lane}`
    case 'sla_lapsed':
      return `reassigned: the SLA lapsed with ${explanation.rep}`
    case 'account_owner':
      return `account owner ${explanation.rep}`
    case 'account_owner_skipped':
      return `account owner ${explanation.rep} skipped: ${describeSkip(explanation)}`
    case 'territory': {
      const matched = explanation.matched.map(explanationText)
      return `territory ${explanation.teamLabel.en} (${matched.length > 0 ? matched.join('; ') : 'no territory limits'})`
    }
    case 'fallback_team':
      return `no territory matched: fallback team ${explanation.teamLabel.en}`
    case 'round_robin':
      return explanation.after === null
        ? `round-robin in ${explanation.teamLabel.en}: ${explanation.rep} starts the rotation`
        : `round-robin in ${explanation.teamLabel.en}: ${explanation.rep} next after ${explanation.after}`
    case 'skipped':
      return `skipped ${explanation.rep}: ${describeSkip(explanation)}`
    case 'warm_hold':
      return `warm hold in ${explanation.teamLabel.en}: none of ${explanation.skipped} reps can take the lead now`
    case 'no_team':
      return 'no territory matched and the agreement names no fallback team'
    default:
      return assertUnreachable(explanation)
  }
}

/** Negates a condition's explanations (`not`); twice is none. */
export function negate(explanation: ConditionExplanation): ConditionExplanation {
  return { ...explanation, negated: !explanation.negated }
}

function describeSkip(skip: { cause: SkipCause; openLeads?: number; capacity?: number }): string {
  switch (skip.cause) {
    case 'unknown_rep':
      return 'not a known rep'
    case 'out_of_office':
      return 'out of office'
    case 'missed_sla':
      return 'let the SLA lapse on this lead'
    case 'at_capacity':
      return `at capacity ${skip.openLeads}/${skip.capacity}`
    default:
      return assertUnreachable(skip.cause)
  }
}

function describeBounds(bounds: { gte?: number; gt?: number; lte?: number; lt?: number }): string {
  const symbols = { gte: '≥', gt: '>', lte: '≤', lt: '<' } as const
  return (Object.keys(symbols) as Array<keyof typeof symbols>)
    .filter((key) => bounds[key] !== undefined)
    .map((key) => `${symbols[key]} ${bounds[key]}`)
    .join(', ')
}
