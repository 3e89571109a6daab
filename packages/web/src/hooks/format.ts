// Numbers, dates and durations as the UI's language writes them.
import { useTranslation } from 'react-i18next'

export function useFormat() {
  const { i18n, t } = useTranslation()
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  })
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Berlin' })
  const money = (amount: number, currency = 'EUR') =>
    new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
  return {
    number: (value: number) => number.format(value),
    score: (value: number) => number.format(Math.round(value)),
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '–'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '–'),
    money,
    businessHours: (hours: number) => t('format.businessHours', { hours: number.format(Math.abs(hours)) }),
  }
}
