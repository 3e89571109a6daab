// A new workspace with its first admin, content catalog and active agreement. Without an admin it is
// reached first through an API key (automated installs); the admin key can then add users.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { workspaceRepository, type Workspace } from '../db/workspace.repository.ts'
import { userRepository } from '../db/user.repository.ts'
import { contentRepository, type ContentItem } from '../db/content.repository.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { hashPassword } from '../auth/password.ts'
import { parseAgreementInput, type AgreementInput } from './replace-agreement.ts'
import { inTransaction } from '../db/tenant-scope.ts'

export type NewWorkspace = {
  slug: string
  name: string
  timezone?: string
  admin?: { email: string; name: string; password: string }
  agreement: AgreementInput
  content?: ContentItem[]
}

export async function createWorkspace(
  db: Kysely<Database>,
  input: NewWorkspace & Required<Pick<NewWorkspace, 'admin'>>,
  now: Date,
): Promise<{ workspace: Workspace; adminId: string }>
export async function createWorkspace(
  db: Kysely<Database>,
  input: NewWorkspace,
  now: Date,
): Promise<{ workspace: Workspace; adminId: string | null }>
export async function createWorkspace(
  db: Kysely<Database>,
  input: NewWorkspace,
  now: Date,
): Promise<{ workspace: Workspace; adminId: string | null }> {
  const { document, source } = parseAgreementInput(input.agreement)
  const admin = input.admin && { ...input.admin, passwordHash: await hashPassword(input.admin.password) }
  return inTransaction(db, async (trx) => {
    const workspace = await workspaceRepository.insert(trx, input)
    const adminId = admin
      ? await userRepository.insert(trx, workspace.id, {
          email: admin.email,
          name: admin.name,
          role: 'admin',
          passwordHash: admin.passwordHash,
        })
      : null
    await contentRepository.upsert(trx, workspace.id, input.content ?? [])
    await agreementRepository.activateNew(trx, workspace.id, {
      document,
      source,
      createdBy: adminId,
      at: now,
    })
    return { workspace, adminId }
  })
}
