// Agreement governance: a version is drafted, proposed (frozen), approved by marketing and sales,
// then activated explicitly (agreement-activation.ts), retiring the one before. Each step takes the
// workspace's agreement lock, so steps on its versions (and PUT /agreement) run one after the other,
// and writes a review row and an audit entry.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { userAdminRepository } from '../db/user.repository.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { agreementReviewRepository, type ApprovalSide } from '../db/agreement-review.repository.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { DomainError } from '#core/errors.ts'
import { audit, type AuditActor } from './audit.ts'
import { APPROVAL_SIDES, approvalSidesOf, currentApprovals } from './agreement-approvals.ts'
import { readDraft, textOf, type DraftText } from './agreement-draft-text.ts'
import {
  expectStatus,
  notFound,
  present,
  record,
  step,
  type GovernanceCaller,
  type GovernedVersion,
} from './agreement-governance-step.ts'

export {
  governanceCallerOf,
  type GovernanceCaller,
  type GovernedVersion,
} from './agreement-governance-step.ts'
export { activateVersion } from './agreement-activation.ts'
export type { DraftText }
export type DraftInput = DraftText | { copyOf: number }

/** Saves a draft; an invalid one is kept with its errors, to be fixed before it is proposed. */
export async function createDraft(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  input: DraftInput,
  now: Date,
): Promise<GovernedVersion> {
  return inTransaction(db, async (trx) => {
    await agreementRepository.lockVersions(trx, workspaceId)
    const text = 'copyOf' in input ? await copiedText(trx, workspaceId, input.copyOf) : input
    const draft = readDraft(text)
    const stored = await agreementRepository.insertDraft(trx, workspaceId, {
      ...draft,
      source: text.text,
      createdBy: caller.userId,
      at: now,
    })
    await record(
      trx,
      workspaceId,
      caller,
      stored,
      now,
      { action: 'drafted' },
      {
        after: { version: stored.version, source: stored.source, ...copyNote(input) },
      },
    )
    return present(trx, workspaceId, stored)
  })
}

/** Replaces a draft's text; a proposed or approved version is frozen. */
export async function updateDraft(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  version: number,
  input: DraftText,
  now: Date,
): Promise<GovernedVersion> {
  return step(db, workspaceId, version, async (trx, before) => {
    if (before.status !== 'draft') {
      throw new DomainError(
        'AGREEMENT_FROZEN',
        `Version ${version} is ${before.status} and can no longer be edited; draft a copy to change it.`,
        { version, versionStatus: before.status },
      )
    }
    const stored = await agreementRepository.updateDraft(trx, workspaceId, version, {
      ...readDraft(input),
      source: input.text,
    })
    await record(
      trx,
      workspaceId,
      caller,
      stored,
      now,
      { action: 'edited' },
      {
        before: { source: before.source },
        after: { source: stored.source },
      },
    )
    return present(trx, workspaceId, stored)
  })
}

/** Freezes a valid draft and asks both sides to approve it. */
export async function proposeVersion(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  version: number,
  comment: string | null,
  now: Date,
): Promise<GovernedVersion> {
  return step(db, workspaceId, version, async (trx, before) => {
    expectStatus(before, ['draft'], 'proposed')
    const { errors } = readDraft(textOf(before))
    if (errors.length > 0) {
      throw new DomainError(
        'AGREEMENT_INVALID',
        `Version ${version} has ${errors.length} error(s) and cannot be proposed.`,
        { errors },
      )
    }
    const stored = await agreementRepository.setStatus(trx, workspaceId, version, 'proposed')
    await record(trx, workspaceId, caller, stored, now, { action: 'proposed', comment })
    return present(trx, workspaceId, stored)
  })
}

/** One side's approval; with both sides' the version is approved. An admin names the side. */
export async function approveVersion(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  version: number,
  input: { comment: string | null; side?: ApprovalSide },
  now: Date,
): Promise<GovernedVersion> {
  return step(db, workspaceId, version, async (trx, before) => {
    expectStatus(before, ['proposed'], 'approved')
    const sides = await sidesOf(trx, workspaceId, caller, input.side)
    const approvals = currentApprovals(await agreementReviewRepository.list(trx, workspaceId, version))
    const mine = Object.values(approvals).find((review) => review && review.actorId === caller.userId)
    if (mine) {
      throw new DomainError(
        'ALREADY_APPROVED',
        `You approved version ${version} for ${mine.side} already; the other side needs another person.`,
        { version, side: mine.side },
      )
    }
    const open = sides.filter((side) => approvals[side] === null)
    if (open.length === 0) {
      throw new DomainError('ALREADY_APPROVED', `Version ${version} is approved for ${sides[0]} already.`, {
        version,
        side: sides[0],
      })
    }
    if (open.length > 1) {
      throw new DomainError('APPROVAL_SIDE_REQUIRED', 'Say which side you approve for: marketing or sales.', {
        field: 'side',
      })
    }
    const side = open[0]!
    const complete = APPROVAL_SIDES.every((other) => other === side || approvals[other] !== null)
    const stored = complete
      ? await agreementRepository.setStatus(trx, workspaceId, version, 'approved')
      : before
    await record(trx, workspaceId, caller, stored, now, { action: 'approved', side, comment: input.comment })
    return present(trx, workspaceId, stored)
  })
}

/** Either side sends a proposal back to draft, saying why; its approvals lapse. */
export async function requestChanges(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  version: number,
  comment: string,
  now: Date,
): Promise<GovernedVersion> {
  if (comment.trim() === '') {
    throw new DomainError('COMMENT_REQUIRED', 'Say what should change.', { field: 'comment' })
  }
  return step(db, workspaceId, version, async (trx, before) => {
    expectStatus(before, ['proposed', 'approved'], 'changes_requested')
    const sides = await sidesOf(trx, workspaceId, caller, undefined)
    const stored = await agreementRepository.setStatus(trx, workspaceId, version, 'draft')
    // An admin speaks for neither side in particular here.
    await record(trx, workspaceId, caller, stored, now, {
      action: 'changes_requested',
      side: sides.length === 1 ? sides[0]! : null,
      comment,
    })
    return present(trx, workspaceId, stored)
  })
}

/** Its author or an admin takes a version back for good; it was never in force. */
export async function withdrawVersion(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  version: number,
  comment: string | null,
  now: Date,
): Promise<GovernedVersion> {
  return step(db, workspaceId, version, async (trx, before) => {
    expectStatus(before, ['draft', 'proposed', 'approved'], 'withdrawn')
    if (!caller.isAdmin && (caller.userId === null || caller.userId !== before.createdBy)) {
      throw new DomainError('WITHDRAW_NOT_ALLOWED', 'Only its author or an admin withdraws a version.', {
        version,
      })
    }
    const stored = await agreementRepository.setStatus(trx, workspaceId, version, 'withdrawn')
    await record(trx, workspaceId, caller, stored, now, { action: 'withdrawn', comment })
    return present(trx, workspaceId, stored)
  })
}

/** A version with its errors and the approvals of its current proposal. */
export async function describeVersion(db: Kysely<Database>, workspaceId: string, version: number) {
  const stored = await agreementRepository.find(db, workspaceId, version)
  if (!stored) throw notFound(version)
  return present(db, workspaceId, stored)
}

export async function listReviews(db: Kysely<Database>, workspaceId: string, version: number) {
  if (!(await agreementRepository.find(db, workspaceId, version))) throw notFound(version)
  return agreementReviewRepository.list(db, workspaceId, version)
}

export async function setSinglePartyActivation(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  allowed: boolean,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await agreementReviewRepository.allowsSinglePartyActivation(trx, workspaceId)
    await agreementReviewRepository.setSinglePartyActivation(trx, workspaceId, allowed)
    await audit(trx, workspaceId, actor, 'settings.governance', null, {
      before: { singlePartyActivation: before },
      after: { singlePartyActivation: allowed },
    })
    return allowed
  })
}

/** The sides the caller may speak for, narrowed to `wanted`; refused when none. */
async function sidesOf(
  db: Kysely<Database>,
  workspaceId: string,
  caller: GovernanceCaller,
  wanted: ApprovalSide | undefined,
): Promise<ApprovalSide[]> {
  const person = caller.userId ? await userAdminRepository.find(db, workspaceId, caller.userId) : undefined
  const active = await agreementRepository.findActive(db, workspaceId)
  const sides = person ? approvalSidesOf(person, active?.document) : []
  const allowed = wanted === undefined ? sides : sides.filter((side) => side === wanted)
  if (allowed.length === 0) {
    throw new DomainError(
      'APPROVAL_NOT_ALLOWED',
      wanted
        ? `You cannot speak for ${wanted}.`
        : 'Approvals come from marketing and from sales (a sales manager or a rep who leads a team).',
      { role: caller.role },
    )
  }
  return allowed
}

async function copiedText(db: Kysely<Database>, workspaceId: string, version: number): Promise<DraftText> {
  const original = await agreementRepository.find(db, workspaceId, version)
  if (!original) throw notFound(version)
  return textOf(original)
}

const copyNote = (input: DraftInput) => ('copyOf' in input ? { copyOf: input.copyOf } : {})
