// What every governance step shares: the caller, the workspace's agreement lock, the status check,
// the review row with its audit entry, and the version as the API presents it.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { Role } from '../db/user.repository.ts'
import { agreementRepository, type StoredAgreement } from '../db/agreement.repository.ts'
import {
  agreementReviewRepository,
  type AgreementReviewAction,
  type ApprovalSide,
} from '../db/agreement-review.repository.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import type { AgreementIssue } from '#core/agreement/parse-agreement.ts'
import { DomainError } from '#core/errors.ts'
import type { Principal } from '../auth/principal.ts'
import { actorOf, audit, type AuditActor } from './audit.ts'
import { currentApprovals, missingSides, type Approvals } from './agreement-approvals.ts'
import { readDraft, textOf } from './agreement-draft-text.ts'

export type GovernanceCaller = {
  actor: AuditActor
  /** null for an API key */
  userId: string | null
  role: Role | null
  isAdmin: boolean
}

export function governanceCallerOf(principal: Principal): GovernanceCaller {
  return principal.kind === 'user'
    ? {
        actor: actorOf(principal),
        userId: principal.userId,
        role: principal.role,
        isAdmin: principal.role === 'admin',
      }
    : { actor: actorOf(principal), userId: null, role: null, isAdmin: principal.scope === 'admin' }
}

export type GovernedVersion = {
  stored: StoredAgreement
  /** why the text cannot be proposed yet; empty when it is valid */
  errors: AgreementIssue[]
  approvals: Approvals
  missing: ApprovalSide[]
}

/** Runs a step under the workspace's agreement lock, on the version as it is once the lock is held. */
export async function step<T>(
  db: Kysely<Database>,
  workspaceId: string,
  version: number,
  work: (trx: Kysely<Database>, stored: StoredAgreement) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    await agreementRepository.lockVersions(trx, workspaceId)
    const stored = await agreementRepository.find(trx, workspaceId, version)
    if (!stored) throw notFound(version)
    return work(trx, stored)
  })
}

export function notFound(version: number) {
  return new DomainError('AGREEMENT_NOT_FOUND', `No agreement version ${version}.`, { version })
}

export function expectStatus(
  stored: StoredAgreement,
  allowed: readonly StoredAgreement['status'][],
  step: AgreementReviewAction,
) {
  if (allowed.includes(stored.status)) return
  throw new DomainError(
    'AGREEMENT_STEP_NOT_ALLOWED',
    `Version ${stored.version} is ${stored.status}; "${step}" needs a version that is ${allowed.join(' or ')}.`,
    { version: stored.version, versionStatus: stored.status },
  )
}

export function reviewBy(caller: GovernanceCaller, version: number, at: Date, action: AgreementReviewAction) {
  return { version, action, actorId: caller.userId, side: null, comment: null, at }
}

export async function record(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  stored: StoredAgreement,
  now: Date,
  review: {
    action: AgreementReviewAction
    side?: ApprovalSide | null
    comment?: string | null
    auditAction?: string
  },
  change: { before?: unknown; after?: unknown } = {},
) {
  await agreementReviewRepository.insert(db, workspaceId, {
    ...reviewBy(caller, stored.version, now, review.action),
    side: review.side ?? null,
    comment: review.comment ?? null,
  })
  const action = `agreement.${review.auditAction ?? review.action}`
  const details = { side: review.side ?? undefined, comment: review.comment ?? undefined }
  await audit(db, workspaceId, caller.actor, action, `version ${stored.version}`, {
    ...change,
    after: change.after === undefined ? { status: stored.status, ...details } : change.after,
  })
}

export async function present(
  db: Kysely<Database>,
  workspaceId: string,
  stored: StoredAgreement,
): Promise<GovernedVersion> {
  const approvals = currentApprovals(await agreementReviewRepository.list(db, workspaceId, stored.version))
  return { stored, errors: readDraft(textOf(stored)).errors, approvals, missing: missingSides(approvals) }
}
