// A new random API key stored by its hash; the key itself is returned once and never stored.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { credentialRepository } from '../db/credential.repository.ts'
import { newApiKey, type ApiKeyScope } from '../auth/secret-tokens.ts'

export async function issueApiKey(
  db: Kysely<Database>,
  workspaceId: string,
  key: { name: string; scope: ApiKeyScope; createdBy?: string | null },
): Promise<string> {
  const secret = newApiKey(key.scope)
  await credentialRepository.createApiKey(db, workspaceId, {
    name: key.name,
    scope: key.scope,
    hash: secret.hash,
    prefix: secret.prefix,
    createdBy: key.createdBy ?? null,
  })
  return secret.key
}
