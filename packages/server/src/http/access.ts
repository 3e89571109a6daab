// Who may call what: one declarative table, enforced for every /api/v1 route in one hook.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { Role } from '../db/user.repository.ts'
import type { ApiKeyScope } from '../auth/secret-tokens.ts'
import type { Principal } from '../auth/principal.ts'

export type Access =
  'public' | 'authenticated' | 'person' | 'ingest' | 'read' | 'work' | 'configure' | 'evaluate' | 'admin'

export const ACCESS_RULES: Readonly<
  Record<Access, { roles: readonly Role[]; scopes: readonly ApiKeyScope[] }>
> = Object.freeze({
  public: { roles: [], scopes: [] },
  authenticated: {
    roles: ['admin', 'marketing', 'sales', 'sales_manager'],
    scopes: ['ingest', 'read', 'admin'],
  },
  // What belongs to a person (their notifications, their preferences), never to an API key.
  person: { roles: ['admin', 'marketing', 'sales', 'sales_manager'], scopes: [] },
  ingest: { roles: ['admin', 'marketing'], scopes: ['ingest', 'admin'] },
  read: { roles: ['admin', 'marketing', 'sales', 'sales_manager'], scopes: ['read', 'admin'] },
  // Lifecycle decisions are sales' to make; marketing never accepts or rejects on sales' behalf.
  work: { roles: ['admin', 'sales', 'sales_manager'], scopes: ['admin'] },
  configure: { roles: ['admin', 'marketing'], scopes: ['admin'] },
  // Trying out a change to the agreement (backtests): both sides that negotiate it, not the reps.
  evaluate: { roles: ['admin', 'marketing', 'sales_manager'], scopes: ['admin'] },
  admin: { roles: ['admin'], scopes: ['admin'] },
})

export type { Principal }

export function isAllowed(access: Access, principal: Principal | undefined): boolean {
  if (access === 'public') return true
  if (!principal) return false
  const rule = ACCESS_RULES[access]
  return principal.kind === 'user'
    ? rule.roles.includes(principal.role)
    : rule.scopes.includes(principal.scope)
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every /api/v1 route with its access entry, in registration order */
    routeTable: Array<{ method: string; url: string; access: Access }>
  }
  interface FastifyContextConfig {
    access?: Access
    /** the handler checks each item of the body itself (event batches) */
    checksItemsItself?: boolean
  }
  interface FastifyRequest {
    principal?: Principal
    /** the database as the caller's workspace sees it (row-level security); set for signed-in routes */
    db: Kysely<Database>
  }
}
