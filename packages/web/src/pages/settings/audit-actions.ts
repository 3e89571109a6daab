// The actions the audit log records, by area, for the filter. The API filters by prefix, so an area
// ("user.") and a single action ("user.create") are both valid filters; unknown actions still list.
export const AUDIT_AREAS = {
  user: ['create', 'update', 'password_reset'],
  session: ['sign_in', 'sign_out', 'password_change'],
  api_key: ['create', 'revoke'],
  webhook: ['create', 'update', 'rotate_secret', 'delete', 'replay'],
  content: ['create', 'upsert', 'delete'],
  agreement: [
    'replace',
    'drafted',
    'edited',
    'proposed',
    'approved',
    'changes_requested',
    'withdrawn',
    'activated',
    'activated.single_party',
  ],
  lead: [
    'accept',
    'reject',
    'recycle',
    'qualify',
    'update_checklist',
    'open_deal',
    'move_deal',
    'win',
    'lose',
    'disqualify',
    'assign',
    'consent',
    'export',
    'erase',
  ],
  events: ['ingest'],
  shadow: ['start', 'stop'],
} as const

export type AuditArea = keyof typeof AUDIT_AREAS

/** The catalogue key of an action: a dot inside the area's part is a nesting i18next would read. */
export function actionLabelKey(area: AuditArea, action: string): string {
  return `audit.actions.${area}.${action.slice(area.length + 1).replaceAll('.', '_')}`
}

export function areaOf(action: string): AuditArea | undefined {
  const area = action.split('.')[0]
  return area && Object.hasOwn(AUDIT_AREAS, area) ? (area as AuditArea) : undefined
}
