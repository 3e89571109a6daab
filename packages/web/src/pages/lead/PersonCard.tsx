// The person and their company, as the lead's own data and its account know them. E-mail and phone
// say whether marketing may use the channel and why. Where the person said no (unsubscribed, consent
// withdrawn) the address is no link, so nobody writes to them by a click from here; a channel merely
// without consent for marketing stays a link, as a rep may still answer a person who asked.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import { Email } from './Email.tsx'
import { leadName, type LeadDetail } from './lead-types.ts'

/** What the lead detail's `permissions` says of one channel (core privacy/lead-permissions.ts). */
type ChannelPermission = { allowed: boolean; reason: string; since: string | null }

const SAID_NO: ReadonlySet<string> = new Set(['unsubscribed', 'consent_withdrawn'])
const saidNo = (permission: ChannelPermission | undefined) =>
  permission !== undefined && !permission.allowed && SAID_NO.has(permission.reason)

function channelOf(lead: LeadDetail, channel: 'email' | 'phone'): ChannelPermission | undefined {
  const channels = (lead.permissions as { channels?: Record<string, ChannelPermission> } | null)?.channels
  return channels?.[channel]
}

function ChannelChip({ permission }: { permission: ChannelPermission | undefined }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  if (!permission) return null
  const reason = t(`person.channelReason.${permission.reason}`, { defaultValue: permission.reason })
  const since = permission.since ? t('person.channelSince', { date: format.date(permission.since) }) : ''
  return (
    <span
      className={permission.allowed ? 'channel-chip allowed' : 'channel-chip blocked'}
      data-testid="channel-chip"
    >
      {permission.allowed ? t('person.channelAllowed', { reason }) : t('person.channelBlocked', { reason })}
      {since}
    </span>
  )
}

export function PersonCard({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const company = lead.company ?? {}
  const account = lead.account
  const employees = company.employees ?? account?.employees
  const domain = company.domain ?? account?.domain
  const email = channelOf(lead, 'email')
  const phone = channelOf(lead, 'phone')
  return (
    <section className="card lead-section" aria-labelledby="person-title">
      <h2 id="person-title">{t('person.title')}</h2>
      <dl className="facts">
        <dt>{t('person.name')}</dt>
        <dd>{leadName(lead)}</dd>
        <dt>{t('person.jobTitle')}</dt>
        <dd>{lead.title ?? '–'}</dd>
        <dt>{t('person.email')}</dt>
        <dd>
          <Email address={lead.email} link={!saidNo(email)} />
          <ChannelChip permission={email} />
        </dd>
        <dt>{t('person.phone')}</dt>
        <dd>
          {!lead.phone ? (
            '–'
          ) : saidNo(phone) ? (
            lead.phone
          ) : (
            <a href={`tel:${lead.phone.replaceAll(' ', '')}`}>{lead.phone}</a>
          )}
          {lead.phone && <ChannelChip permission={phone} />}
        </dd>
      </dl>
      <h3>{t('person.company')}</h3>
      <dl className="facts">
        <dt>{t('person.companyName')}</dt>
        <dd>
          {company.name ?? account?.name ?? '–'}
          {domain && <span className="muted"> · {domain}</span>}
        </dd>
        <dt>{t('person.industry')}</dt>
        <dd>{labels.industry(company.industry ?? account?.industry)}</dd>
        <dt>{t('person.employees')}</dt>
        <dd>{employees === undefined || employees === null ? '–' : format.number(employees)}</dd>
        <dt>{t('person.country')}</dt>
        <dd>{labels.country(company.country ?? account?.country)}</dd>
        <dt>{t('person.accountOwner')}</dt>
        <dd>{account?.owner ? account.owner.name : t('person.noAccountOwner')}</dd>
      </dl>
    </section>
  )
}
