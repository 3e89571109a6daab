// What `takt init` prints and start-up bootstrap logs: one sentence per thing created, found or refused.
// Never the password; a generated API key only where the caller shows it once.
import { assertUnreachable } from '#core/util/assert-unreachable.ts'
import type { InitConflict, InitWorkspaceRequest, InitWorkspaceResult } from './init-workspace.ts'

/** Where a missing password comes from, worded for the command line or for the environment. */
export type PasswordSource = 'cli' | 'env'

export function describeInit(
  result: InitWorkspaceResult,
  request: InitWorkspaceRequest,
  passwordSource: PasswordSource,
): string[] {
  if (!result.ok) return [describeConflict(result.conflict, request, passwordSource)]
  const { workspace } = result
  const lines = [
    result.workspaceCreated
      ? `Created workspace "${workspace.slug}" (${workspace.name}, ${workspace.timezone}) with the starter agreement.`
      : `Workspace "${workspace.slug}" (${workspace.name}, ${workspace.timezone}) exists already; its settings and agreement were left as they are.`,
  ]
  if (result.admin) {
    lines.push(
      result.admin.status === 'created'
        ? `Admin ${result.admin.email} created.`
        : `Admin ${result.admin.email} exists; the password was not changed.`,
    )
  }
  const key = result.apiKey
  if (key?.status === 'created') lines.push(`Admin API key ${key.prefix}… created.`)
  if (key?.status === 'exists') lines.push(`Admin API key ${key.prefix}… exists.`)
  if (key?.status === 'revoked') {
    lines.push(
      `The API key ${key.prefix}… was revoked in this workspace and stays revoked; remove it from the environment.`,
    )
  }
  if (key?.status === 'not_created') {
    lines.push(
      'No new API key: the workspace existed already (admins create keys under Settings → API keys).',
    )
  }
  if (!result.changed) lines.push('Nothing changed.')
  return lines
}

function describeConflict(
  conflict: InitConflict,
  request: InitWorkspaceRequest,
  source: PasswordSource,
): string {
  const slug = request.slug
  const email = request.admin?.email.toLowerCase()
  const unchanged = 'Nothing was changed.'
  switch (conflict.code) {
    case 'OTHER_ADMINS':
      return `Workspace "${slug}" exists with other admins (${conflict.admins.join(', ')}); ${email} is not one of them. ${unchanged} Choose another workspace slug, or sign in as one of its admins to add users.`
    case 'NOT_AN_ACTIVE_ADMIN':
      return `${email} is ${conflict.disabled ? 'a disabled' : 'a'} ${conflict.role} user of workspace "${slug}", not an active admin. ${unchanged}`
    case 'PASSWORD_REQUIRED':
      return `Creating the admin ${email} of workspace "${slug}" needs a password (${source === 'cli' ? '--admin-password-file, or TAKT_BOOTSTRAP_ADMIN_PASSWORD' : 'TAKT_BOOTSTRAP_ADMIN_PASSWORD'}). ${unchanged}`
    case 'API_KEY_OF_OTHER_WORKSPACE':
      return `The API key TAKT_BOOTSTRAP_API_KEY belongs to workspace "${conflict.workspace}", not "${slug}". ${unchanged}`
    default:
      return assertUnreachable(conflict)
  }
}
