import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { credentialRepository } from '../../db/credential.repository.ts'
import { newApiKey } from '../../auth/secret-tokens.ts'
import { HttpProblem } from '../problem.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf, audit } from '../../services/audit.ts'

const Scope = Type.Union([Type.Literal('ingest'), Type.Literal('read'), Type.Literal('admin')])
const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: Scope,
  prefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Timestamp,
  revokedAt: Timestamp,
})
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

export function apiKeysRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api-keys',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['API keys'],
          summary: 'List API keys (never their secrets)',
          response: { 200: Type.Array(ApiKeySchema), ...errors },
        },
      },
      async (request) =>
        (await credentialRepository.listApiKeys(request.db, workspaceOf(request))).map((row) => ({
          id: row.id,
          name: row.name,
          scope: row.scope as 'ingest' | 'read' | 'admin',
          prefix: row.prefix,
          createdAt: row.created_at.toISOString(),
          lastUsedAt: row.last_used_at?.toISOString() ?? null,
          revokedAt: row.revoked_at?.toISOString() ?? null,
        })),
    )

    app.post(
      '/api-keys',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['API keys'],
          summary: 'Create an API key; the secret is shown only in this answer',
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 100 }), scope: Scope },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              id: Type.String(),
              name: Type.String(),
              scope: Scope,
              prefix: Type.String(),
              key: Type.String(),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const principal = request.principal!
        const secret = newApiKey(request.body.scope)
        const created = await credentialRepository.createApiKey(request.db, workspaceOf(request), {
          name: request.body.name,
          scope: request.body.scope,
          hash: secret.hash,
          prefix: secret.prefix,
          createdBy: principal.kind === 'user' ? principal.userId : null,
        })
        await audit(request.db, workspaceOf(request), actorOf(principal), 'api_key.create', created.id, {
          after: { name: created.name, scope: request.body.scope, prefix: created.prefix },
        })
        reply.code(201)
        return {
          id: created.id,
          name: created.name,
          scope: request.body.scope,
          prefix: created.prefix,
          key: secret.key,
        }
      },
    )

    app.delete(
      '/api-keys/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['API keys'],
          summary: 'Revoke an API key',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const revoked = await credentialRepository.revokeApiKey(
          request.db,
          workspaceOf(request),
          request.params.id,
          deps.clock(),
        )
        if (!revoked) throw new HttpProblem('API_KEY_NOT_FOUND', `No active API key ${request.params.id}.`)
        await audit(
          request.db,
          workspaceOf(request),
          actorOf(request.principal),
          'api_key.revoke',
          request.params.id,
        )
        reply.code(204)
        return null
      },
    )
  }
}
