// Actions the lead's stage allows that the API would still refuse for this user or this agreement.
// Their buttons stay visible but disabled, with why beside them, instead of answering 403 or 422 later.
// Kinds are the API's action names; plain strings keep this free of the generated client types.

export type BlockedReason = 'assignManagersOnly' | 'noReasons'

const NEEDS_AGREEMENT_REASON = new Set(['reject', 'recycle', 'lose'])

export function blockedActions(input: {
  /** the actions the lead's stage allows, as the API lists them */
  allowed: readonly string[]
  /** may hand leads to other reps (sales managers, admins) */
  manage: boolean
  /** the agreement's recycling reasons; undefined while it loads */
  reasonCount: number | undefined
}): Partial<Record<string, BlockedReason>> {
  const blocked: Partial<Record<string, BlockedReason>> = {}
  for (const kind of input.allowed) {
    if (kind === 'assign' && !input.manage) blocked[kind] = 'assignManagersOnly'
    else if (NEEDS_AGREEMENT_REASON.has(kind) && input.reasonCount === 0) blocked[kind] = 'noReasons'
  }
  return blocked
}
