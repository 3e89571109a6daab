// The activated agreement versions of a workspace, compiled once per version and kept across batches.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository, type StoredAgreement } from '../db/agreement.repository.ts'
import { compileAgreement, type CompiledAgreement } from '#core/agreement/compile-agreement.ts'
import type { AgreementVersion } from '#core/lifecycle/replay-lead.ts'
import { DomainError } from '#core/errors.ts'

// Enough for every version in force across many busy workspaces; the least recently used goes first.
const MAX_COMPILED = 64
const compiled = new Map<string, { source: string; agreement: CompiledAgreement }>()

export async function loadAgreementVersions(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<AgreementVersion[]> {
  const stored = await agreementRepository.listActivated(db, workspaceId)
  if (stored.length === 0) {
    throw new DomainError('NO_ACTIVE_AGREEMENT', 'This workspace has no active qualification agreement yet.')
  }
  return stored.map((entry) => ({
    version: entry.version,
    activatedAt: entry.activatedAt!.getTime(),
    agreement: compiledAgreement(workspaceId, entry),
  }))
}

function compiledAgreement(workspaceId: string, entry: StoredAgreement): CompiledAgreement {
  const key = `${workspaceId}:${entry.version}`
  const cached = compiled.get(key)
  compiled.delete(key)
  // A stored version never changes (only its status does), but a version number is reused when the
  // transaction that stored it rolls back, so the source text must match too.
  const fresh =
    cached?.source === entry.source
      ? cached
      : { source: entry.source, agreement: compileAgreement(entry.document) }
  compiled.set(key, fresh)
  if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!)
  return fresh.agreement
}
