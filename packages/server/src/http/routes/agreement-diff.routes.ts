import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Nullable, ProblemSchema } from '../schemas/common.schema.ts'
import { agreementRepository, type StoredAgreement } from '../../db/agreement.repository.ts'
import { AGREEMENT_CHANGE_KINDS, AGREEMENT_SECTIONS, diffAgreements } from '#core/agreement/agreement-diff.ts'
import { DomainError } from '#core/errors.ts'
import { validateAgreement } from '#core/agreement/parse-agreement.ts'
import { workspaceOf } from '../authenticate.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { AppDeps } from '../app-deps.ts'
import { previewActivation } from '../../services/agreement-activation-preview.ts'

const AgreementChangeSchema = Type.Object({
  kind: Type.Enum(AGREEMENT_CHANGE_KINDS),
  section: Type.Enum(AGREEMENT_SECTIONS),
  subject: Nullable(
    Type.String({ description: 'the rule, lane, team, reason, … id; null: the section itself' }),
  ),
  field: Nullable(
    Type.String({ description: 'the changed key inside the subject, e.g. points, engagement.gte' }),
  ),
  before: Type.Optional(Type.Unknown({ description: 'absent: not set before (e.g. an added rule)' })),
  after: Type.Optional(Type.Unknown({ description: 'absent: not set any more (e.g. a removed rule)' })),
  text: Type.Object(
    { de: Type.String(), en: Type.String() },
    { description: 'the change in one sentence per UI language' },
  ),
})

const AgreementDiffSchema = Type.Object({
  from: Type.Object({ version: Type.Integer() }),
  to: Type.Object({ version: Type.Integer() }),
  changes: Type.Array(AgreementChangeSchema),
})

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

const Stage = Type.String({ description: 'a lifecycle stage' })
const ActivationPreviewSchema = Type.Object({
  version: Type.Integer(),
  activeVersion: Type.Integer(),
  leads: Type.Integer({ description: 'every lead of the workspace, looked at' }),
  becomeMql: Type.Integer(),
  leaveMql: Type.Integer(),
  examples: Type.Array(
    Type.Object({
      leadId: Type.String(),
      name: Nullable(Type.String()),
      email: Type.String(),
      company: Nullable(Type.String()),
      from: Stage,
      to: Stage,
    }),
    { description: 'up to 10 leads whose stage changes, those becoming MQL first' },
  ),
  perRep: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      team: Nullable(Type.String({ description: 'the id of the rep’s team in the routing' })),
      openNow: Type.Integer({ description: 'open MQL + SAL leads the rep would hold before the hand-off' }),
      added: Type.Integer({ description: 'new MQLs routing would hand the rep' }),
      capacity: Nullable(Type.Integer()),
    }),
  ),
  unrouted: Type.Integer({ description: 'MQLs that would wait in a team queue or match no territory' }),
})

export function agreementDiffRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/agreement/versions/:version/diff',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'What a version changes compared with another',
          description:
            'The changes from `against` (default: the active version) to `version`, section by section: ' +
            'rules, thresholds, lanes, reasons, routing, SLA and more, as data and in German and English.',
          params: Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
          querystring: Type.Object({
            against: Type.Optional(
              Type.String({
                pattern: '^(active|[1-9][0-9]{0,6})$',
                description: 'a version number, or `active` (when not given)',
              }),
            ),
          }),
          response: { 200: AgreementDiffSchema, ...errors, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const to = await findVersion(request.db, workspaceId, request.params.version)
        const from = await findAgainst(request.db, workspaceId, request.query.against ?? 'active')
        return {
          from: { version: from.version },
          to: { version: to.version },
          changes: diffAgreements(from.document, to.document),
        }
      },
    )

    app.get(
      '/agreement/versions/:version/activation-preview',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'What activating a version would change now, without changing anything',
          description:
            'Every lead folded on with the version in force from now, as activation does: the leads that ' +
            'would become MQL at once or stop being MQL, and the load each rep would get when those MQLs ' +
            'are handed out as routing would do now. Reads only. 409 for a version that cannot be ' +
            'activated (active, retired, withdrawn), 422 for a draft that does not validate.',
          params: Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
          response: { 200: ActivationPreviewSchema, ...errors, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request) =>
        previewActivation(request.db, workspaceOf(request), request.params.version, deps.clock()),
    )
  }
}

async function findVersion(db: Kysely<Database>, workspaceId: string, version: number) {
  const stored = await agreementRepository.find(db, workspaceId, version)
  if (!stored) throw new DomainError('AGREEMENT_NOT_FOUND', `No agreement version ${version}.`)
  // A draft may be saved before it validates; there is nothing to compare in it yet.
  const checked = validateAgreement(stored.document)
  if (!checked.ok) {
    throw new DomainError(
      'AGREEMENT_INVALID',
      `Version ${version} is a draft that does not validate yet; fix it to see what it changes.`,
      { errors: checked.errors },
    )
  }
  return stored
}

async function findAgainst(
  db: Kysely<Database>,
  workspaceId: string,
  against: string,
): Promise<StoredAgreement> {
  if (against !== 'active') return findVersion(db, workspaceId, Number(against))
  const active = await agreementRepository.findActive(db, workspaceId)
  if (!active) throw new DomainError('NO_ACTIVE_AGREEMENT', 'This workspace has no active agreement.')
  return active
}
