import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { userRepository } from '../../db/user.repository.ts'
import { workspaceRepository } from '../../db/workspace.repository.ts'
import { credentialRepository } from '../../db/credential.repository.ts'
import { csrfTokenFor, newSessionToken } from '../../auth/secret-tokens.ts'
import { audit } from '../../services/audit.ts'
import { verifyAgainstNothing, verifyPassword } from '../../auth/password.ts'
import { clearSignInFailures, recordSignInFailure, signInWaitMs } from '../../auth/sign-in-throttle.ts'
import { HttpProblem } from '../problem.ts'
import { SESSION_COOKIE } from '../authenticate.ts'

const SESSION_HOURS = 12

const MeSchema = Type.Object({
  user: Type.Union([
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      name: Type.String(),
      role: Type.String(),
      locale: Type.String(),
    }),
    Type.Null(),
  ]),
  apiKey: Type.Union([Type.Object({ id: Type.String(), scope: Type.String() }), Type.Null()]),
  workspace: Type.Object({
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    timezone: Type.String({
      description: 'IANA time zone the UI shows dates in and reports count periods and weeks in',
    }),
  }),
  csrfToken: Type.Optional(
    Type.String({ description: 'send as x-csrf-token with every cookie-authenticated write' }),
  ),
})

export function sessionRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/session',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Session'],
          summary: 'Sign in with workspace, e-mail and password; sets an HTTP-only session cookie',
          body: Type.Object(
            {
              workspace: Type.String({ minLength: 1, maxLength: 100 }),
              email: Type.String({ format: 'email', maxLength: 254 }),
              password: Type.String({ minLength: 1, maxLength: 1000 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: MeSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { workspace: slug, email, password } = request.body
        const now = deps.clock()
        const attempt = { workspaceSlug: slug, email, ip: request.ip }
        // Checked before the password: a throttled attempt costs no hashing and reveals nothing.
        const waitMs = await signInWaitMs(deps.db, attempt, now)
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000)
          reply.header('retry-after', String(seconds))
          throw new HttpProblem(
            'TOO_MANY_SIGN_IN_ATTEMPTS',
            `Too many failed sign-ins. Try again in ${seconds} s.`,
            {
              retryAfterSeconds: seconds,
            },
          )
        }
        const user = await userRepository.findForLogin(deps.db, slug, email)
        // Same answer for unknown users and wrong passwords, so accounts cannot be probed.
        const valid = user
          ? await verifyPassword(password, user.password_hash)
          : await verifyAgainstNothing(password)
        if (!user || !valid) {
          await recordSignInFailure(deps.db, attempt, now)
          throw new HttpProblem('INVALID_CREDENTIALS', 'Workspace, e-mail or password is wrong.')
        }
        await clearSignInFailures(deps.db, attempt, now)
        await audit(deps.db, user.workspace_id, { type: 'user', id: user.id }, 'session.sign_in', user.id, {
          after: { ip: request.ip },
        })
        const { token, id } = newSessionToken()
        const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
        await credentialRepository.createSession(deps.db, user.workspace_id, user.id, id, expiresAt)
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          path: '/',
          expires: expiresAt,
        })
        const workspace = (await workspaceRepository.findById(deps.db, user.workspace_id))!
        return {
          user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale },
          apiKey: null,
          workspace,
          csrfToken: csrfTokenFor(token),
        }
      },
    )

    app.delete(
      '/session',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['Session'],
          summary: 'Sign out',
          response: { 204: Type.Null(), 401: ProblemSchema },
        },
      },
      async (request, reply) => {
        const principal = request.principal
        if (principal?.kind === 'user') {
          await credentialRepository.revokeSession(request.db, principal.sessionId, deps.clock())
          await audit(
            request.db,
            principal.workspaceId,
            { type: 'user', id: principal.userId },
            'session.sign_out',
            principal.userId,
          )
        }
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        reply.code(204)
        return null
      },
    )

    app.get(
      '/session',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['Session'], summary: 'Who am I', response: { 200: MeSchema, 401: ProblemSchema } },
      },
      async (request) => {
        const principal = request.principal!
        const workspace = (await workspaceRepository.findById(request.db, principal.workspaceId))!
        if (principal.kind === 'api_key')
          return { user: null, apiKey: { id: principal.keyId, scope: principal.scope }, workspace }
        const user = (await userRepository.list(request.db, principal.workspaceId)).find(
          (candidate) => candidate.id === principal.userId,
        )!
        const token = request.cookies[SESSION_COOKIE]
        return { user, apiKey: null, workspace, ...(token ? { csrfToken: csrfTokenFor(token) } : {}) }
      },
    )
  }
}
