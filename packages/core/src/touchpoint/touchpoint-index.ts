// What conditions ask of a lead's touchpoints over and over during a fold — how many of those up to
// now match, which was the latest to match — answered from per-lead arrays built once per question
// instead of walking the log back at every moment (a fold of n touchpoints asked each question n
// times, so it walked n²/2 touchpoints; a backtest replays every lead of a workspace under two versions).
import type { Touchpoint } from './touchpoint.ts'

type Match = (touchpoint: Touchpoint) => boolean

/**
 * Over one sorted, unchanging list of touchpoints (replay order: occurredAt ascending). Only a fold
 * that owns its list may build one: a list changed afterwards would be answered from stale arrays.
 */
export class TouchpointIndex {
  readonly touchpoints: readonly Touchpoint[]
  // Per match function (compiled once per agreement, so its identity names the question).
  // Plain arrays rather than typed ones: a lead's are short, and a typed array that size has its
  // buffer outside the heap, which costs more to make and to free than the numbers in it.
  readonly #matchesBefore = new Map<Match, number[]>()
  readonly #latestBefore = new Map<Match, number[]>()

  constructor(touchpoints: readonly Touchpoint[]) {
    this.touchpoints = touchpoints
  }

  /** How many of touchpoints[from .. to) match. */
  countMatching(matches: Match, from: number, to: number): number {
    let prefix = this.#matchesBefore.get(matches)
    if (!prefix) {
      const touchpoints = this.touchpoints
      prefix = [0]
      for (let index = 0; index < touchpoints.length; index++) {
        prefix.push(prefix[index]! + (matches(touchpoints[index]!) ? 1 : 0))
      }
      this.#matchesBefore.set(matches, prefix)
    }
    return to <= from ? 0 : prefix[to]! - prefix[from]!
  }

  /** Index of the latest of touchpoints[0 .. to) that matches; -1 when none does. */
  latestMatching(matches: Match, to: number): number {
    let latest = this.#latestBefore.get(matches)
    if (!latest) {
      const touchpoints = this.touchpoints
      latest = [-1]
      for (let index = 0; index < touchpoints.length; index++) {
        latest.push(matches(touchpoints[index]!) ? index : latest[index]!)
      }
      this.#latestBefore.set(matches, latest)
    }
    return to <= 0 ? -1 : latest[to]!
  }

  /** The first index among [0 .. to) whose touchpoint happened at or after `at`; `to` when none did. */
  firstAtOrAfter(at: number, to: number): number {
    const touchpoints = this.touchpoints
    let low = 0
    let high = to
    while (low < high) {
      const middle = (low + high) >>> 1
      if (touchpoints[middle]!.occurredAt < at) low = middle + 1
      else high = middle
    }
    return low
  }
}
