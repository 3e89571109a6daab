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

/** A touchpoint as the log stores it: which lead it belongs to and its place in the log. */
export type StoredTouchpoint = Touchpoint & { leadId: string; seq: number; receivedAt: Date }
