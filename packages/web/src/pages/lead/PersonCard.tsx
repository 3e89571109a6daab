// The person and their company, as the lead's own data and its account know them.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import { Email } from './Email.tsx'
import { leadName, type LeadDetail } from './lead-types.ts'

export function PersonCard({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const company = lead.company ?? {}
  const account = lead.account
  const employees = company.employees ?? account?.employees
  const domain = company.domain ?? account?.domain
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
          <Email address={lead.email} />
        </dd>
        <dt>{t('person.phone')}</dt>
        <dd>{lead.phone ? <a href={`tel:${lead.phone.replaceAll(' ', '')}`}>{lead.phone}</a> : '–'}</dd>
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
