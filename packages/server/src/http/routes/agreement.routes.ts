import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { AgreementIssueSchema } from '../schemas/agreement-issue.schema.ts'
import { agreementRepository, type StoredAgreement } from '../../db/agreement.repository.ts'
import {
  parseAgreementInput,
  replaceAgreement,
  type AgreementInput,
} from '../../services/replace-agreement.ts'
import { agreementJsonSchema, parseAgreement, validateAgreement } from '#core/agreement/parse-agreement.ts'
import { DomainError } from '#core/errors.ts'
import { localizedText } from '#core/explanation/explanation.ts'
import { requireSinglePartyReplacement } from '../../services/agreement-activation.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf, audit } from '../../services/audit.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { userAdminRepository } from '../../db/user.repository.ts'

const AgreementVersionSchema = Type.Object({
  version: Type.Integer(),
  name: Type.String({
    description: 'the agreement’s name; in English where it is written in both languages',
  }),
  nameLabel: Type.Object(
    { de: Type.String(), en: Type.String() },
    { description: 'the name in both UI languages (labels for codes are in `document.labels`)' },
  ),
  status: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdByName: Type.Union([Type.String(), Type.Null()], {
    description: 'null when made by the system or an API key',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  activatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  source: Type.String({ description: 'the document as written (YAML)' }),
  document: Type.Object({}, { additionalProperties: true }),
})

const AgreementBody = Type.Union([
  Type.String({ description: 'YAML (Content-Type: application/yaml or text/yaml)' }),
  Type.Object({}, { additionalProperties: true, description: 'the agreement as JSON' }),
])

const ValidationResultSchema = Type.Object({
  valid: Type.Boolean(),
  errors: Type.Array(AgreementIssueSchema),
})

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

export function agreementRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/agreement/schema',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Agreement'],
          summary: 'The JSON Schema of the agreement language',
          response: {
            200: Type.Object(
              {},
              { additionalProperties: true, description: 'a JSON Schema (draft 2020-12)' },
            ),
          },
        },
      },
      async (_request, reply) => reply.type('application/schema+json').send(agreementJsonSchema()),
    )

    app.get(
      '/agreement',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'The active agreement',
          response: { 200: AgreementVersionSchema, ...errors },
        },
      },
      async (request) => {
        const active = await agreementRepository.findActive(request.db, workspaceOf(request))
        if (!active) throw new DomainError('NO_ACTIVE_AGREEMENT', 'This workspace has no active agreement.')
        return present(active, await authorNames(request.db, workspaceOf(request)))
      },
    )

    app.get(
      '/agreement/versions',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'All versions, newest first',
          response: { 200: Type.Array(AgreementVersionSchema), ...errors },
        },
      },
      async (request) => {
        const names = await authorNames(request.db, workspaceOf(request))
        return (await agreementRepository.list(request.db, workspaceOf(request))).map((stored) =>
          present(stored, names),
        )
      },
    )

    app.get(
      '/agreement/versions/:version',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'One version',
          params: Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
          response: { 200: AgreementVersionSchema, ...errors },
        },
      },
      async (request) => {
        const stored = await agreementRepository.find(
          request.db,
          workspaceOf(request),
          request.params.version,
        )
        if (!stored)
          throw new DomainError('AGREEMENT_NOT_FOUND', `No agreement version ${request.params.version}.`)
        return present(stored, await authorNames(request.db, workspaceOf(request)))
      },
    )

    app.post(
      '/agreement/validate',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Agreement'],
          summary: 'Check a draft without saving it',
          description: 'Every error is located by JSON pointer and, for YAML, line and column.',
          body: AgreementBody,
          consumes: ['application/yaml', 'text/yaml', 'application/json'],
          response: { 200: ValidationResultSchema, ...errors },
        },
      },
      async (request) => {
        const input = toInput(request.body)
        const result =
          'text' in input ? parseAgreement(input.text, input.format) : validateAgreement(input.document)
        return result.ok ? { valid: true, errors: [] } : { valid: false, errors: result.errors }
      },
    )

    app.put(
      '/agreement',
      {
        config: { access: 'configure' },
        schema: {
          tags: ['Agreement'],
          summary: 'Replace the active agreement with a new version, where one party may decide alone',
          description:
            'Validated as a whole first; an invalid agreement is rejected with every error (422) and nothing ' +
            'changes. Replacing an active agreement skips the approvals: refused (409 APPROVAL_MISSING) unless ' +
            'the workspace allows single-party activation, and then audited as such. Otherwise save a draft ' +
            'and have it approved (POST /agreement/drafts).',
          body: AgreementBody,
          consumes: ['application/yaml', 'text/yaml', 'application/json'],
          response: { 200: AgreementVersionSchema, ...errors, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request) => {
        const principal = request.principal!
        const createdBy = principal.kind === 'user' ? principal.userId : null
        const workspaceId = workspaceOf(request)
        const before = await agreementRepository.findActive(request.db, workspaceId)
        const input = toInput(request.body)
        // An invalid text is told as such (422) whether or not this workspace lets one party decide.
        if (before) {
          parseAgreementInput(input)
          await requireSinglePartyReplacement(request.db, workspaceId)
        }
        const stored = await replaceAgreement(request.db, workspaceId, input, createdBy, deps.clock())
        await audit(
          request.db,
          workspaceId,
          actorOf(principal),
          before ? 'agreement.activated.single_party' : 'agreement.replace',
          `version ${stored.version}`,
          {
            before: before ? { version: before.version, source: before.source } : null,
            after: { version: stored.version, source: stored.source },
          },
        )
        return present(stored, await authorNames(request.db, workspaceOf(request)))
      },
    )
  }
}

function toInput(body: unknown): AgreementInput {
  return typeof body === 'string' ? { text: body, format: 'yaml' } : { document: body }
}

/** Names of the people who wrote versions, for showing authors to everyone (the users list is admin-only). */
async function authorNames(db: Kysely<Database>, workspaceId: string) {
  const users = await userAdminRepository.listDetailed(db, workspaceId)
  return new Map(users.map((user) => [user.id, user.name]))
}

function present(stored: StoredAgreement, names: ReadonlyMap<string, string>) {
  return {
    version: stored.version,
    name: stored.name,
    nameLabel: localizedText(stored.document.name, stored.name),
    status: stored.status,
    createdBy: stored.createdBy,
    createdByName: stored.createdBy ? (names.get(stored.createdBy) ?? null) : null,
    createdAt: stored.createdAt.toISOString(),
    activatedAt: stored.activatedAt?.toISOString() ?? null,
    source: stored.source,
    document: stored.document,
  }
}
