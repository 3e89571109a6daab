// Which governance steps a person may take on a version in its state, and why the others are blocked.
// Mirrors the server's rules (services/agreement-governance.ts, agreement-approvals.ts) so buttons say
// why before anyone clicks; the server still decides, and its refusals are shown in words too.

/** The session's roles (session/session.tsx), named here so this module stays plain TypeScript for node:test. */
export type Role = 'admin' | 'marketing' | 'sales' | 'sales_manager'

export type VersionStatus = 'draft' | 'proposed' | 'approved' | 'active' | 'retired' | 'withdrawn'
export type ApprovalSide = 'marketing' | 'sales'
export type VersionAction =
  'save' | 'propose' | 'approve' | 'requestChanges' | 'activate' | 'withdraw' | 'copy'
export type BlockedReason =
  | 'unchanged'
  | 'unsaved'
  | 'invalid'
  | 'notAuthor'
  | 'approvedByYou'
  | 'yourSideDone'
  | 'missingMarketing'
  | 'missingSales'
  | 'missingBoth'
export type ActionState = { action: VersionAction; blocked?: BlockedReason }

export const APPROVAL_SIDES: readonly ApprovalSide[] = Object.freeze(['marketing', 'sales'])

export type Approval = { userId: string | null } | null
export type VersionFacts = {
  status: VersionStatus
  createdBy: string | null
  approvals: Record<ApprovalSide, Approval>
  /** the saved text validates */
  valid: boolean
}
export type Viewer = {
  userId: string
  role: Role
  /** a rep who leads a team in the active routing approves for sales */
  leadsTeam: boolean
}
export type Context = {
  /** the page holds edits that are not saved yet */
  dirty: boolean
  /** the workspace lets one party activate without both approvals */
  singlePartyActivation: boolean
}

/** The sides a person may approve for, as the server decides it. */
export function approvalSidesOf(viewer: Pick<Viewer, 'role' | 'leadsTeam'>): ApprovalSide[] {
  switch (viewer.role) {
    case 'admin':
      return ['marketing', 'sales']
    case 'marketing':
      return ['marketing']
    case 'sales_manager':
      return ['sales']
    case 'sales':
      return viewer.leadsTeam ? ['sales'] : []
  }
}

/** Drafting, proposing, withdrawing and activating: the server's `configure` access. */
export function mayConfigure(role: Role): boolean {
  return role === 'admin' || role === 'marketing'
}

/** Backtests: both sides that negotiate the agreement, not the reps (the server's `evaluate` access). */
export function mayEvaluate(role: Role): boolean {
  return role === 'admin' || role === 'marketing' || role === 'sales_manager'
}

export function missingSides(approvals: VersionFacts['approvals']): ApprovalSide[] {
  return APPROVAL_SIDES.filter((side) => approvals[side] === null)
}

/** Every step the viewer may see for the version, in the order the buttons stand; blocked ones say why. */
export function versionActions(version: VersionFacts, viewer: Viewer, context: Context): ActionState[] {
  const configure = mayConfigure(viewer.role)
  const sides = approvalSidesOf(viewer)
  const isAuthor = viewer.role === 'admin' || version.createdBy === viewer.userId
  const withdraw: ActionState = { action: 'withdraw', ...(isAuthor ? {} : { blocked: 'notAuthor' }) }
  const unsavedOrInvalid = context.dirty ? 'unsaved' : !version.valid ? 'invalid' : undefined
  const actions: ActionState[] = []
  const add = (action: VersionAction, blocked: BlockedReason | undefined) =>
    actions.push(blocked ? { action, blocked } : { action })

  switch (version.status) {
    case 'draft':
      if (!configure) break
      add('save', context.dirty ? undefined : 'unchanged')
      add('propose', unsavedOrInvalid)
      if (context.singlePartyActivation) add('activate', unsavedOrInvalid)
      actions.push(withdraw)
      break
    case 'proposed':
    case 'approved': {
      if (version.status === 'proposed' && sides.length > 0)
        add('approve', approvalBlock(version, viewer, sides))
      if (sides.length > 0) add('requestChanges', undefined)
      if (configure) {
        const missing = missingSides(version.approvals)
        const activateBlock =
          version.status === 'approved' || context.singlePartyActivation ? undefined : missingReason(missing)
        add('activate', activateBlock)
        actions.push(withdraw)
      }
      break
    }
    case 'active':
    case 'retired':
    case 'withdrawn':
      break
  }
  if (configure && version.status !== 'draft') add('copy', undefined)
  return actions
}

function approvalBlock(
  version: VersionFacts,
  viewer: Viewer,
  sides: ApprovalSide[],
): BlockedReason | undefined {
  const approvals = Object.values(version.approvals)
  if (approvals.some((approval) => approval !== null && approval.userId === viewer.userId))
    return 'approvedByYou'
  return sides.some((side) => version.approvals[side] === null) ? undefined : 'yourSideDone'
}

function missingReason(missing: ApprovalSide[]): BlockedReason | undefined {
  if (missing.length === 2) return 'missingBoth'
  if (missing.length === 0) return undefined
  return missing[0] === 'marketing' ? 'missingMarketing' : 'missingSales'
}

/** The sides an admin may still approve for (the others are given already). */
export function openSidesFor(
  viewer: Pick<Viewer, 'role' | 'leadsTeam'>,
  approvals: VersionFacts['approvals'],
) {
  return approvalSidesOf(viewer).filter((side) => approvals[side] === null)
}
