// First start without the demo: the TAKT_BOOTSTRAP_* variables create the workspace, its first admin
// and an admin key with a known value, once. Every start says in the log what it created or found, and
// why it created nothing, so a production install never ends up silently unusable.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { BootstrapConfig } from '../config/load-config.ts'
import { initWorkspace, type InitWorkspaceRequest, type InitWorkspaceResult } from './init-workspace.ts'
import { describeInit } from './describe-init.ts'

export const DEFAULT_TIMEZONE = 'Europe/Berlin'
export const DEFAULT_ADMIN_NAME = 'Admin'

type Log = {
  info: (message: string) => void
  warn: (message: string) => void
  error: (message: string) => void
}

/** What the bootstrap values ask for, with the defaults `takt init` and start-up share. */
export function bootstrapRequest(
  bootstrap: BootstrapConfig,
  apiKey: InitWorkspaceRequest['apiKey'],
  defaultSlug: string,
): InitWorkspaceRequest {
  const slug = bootstrap.workspace ?? defaultSlug
  const admin = bootstrap.admin
  return {
    slug,
    name: bootstrap.workspaceName ?? slug,
    timezone: bootstrap.timezone ?? DEFAULT_TIMEZONE,
    ...(admin
      ? { admin: { email: admin.email, name: admin.name ?? DEFAULT_ADMIN_NAME, password: admin.password } }
      : {}),
    ...(apiKey ? { apiKey } : {}),
  }
}

export async function ensureBootstrapWorkspace(
  db: Kysely<Database>,
  config: { bootstrap: BootstrapConfig; bootstrapApiKey: string | undefined },
  options: { defaultSlug: string; now: Date; log: Log },
): Promise<InitWorkspaceResult | undefined> {
  const { bootstrap, bootstrapApiKey } = config
  if (!bootstrap.admin && !bootstrapApiKey) {
    if (bootstrap.workspace || bootstrap.workspaceName || bootstrap.timezone) {
      options.log.warn(
        'Bootstrap: TAKT_BOOTSTRAP_WORKSPACE… is set, but neither TAKT_BOOTSTRAP_ADMIN_EMAIL nor TAKT_BOOTSTRAP_API_KEY: nothing to create.',
      )
    }
    return undefined
  }
  const request = bootstrapRequest(
    bootstrap,
    bootstrapApiKey ? { value: bootstrapApiKey } : undefined,
    options.defaultSlug,
  )
  const result = await initWorkspace(db, request, options.now)
  // A workspace that exists keeps working whatever the variables say; an install with nothing in it cannot be used.
  const level = !result.ok
    ? result.workspace
      ? 'warn'
      : 'error'
    : result.apiKey?.status === 'revoked'
      ? 'warn'
      : 'info'
  options.log[level](`Bootstrap: ${describeInit(result, request, 'env').join(' ')}`)
  return result
}
