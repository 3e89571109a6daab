// Agreement governance over HTTP: drafts, proposals, approvals by marketing and sales, activation,
// and the workspace's choice to let one party activate alone. Handlers parse, call and present.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Kysely } from 'kysely'
import type { AppDeps } from '../app-deps.ts'
import { DateTime, Nullable, ProblemSchema } from '../schemas/common.schema.ts'
import { AgreementIssueSchema } from '../schemas/agreement-issue.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import type { Database } from '../../db/tables.ts'
import { userAdminRepository } from '../../db/user.repository.ts'
import type { AgreementReview } from '../../db/agreement-review.repository.ts'
import { agreementReviewRepository } from '../../db/agreement-review.repository.ts'
import { actorOf } from '../../services/audit.ts'
import {
  activateVersion,
  approveVersion,
  createDraft,
  describeVersion,
  governanceCallerOf,
  listReviews,
  proposeVersion,
  requestChanges,
  setSinglePartyActivation,
  updateDraft,
  withdrawVersion,
  type DraftText,
  type GovernedVersion,
} from '../../services/agreement-governance.ts'

const Side = Type.Union([Type.Literal('marketing'), Type.Literal('sales')])
const Comment = Type.String({ maxLength: 4000 })

const ApprovalSchema = Nullable(
  Type.Object({ userId: Nullable(Type.String()), at: DateTime, comment: Nullable(Type.String()) }),
)

const GovernedVersionSchema = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  status: Type.Union([
    Type.Literal('draft'),
    Type.Literal('proposed'),
    Type.Literal('approved'),
    Type.Literal('active'),
    Type.Literal('retired'),
    Type.Literal('withdrawn'),
  ]),
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
  activatedAt: Nullable(DateTime),
  source: Type.String({ description: 'the text as written' }),
  errors: Type.Array(AgreementIssueSchema, {
    description: 'why it cannot be proposed yet, located as by POST /agreement/validate; empty when valid',
  }),
  approvals: Type.Object(
    { marketing: ApprovalSchema, sales: ApprovalSchema },
    { description: 'the approvals given since the version was last proposed' },
  ),
  missing: Type.Array(Side, { description: 'the sides whose approval activation still needs' }),
})

const ReviewSchema = Type.Object({
  id: Type.Integer(),
  action: Type.String({
    description: 'drafted, edited, proposed, approved, changes_requested, withdrawn, activated or retired',
  }),
  actorId: Nullable(Type.String({ description: 'null for an API key' })),
  actorName: Nullable(Type.String()),
  side: Nullable(Side),
  comment: Nullable(Type.String()),
  at: DateTime,
})

const TextBody = Type.Object(
  {
    source: Type.String({ minLength: 1, description: 'the agreement as YAML or JSON text' }),
    format: Type.Optional(
      Type.Union([Type.Literal('yaml'), Type.Literal('json')], { description: 'yaml unless given' }),
    ),
  },
  { additionalProperties: false },
)
const YamlBody = Type.String({ description: 'YAML (Content-Type: application/yaml or text/yaml)' })
const CopyBody = Type.Object(
  { copyOf: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'the version to start from' }) },
  { additionalProperties: false },
)

const Params = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) })
const StepBody = Type.Object({ comment: Type.Optional(Comment) }, { additionalProperties: false })
const GovernanceSettings = Type.Object(
  {
    singlePartyActivation: Type.Boolean({
      description: 'one party may activate a draft or proposal without the other side’s approval',
    }),
  },
  { additionalProperties: false },
)

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }
const stepErrors = { ...errors, 409: ProblemSchema, 422: ProblemSchema }

export function agreementVersionsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // A step's comment is optional, and so is its body: a bare POST is a step without comment.
    app.addHook('preValidation', async (request) => {
      if (request.method === 'POST' && request.body === undefined) request.body = {}
    })

    app.get(
      '/agreement/versions/:version/reviews',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'A version’s governance: its state, approvals and every step with its comment',
          params: Params,
          response: {
            200: Type.Object({ version: GovernedVersionSchema, items: Type.Array(ReviewSchema) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const reviews = await listReviews(request.db, workspaceId, request.params.version)
        const names = await userNames(request.db, workspaceId)
        return {
          version: present(await describeVersion(request.db, workspaceId, request.params.version)),
          items: reviews.map((review) => presentReview(review, names)),
        }
      },
    )

    app.post(
      '/agreement/drafts',
      {
        config: { access: 'configure' },
        schema: {
          tags: ['Agreement'],
          summary: 'Save a draft from a text or as a copy of a version',
          description:
            'An invalid draft is saved with its errors; it cannot be proposed until they are fixed.',
          body: Type.Union([TextBody, CopyBody, YamlBody]),
          consumes: ['application/json', 'application/yaml', 'text/yaml'],
          response: { 201: GovernedVersionSchema, ...stepErrors },
        },
      },
      async (request, reply) => {
        const body = request.body
        const input = typeof body === 'object' && 'copyOf' in body ? { copyOf: body.copyOf } : toText(body)
        const caller = governanceCallerOf(request.principal!)
        const created = await createDraft(request.db, workspaceOf(request), caller, input, deps.clock())
        reply.code(201)
        return present(created)
      },
    )

    app.put(
      '/agreement/versions/:version',
      {
        config: { access: 'configure' },
        schema: {
          tags: ['Agreement'],
          summary: 'Replace a draft’s text',
          description: 'Only a draft changes; a proposed or approved version is frozen (409).',
          params: Params,
          body: Type.Union([TextBody, YamlBody]),
          consumes: ['application/json', 'application/yaml', 'text/yaml'],
          response: { 200: GovernedVersionSchema, ...stepErrors },
        },
      },
      async (request) =>
        present(
          await updateDraft(
            request.db,
            workspaceOf(request),
            governanceCallerOf(request.principal!),
            request.params.version,
            toText(request.body),
            deps.clock(),
          ),
        ),
    )

    const steps = [
      [
        'propose',
        'configure',
        'Propose a valid draft; it is frozen until approved, sent back or withdrawn',
        proposeVersion,
      ],
      [
        'withdraw',
        'configure',
        'Withdraw a version that is not in force (its author or an admin)',
        withdrawVersion,
      ],
      [
        'activate',
        'configure',
        'Put an approved version in force; the active one is retired and every lead re-scored',
        activateVersion,
      ],
    ] as const
    for (const [name, access, summary, run] of steps) {
      app.post(
        `/agreement/versions/:version/${name}`,
        {
          config: { access },
          schema: {
            tags: ['Agreement'],
            summary,
            params: Params,
            body: StepBody,
            response: { 200: GovernedVersionSchema, ...stepErrors },
          },
        },
        async (request) =>
          present(
            await run(
              request.db,
              workspaceOf(request),
              governanceCallerOf(request.principal!),
              request.params.version,
              request.body?.comment ?? null,
              deps.clock(),
            ),
          ),
      )
    }

    app.post(
      '/agreement/versions/:version/approve',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Agreement'],
          summary: 'Approve a proposal for marketing or for sales',
          description:
            'Marketing approves as a marketing user; sales as a sales manager or a rep who leads a team. ' +
            'An admin names the side. One person approves for one side only.',
          params: Params,
          body: Type.Object(
            { comment: Type.Optional(Comment), side: Type.Optional(Side) },
            { additionalProperties: false },
          ),
          response: { 200: GovernedVersionSchema, ...stepErrors },
        },
      },
      async (request) =>
        present(
          await approveVersion(
            request.db,
            workspaceOf(request),
            governanceCallerOf(request.principal!),
            request.params.version,
            { comment: request.body?.comment ?? null, side: request.body?.side },
            deps.clock(),
          ),
        ),
    )

    app.post(
      '/agreement/versions/:version/request-changes',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Agreement'],
          summary: 'Send a proposal back to draft, saying what should change',
          params: Params,
          body: Type.Object(
            { comment: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }) },
            { additionalProperties: false },
          ),
          response: { 200: GovernedVersionSchema, ...stepErrors },
        },
      },
      async (request) =>
        present(
          await requestChanges(
            request.db,
            workspaceOf(request),
            governanceCallerOf(request.principal!),
            request.params.version,
            request.body.comment,
            deps.clock(),
          ),
        ),
    )

    app.get(
      '/settings/governance',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'How agreement versions are approved in this workspace',
          response: { 200: GovernanceSettings, ...errors },
        },
      },
      async (request) => ({
        singlePartyActivation: await agreementReviewRepository.allowsSinglePartyActivation(
          request.db,
          workspaceOf(request),
        ),
      }),
    )

    app.put(
      '/settings/governance',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Agreement'],
          summary: 'Allow or forbid activation by one party alone (off by default)',
          body: GovernanceSettings,
          response: { 200: GovernanceSettings, ...errors },
        },
      },
      async (request) => ({
        singlePartyActivation: await setSinglePartyActivation(
          request.db,
          workspaceOf(request),
          actorOf(request.principal),
          request.body.singlePartyActivation,
        ),
      }),
    )
  }
}

function toText(body: string | { source: string; format?: 'yaml' | 'json' }): DraftText {
  return typeof body === 'string'
    ? { text: body, format: 'yaml' }
    : { text: body.source, format: body.format ?? 'yaml' }
}

async function userNames(db: Kysely<Database>, workspaceId: string) {
  const users = await userAdminRepository.listDetailed(db, workspaceId)
  return new Map(users.map((user) => [user.id, user.name]))
}

function present({ stored, errors, approvals, missing }: GovernedVersion) {
  const approval = (review: AgreementReview | null) =>
    review && { userId: review.actorId, at: review.at.toISOString(), comment: review.comment }
  return {
    version: stored.version,
    name: stored.name,
    status: stored.status,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt.toISOString(),
    activatedAt: stored.activatedAt?.toISOString() ?? null,
    source: stored.source,
    errors,
    approvals: { marketing: approval(approvals.marketing), sales: approval(approvals.sales) },
    missing,
  }
}

function presentReview(review: AgreementReview, names: ReadonlyMap<string, string>) {
  return {
    id: review.id,
    action: review.action,
    actorId: review.actorId,
    actorName: review.actorId ? (names.get(review.actorId) ?? null) : null,
    side: review.side,
    comment: review.comment,
    at: review.at.toISOString(),
  }
}
