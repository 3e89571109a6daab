// Activation: an approved version goes in force explicitly, the active one is retired and every lead
// re-scored, in one transaction under the workspace's agreement lock, so two activations at once
// leave exactly one version active. Where the workspace allows it, one party activates alone.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { agreementReviewRepository } from '../db/agreement-review.repository.ts'
import { DomainError } from '#core/errors.ts'
import { APPROVAL_SIDES, currentApprovals, missingSides } from './agreement-approvals.ts'
import { readDraft, textOf } from './agreement-draft-text.ts'
import {
  expectStatus,
  present,
  record,
  reviewBy,
  step,
  type GovernanceCaller,
  type GovernedVersion,
} from './agreement-governance-step.ts'
import { reprojectWorkspace } from './replace-agreement.ts'

/**
 * Puts an approved version in force, retires the active one and re-scores every lead, atomically.
 * A draft or proposal goes in force only where the workspace allows one party to decide alone;
 * the audit entry then says so.
 */
export async function activateVersion(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  version: number,
  comment: string | null,
  now: Date,
): Promise<GovernedVersion> {
  return step(db, workspaceId, version, async (trx, before) => {
    expectStatus(before, ['draft', 'proposed', 'approved'], 'activated')
    const approvals = currentApprovals(await agreementReviewRepository.list(trx, workspaceId, version))
    const singleParty = before.status !== 'approved'
    if (singleParty && !(await agreementReviewRepository.allowsSinglePartyActivation(trx, workspaceId))) {
      const missing = before.status === 'draft' ? [...APPROVAL_SIDES] : missingSides(approvals)
      throw new DomainError(
        'APPROVAL_MISSING',
        `Version ${version} needs an approval from ${missing.join(' and ')} before it can be activated.`,
        { version, missing },
      )
    }
    const { errors } = readDraft(textOf(before))
    if (errors.length > 0) {
      throw new DomainError('AGREEMENT_INVALID', `Version ${version} has ${errors.length} error(s).`, {
        errors,
      })
    }
    const previous = await agreementRepository.findActive(trx, workspaceId)
    await agreementRepository.retireActive(trx, workspaceId)
    const stored = await agreementRepository.activate(trx, workspaceId, version, now)
    if (previous) {
      await agreementReviewRepository.insert(trx, workspaceId, {
        ...reviewBy(caller, previous.version, now, 'retired'),
        comment: `replaced by version ${version}`,
      })
    }
    await record(
      trx,
      workspaceId,
      caller,
      stored,
      now,
      { action: 'activated', comment, auditAction: singleParty ? 'activated.single_party' : 'activated' },
      {
        before: previous ? { version: previous.version, source: previous.source } : null,
        after: {
          version,
          source: stored.source,
          singleParty,
          approvals: {
            marketing: approvals.marketing?.actorId ?? null,
            sales: approvals.sales?.actorId ?? null,
          },
        },
      },
    )
    await reprojectWorkspace(trx, workspaceId, now)
    return present(trx, workspaceId, stored)
  })
}

/**
 * Replacing the active agreement in one step (`PUT /agreement`) skips the approvals, so it is one party
 * deciding alone: allowed only where the workspace allows that. The first version of a workspace has
 * nothing to agree on yet and no one to ask.
 */
export async function requireSinglePartyReplacement(db: Kysely<Database>, workspaceId: string) {
  if (await agreementReviewRepository.allowsSinglePartyActivation(db, workspaceId)) return
  throw new DomainError(
    'APPROVAL_MISSING',
    'This workspace activates agreement versions with the approval of marketing and sales: save a draft ' +
      '(POST /api/v1/agreement/drafts), propose it and have both sides approve it, or let an admin allow ' +
      'single-party activation (PUT /api/v1/settings/governance).',
    { missing: [...APPROVAL_SIDES] },
  )
}
