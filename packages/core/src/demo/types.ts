// The shapes the demo generator produces. They mirror what the ingest API accepts, so a demo
// workspace is seeded through the same path real touchpoints take.

export type DemoOptions = {
  seed: number
  leads: number
  now: Date
  /** How far back the history reaches; default 6. */
  months?: number
}

export type DemoEventType =
  | 'page_view'
  | 'content_click'
  | 'content_download'
  | 'webinar_registered'
  | 'webinar_attended'
  | 'case_study_view'
  | 'roi_calculator_used'
  | 'demo_request'
  | 'contact_sales'
  | 'unsubscribe'
  | 'email_bounced'
  | 'email_open'
  | 'consent_given'

export type DemoCompanyProfile = {
  name?: string
  domain?: string
  industry?: string
  employees?: number
  country?: string
  postcode?: string
}

export type DemoLeadProfile = {
  email: string
  firstName?: string
  lastName?: string
  title?: string
  phone?: string
  company?: DemoCompanyProfile
}

export type DemoEvent = {
  id: string
  type: string
  /** ISO 8601, UTC. */
  occurredAt: string
  source: string
  contentId?: string
  lead: DemoLeadProfile
  properties?: Record<string, string | number | boolean>
}

export type DemoPersona =
  'buyer' | 'researcher' | 'browser' | 'job_seeker' | 'student' | 'competitor' | 'bad_data'

export type DemoLane = 'inbound' | 'cold_outreach'

export type DemoRejectReason =
  'no_budget' | 'bad_timing' | 'no_need' | 'wrong_contact' | 'not_reachable' | 'no_fit'

/** The hidden truth behind a lead's history, so a demo can play sales outcomes and backtests can be checked. */
export type DemoLeadPlan = {
  email: string
  persona: DemoPersona
  lane: DemoLane
  willBuy: boolean
  /** What a rep would say when rejecting or losing it, if it does not buy. */
  likelyRejectReason?: DemoRejectReason
  dealAmount?: number
  /** Cold outreach: the SDR who prospected it. */
  ownerEmail?: string
}

export type DemoTeam = 'de_north' | 'de_south' | 'at_ch'

export type DemoUser = {
  email: string
  name: string
  role: 'admin' | 'marketing' | 'sales' | 'sales_manager'
  team?: DemoTeam
  /** German state whose holidays the rep's SLA clock skips */
  region?: string
}

export type DemoJourneyStage = 'orientation' | 'consideration' | 'decision'

export type DemoContentItem = {
  id: string
  title: string
  kind: string
  journeyStage: DemoJourneyStage | null
  topics: string[]
  /** ISO 639-1; null: language-neutral */
  language: string | null
  url: string
}

export type DemoData = {
  users: DemoUser[]
  contentItems: DemoContentItem[]
  /** Sorted by occurredAt, then id. */
  events: DemoEvent[]
  plans: DemoLeadPlan[]
}
