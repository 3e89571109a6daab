// Numbers, dates and durations as the UI's language writes them, dates in the workspace's time zone.
import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'

/** Until the session has loaded (and on the sign-in screen): where the demo and most workspaces are. */
export const FALLBACK_TIME_ZONE = 'Europe/Berlin'

// Provided by the session (session.tsx), so every screen shows the times the reports count in.
export const WorkspaceTimeZone = createContext(FALLBACK_TIME_ZONE)

type Translate = (key: 'format.businessHours', options: { hours: string }) => string

/** The formatters for a UI language and an IANA time zone; pure, so they can be tested without React. */
export function createFormat(language: string, timeZone: string, t: Translate) {
  const locale = language === 'en' ? 'en-GB' : 'de-DE'
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone })
  const money = (amount: number, currency = 'EUR') =>
    new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
  return {
    timeZone,
    number: (value: number) => number.format(value),
    score: (value: number) => number.format(Math.round(value)),
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '–'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '–'),
    money,
    businessHours: (hours: number) => t('format.businessHours', { hours: number.format(Math.abs(hours)) }),
  }
}

export function useFormat() {
  const { i18n, t } = useTranslation()
  return createFormat(i18n.language, useContext(WorkspaceTimeZone), t)
}
