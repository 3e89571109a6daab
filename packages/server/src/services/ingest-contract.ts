// What an ingestion batch takes and answers: the shape of one touchpoint as any source sends it, checked
// item by item (validate-ingest-items.ts), and the batch's result. TypeBox, so POST /api/v1/events
// validates and publishes the very same schemas (http/schemas/ingest-event.schema.ts).
import { Type, type Static } from 'typebox'

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength })

export const CompanyInputSchema = Type.Object(
  {
    name: Type.Optional(Text(200)),
    domain: Type.Optional(Type.String({ pattern: '^(?=.{1,253}$)([a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,}$' })),
    industry: Type.Optional(Text(100)),
    employees: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' })),
    postcode: Type.Optional(Text(20)),
    region: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
)

const Scalar = Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean()])

export const LeadInputSchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    firstName: Type.Optional(Text(100)),
    lastName: Type.Optional(Text(100)),
    title: Type.Optional(Text(200)),
    phone: Type.Optional(Text(50)),
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    company: Type.Optional(CompanyInputSchema),
    custom: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$' }), Scalar)),
  },
  { additionalProperties: false },
)

export const IngestEventSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200, description: 'client id, used for idempotency' }),
    type: Type.String({ minLength: 1, maxLength: 64, description: 'a standard type or custom.<name>' }),
    occurredAt: Type.String({ format: 'date-time' }),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    contentId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    lead: LeadInputSchema,
    properties: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Scalar)),
  },
  { additionalProperties: false },
)

export type IngestEvent = Static<typeof IngestEventSchema>

export const MAX_BATCH = 5000

export const IngestItemErrorSchema = Type.Object({
  index: Type.Integer(),
  id: Type.Optional(Type.String()),
  code: Type.Union([
    Type.Literal('invalid'),
    Type.Literal('idempotency_conflict'),
    Type.Literal('unknown_content'),
  ]),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
})

export const IngestResultSchema = Type.Object({
  accepted: Type.Integer(),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(IngestItemErrorSchema),
  leads: Type.Array(Type.Object({ email: Type.String(), id: Type.String(), stage: Type.String() })),
})

export type IngestResult = Static<typeof IngestResultSchema>

/** The answer to a batch sent with `Prefer: respond-async`: stored and acknowledged, applied later. */
export const IngestQueuedResultSchema = Type.Object({
  accepted: Type.Integer({ description: 'touchpoints queued; their leads are brought up to date shortly' }),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(IngestItemErrorSchema),
})

export type IngestQueuedResult = Static<typeof IngestQueuedResultSchema>

/** How far the queue of acknowledged touchpoints is behind (GET /api/v1/events/queue). */
export const IngestQueueStatusSchema = Type.Object({
  queued: Type.Integer({ description: 'touchpoints acknowledged and not yet applied to their leads' }),
  oldestReceivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
