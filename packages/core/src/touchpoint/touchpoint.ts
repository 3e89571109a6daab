import type { JourneyStage } from '../agreement/agreement-document.ts'
import type { LeadFields } from '../lead/lead-profile.ts'

export type PropertyValue = string | number | boolean

/** One recorded interaction, as the core sees it: content stage and topics already resolved from the catalog. */
export type Touchpoint = {
  id: string
  type: string
  occurredAt: number
  source?: string
  contentId?: string
  journeyStage?: JourneyStage
  topics?: readonly string[]
  properties: Readonly<Record<string, PropertyValue>>
  leadFields?: Partial<LeadFields>
}

/** Replay order: time first, then the client id, so equal timestamps still order the same way everywhere. */
export function compareTouchpoints(a: Touchpoint, b: Touchpoint): number {
  return a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * The touchpoints up to `until` in replay order, as a new list the caller owns. Logs are read in
 * that order already, so they are checked in one pass and copied, and sorted only when they are not.
 */
export function touchpointsInReplayOrder(touchpoints: readonly Touchpoint[], until: number): Touchpoint[] {
  let inOrder = true
  for (let index = 0; index < touchpoints.length && inOrder; index++) {
    const touchpoint = touchpoints[index]!
    inOrder =
      touchpoint.occurredAt <= until &&
      (index === 0 || compareTouchpoints(touchpoints[index - 1]!, touchpoint) <= 0)
  }
  if (inOrder) return touchpoints.slice()
  return touchpoints.filter((touchpoint) => touchpoint.occurredAt <= until).sort(compareTouchpoints)
}

/** A touchpoint as the log stores it: which lead it belongs to and its place in the log. */
export type StoredTouchpoint = Touchpoint & { leadId: string; seq: number; receivedAt: Date }
