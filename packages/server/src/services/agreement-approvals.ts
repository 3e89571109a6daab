// Who may approve an agreement version for which side, and what the current proposal still lacks.
// The issue asks for one person from marketing and one from sales, two different people: sales is a
// sales manager or a rep who leads a team; an admin may stand in for either side, but never both.
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'
import type { Role } from '../db/user.repository.ts'
import type { AgreementReview, ApprovalSide } from '../db/agreement-review.repository.ts'
import { compiledRoutingOf } from './routing-state.ts'

export const APPROVAL_SIDES: readonly ApprovalSide[] = Object.freeze(['marketing', 'sales'])

export type Approvals = Record<ApprovalSide, AgreementReview | null>

/** The sides a person may approve for; a rep leads a team in the routing of the agreement in force. */
export function approvalSidesOf(
  person: { role: Role; email: string },
  active: AgreementDocument | undefined,
): ApprovalSide[] {
  switch (person.role) {
    case 'admin':
      return ['marketing', 'sales']
    case 'marketing':
      return ['marketing']
    case 'sales_manager':
      return ['sales']
    case 'sales':
      return isTeamLead(person.email, active) ? ['sales'] : []
  }
}

function isTeamLead(email: string, active: AgreementDocument | undefined): boolean {
  const routing = active && compiledRoutingOf(active)
  const normalized = email.trim().toLowerCase()
  return routing?.teams.some((team) => team.lead === normalized) ?? false
}

/**
 * The approvals given since the version was last proposed: a request for changes sends it back to
 * draft, and approvals of the text before that change no longer count.
 */
export function currentApprovals(reviews: readonly AgreementReview[]): Approvals {
  let approvals: Approvals = { marketing: null, sales: null }
  for (const review of reviews) {
    if (review.action === 'proposed' || review.action === 'changes_requested') {
      approvals = { marketing: null, sales: null }
    } else if (review.action === 'approved' && review.side) {
      approvals[review.side] ??= review
    }
  }
  return approvals
}

export function missingSides(approvals: Approvals): ApprovalSide[] {
  return APPROVAL_SIDES.filter((side) => approvals[side] === null)
}
