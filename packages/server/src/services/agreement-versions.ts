// The activated agreement versions of a workspace, compiled once per version and kept across requests
// and batches. A request reads only the versions' stamps; texts are read and compiled on a miss.
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { compileAgreement, type CompiledAgreement } from '#core/agreement/compile-agreement.ts'
import type { AgreementVersion } from '#core/lifecycle/replay-lead.ts'
import { DomainError } from '#core/errors.ts'

// Enough for every version in force across many busy workspaces; the least recently used goes first.
const MAX_COMPILED = 64
const compiled = new Map<string, { sourceMd5: string; agreement: CompiledAgreement }>()

const md5 = (text: string) => createHash('md5').update(text).digest('hex')

export async function loadAgreementVersions(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<AgreementVersion[]> {
  const stamps = await agreementRepository.listActivatedStamps(db, workspaceId)
  if (stamps.length === 0) {
    throw new DomainError('NO_ACTIVE_AGREEMENT', 'This workspace has no active qualification agreement yet.')
  }
  const keyOf = (version: number) => `${workspaceId}:${version}`
  // A stored version never changes (only its status does), but a version number is reused when the
  // transaction that stored it rolls back, so the source's hash must match too.
  if (stamps.some((stamp) => compiled.get(keyOf(stamp.version))?.sourceMd5 !== stamp.sourceMd5)) {
    for (const entry of await agreementRepository.listActivated(db, workspaceId)) {
      const sourceMd5 = md5(entry.source)
      if (compiled.get(keyOf(entry.version))?.sourceMd5 === sourceMd5) continue
      compiled.set(keyOf(entry.version), { sourceMd5, agreement: compileAgreement(entry.document) })
    }
  }
  const versions = stamps.map((stamp) => {
    const key = keyOf(stamp.version)
    const entry = compiled.get(key)!
    // Used now: moved to the end, so the least recently used is evicted first.
    compiled.delete(key)
    compiled.set(key, entry)
    return { version: stamp.version, activatedAt: stamp.activatedAt.getTime(), agreement: entry.agreement }
  })
  while (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!)
  return versions
}
