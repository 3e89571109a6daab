// The controls the add and edit dialogs share: role, language, and the region whose public holidays
// pause a person's SLA clock. Each passes id and aria attributes through, so <Field> can label it.
import type { SelectHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../session/session.tsx'
import { useAgreement } from '../../hooks/use-agreement.ts'

export const MIN_PASSWORD = 12
const ROLES: Role[] = ['admin', 'marketing', 'sales_manager', 'sales']
// The German states (ISO 3166-2:DE); the holiday calendar knows them by these codes.
const GERMAN_STATES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
]

type Passed = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>

export function RoleSelect({
  value,
  onChange,
  ...passed
}: Passed & { value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation('settings')
  return (
    <select {...passed} value={value} onChange={(event) => onChange(event.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`common:roles.${role}`)}
        </option>
      ))}
    </select>
  )
}

export function LocaleSelect({
  value,
  onChange,
  ...passed
}: Passed & { value: 'de' | 'en'; onChange: (locale: 'de' | 'en') => void }) {
  const { t } = useTranslation('settings')
  return (
    <select {...passed} value={value} onChange={(event) => onChange(event.target.value as 'de' | 'en')}>
      <option value="de">{t('users.languages.de')}</option>
      <option value="en">{t('users.languages.en')}</option>
    </select>
  )
}

/** The German states by name; a free code when the agreement's holiday calendar is another country's. */
export function RegionSelect({
  value,
  onChange,
  ...passed
}: Passed & { value: string | null; onChange: (region: string | null) => void }) {
  const { t } = useTranslation('settings')
  const agreement = useAgreement()
  const holidays = agreement.data?.document.sla?.businessHours.holidays
  const country = holidays && !Array.isArray(holidays) ? holidays.country.toUpperCase() : 'DE'
  if (country !== 'DE') {
    return (
      <input
        id={passed.id}
        aria-invalid={passed['aria-invalid']}
        aria-describedby={passed['aria-describedby']}
        value={value ?? ''}
        maxLength={6}
        placeholder={t('users.regionPlaceholder')}
        onChange={(event) => onChange(event.target.value.trim().toUpperCase() || null)}
      />
    )
  }
  const known = value === null || GERMAN_STATES.includes(value)
  return (
    <select {...passed} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
      <option value="">{t('users.regionDefault')}</option>
      {!known && <option value={value}>{value}</option>}
      {GERMAN_STATES.map((code) => (
        <option key={code} value={code}>
          {t(`users.regions.${code}`)} ({code})
        </option>
      ))}
    </select>
  )
}
