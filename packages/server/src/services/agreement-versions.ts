// The activated agreement versions of a workspace, compiled once per version and kept: versions never change.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { compileAgreement, type CompiledAgreement } from '#core/agreement/compile-agreement.ts'
import type { AgreementVersion } from '#core/lifecycle/replay-lead.ts'
import { DomainError } from '#core/errors.ts'

const compiled = new Map<string, CompiledAgreement>()

export async function loadAgreementVersions(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<AgreementVersion[]> {
  const stored = await agreementRepository.listActivated(db, workspaceId)
  if (stored.length === 0) {
    throw new DomainError('NO_ACTIVE_AGREEMENT', 'This workspace has no active qualification agreement yet.')
  }
  return stored.map((entry) => {
    const key = `${workspaceId}:${entry.version}`
    let agreement = compiled.get(key)
    if (!agreement) compiled.set(key, (agreement = compileAgreement(entry.document)))
    return { version: entry.version, activatedAt: entry.activatedAt!.getTime(), agreement }
  })
}
