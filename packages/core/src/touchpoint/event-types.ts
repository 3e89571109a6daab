// The touchpoint types Takt understands. Sources may send their own as `custom.<name>`,
// so a typo in a standard type is caught instead of silently scoring nothing.
export const STANDARD_EVENT_TYPES = [
  'page_view',
  'content_click',
  'content_download',
  'email_open',
  'email_click',
  'newsletter_signup',
  'form_submit',
  'webinar_registered',
  'webinar_attended',
  'event_visit',
  'case_study_view',
  'roi_calculator_used',
  'demo_request',
  'contact_sales',
  'trial_signup',
  'call',
  'meeting',
  'sdr_contact',
  'unsubscribe',
  'email_bounced',
  'consent_given',
  'consent_withdrawn',
] as const

export type StandardEventType = (typeof STANDARD_EVENT_TYPES)[number]

const STANDARD = new Set<string>(STANDARD_EVENT_TYPES)

export function isKnownEventType(type: string): boolean {
  return STANDARD.has(type) || /^custom\.[a-z0-9][a-z0-9_.-]{0,58}$/.test(type)
}
