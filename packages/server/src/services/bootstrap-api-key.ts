// TAKT_BOOTSTRAP_API_KEY: an admin key with a known value for automated deployments, created once.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { credentialRepository } from '../db/credential.repository.ts'
import { hashSecret } from '../auth/secret-tokens.ts'

export async function ensureBootstrapApiKey(
  db: Kysely<Database>,
  key: string | undefined,
  workspaceSlug = 'demo',
) {
  if (!key) return
  if (await credentialRepository.findApiKey(db, hashSecret(key))) return
  const workspace =
    (await db.selectFrom('workspaces').select('id').where('slug', '=', workspaceSlug).executeTakeFirst()) ??
    (await db.selectFrom('workspaces').select('id').orderBy('created_at').executeTakeFirst())
  if (!workspace) return
  await credentialRepository.createApiKey(db, workspace.id, {
    name: 'bootstrap',
    scope: 'admin',
    hash: hashSecret(key),
    prefix: key.slice(0, 16),
    createdBy: null,
  })
}
