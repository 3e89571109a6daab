// Resolves who is calling (API key or session cookie) and enforces the route's access entry.
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { credentialRepository } from '../db/credential.repository.ts'
import { csrfTokenFor, hashSecret, isSameSecret } from '../auth/secret-tokens.ts'
import { isAllowed, type Access } from './access.ts'
import { HttpProblem } from './problem.ts'
import { withWorkspace } from '../db/tenant-scope.ts'

export const SESSION_COOKIE = 'takt_session'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export type RouteEntry = { method: string; url: string; access: Access }

export function registerAuthentication(app: FastifyInstance, db: Kysely<Database>, clock: () => Date) {
  app.decorateRequest('db', null as unknown as Kysely<Database>)
  const routeTable: RouteEntry[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return
    const access = route.config?.access
    // A route without an access entry is a programming error: refuse to start rather than guess.
    if (access === undefined && route.method !== 'HEAD') {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access entry`)
    }
    if (access === undefined) return
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, access })
    if (access === 'public') return
    // Every signed-in handler runs in one transaction scoped to the caller's workspace (row-level
    // security), and sees the database only as request.db.
    const handler = route.handler
    route.handler = function scopedHandler(request, reply) {
      return withWorkspace(db, workspaceOf(request), async (scoped) => {
        request.db = scoped
        // Handlers return their payload, and Fastify sends it after the commit. A reply sent inside
        // the transaction could reach the client first, and its next request, on another pooled
        // connection, would not yet see the change.
        const send = reply.send
        reply.send = () => {
          throw new Error(`${route.method} ${route.url}: return the payload instead of calling reply.send()`)
        }
        try {
          return await handler.call(this, request, reply)
        } finally {
          reply.send = send
        }
      })
    }
  })
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access
    // Public routes ignore credentials: a stale cookie or a wrong key must not make them fail.
    if (access === undefined || access === 'public') return
    const authorization = request.headers.authorization
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization)
      if (!match)
        throw new HttpProblem('UNAUTHENTICATED', 'The Authorization header must be "Bearer <api key>".')
      const key = await credentialRepository.findApiKey(db, hashSecret(match[1]!))
      if (!key) throw new HttpProblem('UNAUTHENTICATED', 'The API key is unknown or revoked.')
      request.principal = { kind: 'api_key', workspaceId: key.workspace_id, keyId: key.id, scope: key.scope }
      // Most requests of a busy key come within the minute: no round trip for them.
      const now = clock()
      if (key.last_used_at === null || now.getTime() - key.last_used_at.getTime() >= 60_000)
        await credentialRepository.touchApiKey(db, key.workspace_id, key.id, now)
    } else {
      const token = request.cookies[SESSION_COOKIE]
      if (token) {
        const session = await credentialRepository.findSession(db, hashSecret(token), clock())
        if (session && !SAFE_METHODS.has(request.method)) {
          // Cookie-authenticated writes must prove they come from our own pages (double-submit token).
          const given = request.headers[CSRF_HEADER]
          if (typeof given !== 'string' || !isSameSecret(given, csrfTokenFor(token))) {
            throw new HttpProblem(
              'CSRF_TOKEN_INVALID',
              `Send the session's CSRF token in the ${CSRF_HEADER} header.`,
            )
          }
        }
        if (session) {
          request.principal = {
            kind: 'user',
            workspaceId: session.workspace_id,
            userId: session.user_id,
            role: session.role,
            sessionId: session.id,
          }
        }
      }
    }
    if (!request.principal) throw new HttpProblem('UNAUTHENTICATED', 'Sign in or send an API key.')
    if (!isAllowed(access, request.principal)) {
      throw new HttpProblem(
        'FORBIDDEN',
        `This needs "${access}" access, which your role or key does not have.`,
      )
    }
  })
}

/** The caller's workspace; routes behind an access entry other than public always have one. */
export function workspaceOf(request: { principal?: { workspaceId: string } }): string {
  if (!request.principal) throw new HttpProblem('UNAUTHENTICATED', 'Sign in or send an API key.')
  return request.principal.workspaceId
}
