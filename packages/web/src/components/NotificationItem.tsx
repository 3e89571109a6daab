// One notification as a sentence a person reads, with the lead's name as the link to its page.
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { paths } from '../api/openapi'
import { humanize } from '../i18n/humanize.ts'

type Notification =
  paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json']['items'][number]

type Data = {
  lead?: { name?: string | null; email?: string; company?: string | null }
  stage?: string
  touchpointType?: string
  afterBusinessHours?: number
  erased?: boolean
}

const SENTENCES = new Set([
  'sla_breached',
  'sla_reassigned',
  'sla_reassigned_to_you',
  'sla_reassign_failed',
  'sla_returned_to_marketing',
])

function sentenceKey(kind: string, data: Data): string {
  // An erased lead's notifications keep nothing that says what happened.
  if (data.erased) return 'other'
  if (kind === 'hand_raiser') {
    return data.stage === 'disqualified' ? 'hand_raiser_disqualified' : 'hand_raiser_recycled'
  }
  return SENTENCES.has(kind) ? kind : 'other'
}

export function NotificationItem(props: {
  item: Notification
  when: string
  onOpen: () => void
  onMarkRead: () => void
}) {
  const { t } = useTranslation('notifications')
  const { t: tLead } = useTranslation('lead')
  const { item } = props
  const data = item.data as Data
  const name = data.lead?.name || data.lead?.email || t('someLead')
  const company = data.lead?.company
  const type = data.touchpointType ?? ''
  const lead = item.leadId ? <Link to={`/leads/${item.leadId}`} onClick={props.onOpen} /> : <strong />
  return (
    <li className={item.readAt ? 'read' : 'unread'}>
      <p className="notification-text">
        {!item.readAt && <span className="visually-hidden">{t('unread')}: </span>}
        <Trans
          t={t}
          i18nKey={`sentence.${sentenceKey(item.kind, data)}`}
          values={{
            name: company ? `${name} (${company})` : name,
            touchpoint: tLead(`eventType.${type}`, { defaultValue: humanize(type) }),
            hours: data.afterBusinessHours ?? '–',
          }}
          components={{ lead }}
        />
      </p>
      <p className="notification-meta">
        <span className="muted">{props.when}</span>
        {!item.readAt && (
          <button type="button" className="link-button" onClick={props.onMarkRead}>
            {t('markRead')}
          </button>
        )}
      </p>
    </li>
  )
}
