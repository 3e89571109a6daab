// A production install's first workspace: created with the starter agreement, its first admin and an
// admin API key, or found with them already, so `takt init` and start-up bootstrap can run every time.
// Anything that contradicts the request (another admin, a key of another workspace) is reported as a
// conflict and nothing is changed.
import assert from 'node:assert/strict'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { workspaceRepository, type Workspace } from '../db/workspace.repository.ts'
import { userRepository, type Role } from '../db/user.repository.ts'
import { credentialRepository } from '../db/credential.repository.ts'
import { hashPassword } from '../auth/password.ts'
import { hashSecret, newApiKey } from '../auth/secret-tokens.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { isWorkspaceSlug } from '#core/workspace/workspace-slug.ts'
import { createWorkspace } from './create-workspace.ts'
import { starterAgreementText } from './starter-agreement.ts'
import { audit } from './audit.ts'

export type InitWorkspaceRequest = {
  slug: string
  name: string
  timezone: string
  /** The password is needed only when the admin has to be created. */
  admin?: { email: string; name: string; password?: string | undefined }
  /** A key with a value the operator chose (TAKT_BOOTSTRAP_API_KEY), or a random one when the workspace is new. */
  apiKey?: { value: string } | { generate: true }
}

export type InitConflict =
  | { code: 'OTHER_ADMINS'; admins: string[] }
  | { code: 'NOT_AN_ACTIVE_ADMIN'; role: Role; disabled: boolean }
  | { code: 'PASSWORD_REQUIRED' }
  | { code: 'API_KEY_OF_OTHER_WORKSPACE'; workspace: string }

export type InitWorkspaceReport = {
  workspace: Workspace
  workspaceCreated: boolean
  admin?: { email: string; status: 'created' | 'exists' }
  /** `key` only for a generated key: it is shown once and never stored. */
  apiKey?: { status: 'created' | 'exists' | 'revoked' | 'not_created'; prefix: string; key?: string }
}

export type InitWorkspaceResult =
  | ({ ok: true; changed: boolean } & InitWorkspaceReport)
  | { ok: false; conflict: InitConflict; workspace: Workspace | undefined }

// Instances starting together, or `takt init` run while a server starts, take turns: the second one
// finds what the first created. The unique slug would stop a duplicate anyway, but with an error.
const INIT_LOCK = 7_340_111_021n
const SYSTEM = { type: 'system', id: null } as const
// The prefix names a key in lists and logs. A generated key shows 16 of its 43 characters; a chosen one
// may be as short as 24, so it shows 8, leaving the rest secret.
const CHOSEN_KEY_PREFIX = 8

export async function initWorkspace(
  db: Kysely<Database>,
  request: InitWorkspaceRequest,
  now: Date,
): Promise<InitWorkspaceResult> {
  assert.ok(isWorkspaceSlug(request.slug), `not a workspace slug: ${request.slug}`)
  assert.ok(request.admin || request.apiKey, 'initWorkspace needs an admin or an API key to create')
  const agreement = await starterAgreementText({
    timezone: request.timezone,
    ...(request.admin ? { teamLead: request.admin.email.toLowerCase() } : {}),
  })
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(INIT_LOCK)})`.execute(trx)
    const existing = await workspaceRepository.findBySlug(trx, request.slug)
    const key =
      request.apiKey && 'value' in request.apiKey ? await findKey(trx, request.apiKey.value) : undefined
    if (key && key.workspace.id !== existing?.id) {
      return conflict({ code: 'API_KEY_OF_OTHER_WORKSPACE', workspace: key.workspace.slug }, existing)
    }
    const admin = existing ? await checkAdmin(trx, existing, request.admin) : { create: request.admin }
    if ('conflict' in admin) return conflict(admin.conflict, existing)
    if (admin.create && admin.create.password === undefined)
      return conflict({ code: 'PASSWORD_REQUIRED' }, existing)

    const newAdmin = admin.create && { ...admin.create, password: admin.create.password! }
    let workspace = existing
    let adminId: string | null = null
    if (!workspace) {
      const { slug, name, timezone } = request
      const agreementInput = { text: agreement, format: 'yaml' } as const
      const created = await createWorkspace(
        trx,
        { slug, name, timezone, agreement: agreementInput, ...(newAdmin ? { admin: newAdmin } : {}) },
        now,
      )
      workspace = created.workspace
      adminId = created.adminId
    } else if (newAdmin) {
      adminId = await userRepository.insert(trx, workspace.id, {
        email: newAdmin.email,
        name: newAdmin.name,
        role: 'admin',
        passwordHash: await hashPassword(newAdmin.password),
      })
    }
    if (adminId && newAdmin) {
      await audit(trx, workspace.id, SYSTEM, 'user.create', adminId, {
        after: { email: newAdmin.email.toLowerCase(), name: newAdmin.name, role: 'admin' },
      })
    }
    const apiKey = await ensureApiKey(trx, workspace, request.apiKey, key, {
      workspaceCreated: !existing,
      adminId,
    })
    const report: InitWorkspaceReport = {
      workspace,
      workspaceCreated: !existing,
      ...(request.admin
        ? { admin: { email: request.admin.email.toLowerCase(), status: newAdmin ? 'created' : 'exists' } }
        : {}),
      ...(apiKey ? { apiKey } : {}),
    }
    const changed = !existing || newAdmin !== undefined || apiKey?.status === 'created'
    return { ok: true, changed, ...report }
  })
}

function conflict(code: InitConflict, workspace: Workspace | undefined): InitWorkspaceResult {
  return { ok: false, conflict: code, workspace }
}

// In an existing workspace, the requested admin must be one of its active admins, or the workspace must
// have none yet (it was created with an API key only): otherwise the request names someone else's workspace.
async function checkAdmin(
  db: Kysely<Database>,
  workspace: Workspace,
  admin: InitWorkspaceRequest['admin'],
): Promise<{ create: InitWorkspaceRequest['admin'] } | { conflict: InitConflict }> {
  if (!admin) return { create: undefined }
  const users = await db
    .selectFrom('users')
    .select(['email', 'role', 'disabled_at'])
    .where('workspace_id', '=', workspace.id)
    .execute()
  const same = users.find((user) => user.email === admin.email.toLowerCase())
  if (same && same.role === 'admin' && same.disabled_at === null) return { create: undefined }
  if (same) {
    return {
      conflict: { code: 'NOT_AN_ACTIVE_ADMIN', role: same.role as Role, disabled: same.disabled_at !== null },
    }
  }
  const admins = users
    .filter((user) => user.role === 'admin' && user.disabled_at === null)
    .map((user) => user.email)
  return admins.length > 0 ? { conflict: { code: 'OTHER_ADMINS', admins } } : { create: admin }
}

// Revoked keys count too: a key an admin revoked must not come back to life because it is still in a
// deployment's environment. The schema keeps a hash unique per workspace only (migration 0013), so this
// check, under the bootstrap's advisory lock, is what keeps a chosen key out of a second workspace.
async function findKey(db: Kysely<Database>, value: string) {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('workspaces', 'workspaces.id', 'api_keys.workspace_id')
    .select(['workspaces.id', 'workspaces.slug', 'api_keys.prefix', 'api_keys.revoked_at'])
    .where('api_keys.key_hash', '=', hashSecret(value))
    .executeTakeFirst()
  return (
    row && { workspace: { id: row.id, slug: row.slug }, prefix: row.prefix, revoked: row.revoked_at !== null }
  )
}

async function ensureApiKey(
  db: Kysely<Database>,
  workspace: Workspace,
  request: InitWorkspaceRequest['apiKey'],
  existing: Awaited<ReturnType<typeof findKey>>,
  context: { workspaceCreated: boolean; adminId: string | null },
): Promise<InitWorkspaceReport['apiKey']> {
  if (!request) return undefined
  if (existing) return { status: existing.revoked ? 'revoked' : 'exists', prefix: existing.prefix }
  // A generated key is shown once, so a second run could only add another one nobody asked for.
  if ('generate' in request && !context.workspaceCreated) return { status: 'not_created', prefix: '' }
  const secret =
    'value' in request
      ? {
          key: request.value,
          prefix: request.value.slice(0, CHOSEN_KEY_PREFIX),
          hash: hashSecret(request.value),
        }
      : newApiKey('admin')
  const name = 'value' in request ? 'bootstrap' : 'takt init'
  const created = await credentialRepository.createApiKey(db, workspace.id, {
    name,
    scope: 'admin',
    hash: secret.hash,
    prefix: secret.prefix,
    createdBy: context.adminId,
  })
  await audit(db, workspace.id, SYSTEM, 'api_key.create', created.id, {
    after: { name, scope: 'admin', prefix: created.prefix },
  })
  return { status: 'created', prefix: created.prefix, ...('generate' in request ? { key: secret.key } : {}) }
}
