// The two versions a backtest compares, each as a timeline of its own: the version alone, in force
// since the epoch, so the whole recorded history is judged by it and by nothing else.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'
import { compileAgreement } from '#core/agreement/compile-agreement.ts'
import { validateAgreement } from '#core/agreement/parse-agreement.ts'
import { DomainError } from '#core/errors.ts'
import type { AgreementVersion } from '#core/lifecycle/replay-lead.ts'

export type ComparedVersion = {
  /** the stored version number; null for a document that is not stored (a file) */
  version: number | null
  document: AgreementDocument
  timeline: AgreementVersion[]
}

// Version numbers are PostgreSQL integers: anything else cannot name a stored version.
const MAX_VERSION = 2_147_483_647

/** The candidate: a stored version in any status (a proposal, a draft), or a document not stored yet. */
export async function loadCandidate(
  db: Kysely<Database>,
  workspaceId: string,
  candidate: { version: number } | { document: AgreementDocument },
): Promise<ComparedVersion> {
  if ('document' in candidate) {
    // Validation may fill in defaults: the caller's object stays as it was.
    return comparedVersion(null, structuredClone(candidate.document), 'candidate.document')
  }
  return loadStored(db, workspaceId, candidate.version, 'candidate.version')
}

/** The baseline: the active version, or a stored version by number. */
export async function loadBaseline(
  db: Kysely<Database>,
  workspaceId: string,
  against: 'active' | number,
): Promise<ComparedVersion> {
  if (against !== 'active') return loadStored(db, workspaceId, against, 'against')
  const active = await agreementRepository.findActive(db, workspaceId)
  if (!active) {
    throw new DomainError('NO_ACTIVE_AGREEMENT', 'This workspace has no active agreement to compare with.', {
      field: 'against',
    })
  }
  return comparedVersion(active.version, active.document, 'against')
}

async function loadStored(
  db: Kysely<Database>,
  workspaceId: string,
  version: number,
  field: string,
): Promise<ComparedVersion> {
  const stored =
    Number.isInteger(version) && version > 0 && version <= MAX_VERSION
      ? await agreementRepository.find(db, workspaceId, version)
      : undefined
  if (!stored) {
    throw new DomainError('AGREEMENT_NOT_FOUND', `No agreement version ${version} in this workspace.`, {
      version,
      field,
    })
  }
  return comparedVersion(stored.version, stored.document, field)
}

// A stored draft may not validate (its document column then holds {}), and a file may hold anything.
/** A version to compare, compiled from its document; a worker thread builds its own from the same data. */
export function comparedVersion(version: number | null, document: unknown, field: string): ComparedVersion {
  const parsed = validateAgreement(document)
  if (!parsed.ok) {
    const name = version === null ? 'The candidate agreement' : `Version ${version}`
    throw new DomainError('AGREEMENT_INVALID', `${name} has ${parsed.errors.length} error(s).`, {
      field,
      errors: parsed.errors,
    })
  }
  const agreement = compileAgreement(parsed.document)
  return {
    version,
    document: parsed.document,
    timeline: [{ version: version ?? 0, activatedAt: 0, agreement }],
  }
}
