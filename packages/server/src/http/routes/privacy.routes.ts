// DSGVO: consent and channel permissions, export (Art. 15/20) and erasure (Art. 17) of one person.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { Nullable, ProblemSchema } from '../schemas/common.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { HttpProblem } from '../problem.ts'
import { exportLead, getLeadPermissions, recordConsent } from '../../services/lead-privacy.ts'
import { eraseLead } from '../../services/erase-lead.ts'
import { actorOf, audit } from '../../services/audit.ts'
import { visibilityFor } from '../../services/lead-visibility.ts'

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) })
const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  410: ProblemSchema,
}
const Instant = Type.String({ format: 'date-time' })
const Basis = Type.Union([Type.Literal('consent'), Type.Literal('legitimate_interest')])
const Requirement = Type.Union([Basis, Type.Literal('never')])
const ChannelName = Type.Union([Type.Literal('email'), Type.Literal('phone')])
// The channel stays optional in what is read: a consent for profiling names none.
const ChannelSchema = Type.Object({
  allowed: Type.Boolean(),
  requires: Requirement,
  basis: Nullable(Basis),
  source: Nullable(Type.String()),
  since: Nullable(Instant),
  reason: Type.String({
    description:
      'consent_given, legitimate_interest, no_consent, consent_withdrawn, unsubscribed or excluded_by_agreement',
  }),
})
const ConsentSchema = Type.Object({
  purpose: Type.String({
    description: 'e.g. email_marketing, newsletter, phone, profiling; "all" for every purpose',
  }),
  channel: Nullable(ChannelName),
  granted: Type.Boolean(),
  at: Instant,
  source: Nullable(Type.String()),
  touchpointId: Type.String(),
  kind: Type.Union([Type.Literal('consent'), Type.Literal('unsubscribe')]),
  basis: Nullable(Type.String()),
  text: Nullable(Type.String({ description: 'the wording the person agreed to' })),
})
const PermissionsSchema = Type.Object({
  leadId: Type.String(),
  asOf: Instant,
  lane: Type.String(),
  lawfulBasis: Type.Object({
    basis: Basis,
    source: Nullable(Type.String()),
    since: Nullable(Instant),
    established: Type.Boolean({ description: 'false for a consent lane while no consent stands' }),
  }),
  channels: Type.Object({ email: ChannelSchema, phone: ChannelSchema }),
  emailNurture: Type.Union([
    Type.Literal('allowed'),
    Type.Literal('blocked_no_consent'),
    Type.Literal('blocked_withdrawn'),
    Type.Literal('blocked_unsubscribed'),
    Type.Literal('blocked_by_agreement'),
  ]),
  consents: Type.Array(ConsentSchema),
})
const ConsentBodySchema = Type.Object(
  {
    purpose: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'e.g. email_marketing' }),
    channel: ChannelName,
    granted: Type.Boolean({ description: 'false records a withdrawal' }),
    source: Type.String({ minLength: 1, maxLength: 64, description: 'where it was given, e.g. web_form' }),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'the wording shown' })),
    basis: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'e.g. double opt-in' })),
    occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
  },
  { additionalProperties: false },
)
const Row = Type.Object({}, { additionalProperties: true })
const ExportSchema = Type.Object({
  format: Type.String(),
  exportedAt: Instant,
  lead: Type.Object({ id: Type.String(), email: Type.String() }, { additionalProperties: true }),
  profile: Row,
  account: Nullable(Row),
  touchpoints: Type.Array(
    Type.Object(
      { id: Type.String(), type: Type.String(), occurredAt: Instant },
      { additionalProperties: true },
    ),
  ),
  decisions: Type.Array(Row),
  transitions: Type.Array(Row),
  activities: Type.Array(Row),
  tasks: Type.Array(Row),
  consents: Type.Array(ConsentSchema),
  permissions: Row,
  auditLog: Type.Array(Row),
})
const ErasureSchema = Type.Object({
  leadId: Type.String(),
  erasedAt: Instant,
  cause: Nullable(Type.Union([Type.Literal('request'), Type.Literal('retention')])),
  alreadyErased: Type.Boolean(),
  events: Type.Integer({ description: 'touchpoints stripped of personal data' }),
  decisions: Type.Integer({ description: 'decisions stripped of notes' }),
  activities: Type.Integer({ description: 'logged activities stripped of subject, text and outcome' }),
  tasks: Type.Integer({ description: 'tasks stripped of their titles' }),
})

// The same bounds ingestion applies, checked here so a bad time is a 400 naming the field.
const MAX_FUTURE_MS = 5 * 60_000
const EARLIEST = Date.parse('2000-01-01T00:00:00Z')

export function privacyRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/leads/:id/permissions',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Privacy'],
          summary: 'Lawful basis, channel permissions and consents of a lead',
          description:
            'Derived from the consent touchpoints (consent_given, consent_withdrawn, unsubscribe) and what the ' +
            "agreement's source lane requires per channel. 410 once the lead is erased.",
          params: Params,
          response: { 200: PermissionsSchema, ...errors },
        },
      },
      async (request) => {
        const principal = request.principal
        const visibility = visibilityFor(
          principal?.kind === 'user' ? { role: principal.role, userId: principal.userId } : undefined,
        )
        return getLeadPermissions(
          request.db,
          workspaceOf(request),
          request.params.id,
          deps.clock(),
          visibility,
        )
      },
    )

    app.post(
      '/leads/:id/consents',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['Privacy'],
          summary: 'Record a consent or its withdrawal',
          description:
            'Stored as a consent_given or consent_withdrawn touchpoint (client id consent-<uuid>) through normal ' +
            'ingestion, so the log stays the truth. Answers with the permissions that follow.',
          params: Params,
          body: ConsentBodySchema,
          response: {
            201: Type.Object({ touchpointId: Type.String(), ...PermissionsSchema.properties }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const now = deps.clock()
        const problem = consentProblem(request.body, now)
        if (problem) {
          throw new HttpProblem('VALIDATION_FAILED', `${problem.path} ${problem.message}.`, {
            errors: [problem],
          })
        }
        const workspaceId = workspaceOf(request)
        const result = await recordConsent(request.db, workspaceId, request.params.id, request.body, now)
        const { purpose, channel, granted, source } = request.body
        await audit(request.db, workspaceId, actorOf(request.principal), 'lead.consent', request.params.id, {
          after: { purpose, channel, granted, source, touchpointId: result.touchpointId },
        })
        reply.code(201)
        return result
      },
    )

    app.get(
      '/leads/:id/export',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Privacy'],
          summary: 'Export everything stored about the person (DSGVO Art. 15 and 20)',
          description:
            'The lead row, profile, account, every touchpoint with its properties and lead fields, decisions with ' +
            'notes, stage history, logged activities and tasks, consents and the audit entries about the lead, as JSON.',
          params: Params,
          response: { 200: ExportSchema, ...errors },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const exported = await exportLead(request.db, workspaceId, request.params.id, deps.clock())
        await audit(request.db, workspaceId, actorOf(request.principal), 'lead.export', request.params.id)
        return exported
      },
    )

    app.post(
      '/leads/:id/erasure',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Privacy'],
          summary: 'Erase the person (DSGVO Art. 17)',
          description:
            'Removes personal data from the lead, its touchpoints, decisions, stage history and audit entries; ' +
            'keeps anonymous counts (touchpoint types and times, stage path). The lead ends disqualified with ' +
            'reason erasure. Erasing again changes nothing and says alreadyErased.',
          params: Params,
          response: { 200: ErasureSchema, ...errors },
        },
      },
      async (request) =>
        eraseLead(request.db, workspaceOf(request), request.params.id, {
          actor: actorOf(request.principal),
          cause: 'request',
          now: deps.clock(),
        }),
    )
  }
}

// What the schema cannot say: the bounds ingestion applies to times, and text PostgreSQL can store
// (jsonb refuses NUL characters and unpaired surrogates).
function consentProblem(body: Static<typeof ConsentBodySchema>, now: Date) {
  for (const field of ['purpose', 'source', 'text', 'basis'] as const) {
    const value = body[field]
    if (value !== undefined && (value.includes('\u0000') || !value.isWellFormed()))
      return { path: `body/${field}`, message: 'must not contain NUL characters or unpaired surrogates' }
  }
  const occurredAt = body.occurredAt === undefined ? now.getTime() : Date.parse(body.occurredAt)
  if (Number.isNaN(occurredAt)) return { path: 'body/occurredAt', message: 'is not a valid instant' }
  if (occurredAt > now.getTime() + MAX_FUTURE_MS)
    return { path: 'body/occurredAt', message: 'lies in the future' }
  if (occurredAt < EARLIEST) return { path: 'body/occurredAt', message: 'lies before the year 2000' }
  return undefined
}
