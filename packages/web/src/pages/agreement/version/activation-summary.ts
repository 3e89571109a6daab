// Reading an activation preview: whether anything would move at all, and which reps it would put over
// their capacity.
export type RepLoad = { openNow: number; added: number; capacity: number | null }
export type PreviewCounts = {
  becomeMql: number
  leaveMql: number
  unrouted: number
  perRep: readonly RepLoad[]
}

/** Nothing would move: no lead changes its MQL state and no rep gets a lead. */
export function isNoChange(preview: PreviewCounts): boolean {
  return (
    preview.becomeMql === 0 &&
    preview.leaveMql === 0 &&
    preview.unrouted === 0 &&
    preview.perRep.every((rep) => rep.added === 0)
  )
}

/** Over capacity once the new MQLs are handed out; a rep without a capacity never is. */
export function isOverCapacity(rep: RepLoad): boolean {
  return rep.capacity !== null && rep.openNow + rep.added > rep.capacity
}
