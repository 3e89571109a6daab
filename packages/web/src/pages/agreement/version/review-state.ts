// What a version's review history says beyond its stored state: a draft that was sent back carries the
// comment of the request, and approvals name the people who gave them.
export type ReviewStep = {
  action: string
  actorId: string | null
  actorName: string | null
  side: 'marketing' | 'sales' | null
  comment: string | null
  at: string
}

/**
 * The request for changes a draft is waiting on: the last one, unless the version was proposed again
 * after it. Undefined for a draft that was never sent back (and for every other state).
 */
export function pendingChangeRequest(status: string, steps: readonly ReviewStep[]): ReviewStep | undefined {
  if (status !== 'draft') return undefined
  // Steps come in the order they happened (the API sorts by id).
  const last = steps.findLast((step) => step.action === 'changes_requested' || step.action === 'proposed')
  return last?.action === 'changes_requested' ? last : undefined
}

/** Names of the people in the history, by id; the API names approvals by id only. */
export function namesOf(steps: readonly ReviewStep[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>()
  for (const step of steps) if (step.actorId && step.actorName) names.set(step.actorId, step.actorName)
  return names
}

export type ShownStep = ReviewStep & { times: number }

/**
 * The history as people read it: a run of saves by one person is one line ("edited 4 times", at the last
 * save), so a long edit session does not push the proposal and approvals out of view.
 */
export function compactSteps(steps: readonly ReviewStep[]): ShownStep[] {
  const shown: ShownStep[] = []
  for (const step of steps) {
    const previous = shown.at(-1)
    if (step.action === 'edited' && previous?.action === 'edited' && previous.actorId === step.actorId) {
      shown[shown.length - 1] = { ...step, times: previous.times + 1 }
    } else shown.push({ ...step, times: 1 })
  }
  return shown
}
