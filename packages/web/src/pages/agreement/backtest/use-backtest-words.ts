// The words the backtest screen is built from, in the UI's language: version names by their role,
// calendar days, weeks, shares and lifts, and "nicht berechenbar" with its reason.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../../hooks/format.ts'
import { formatCalendarDay, weekNumberOf } from './backtest-chart.ts'
import { formatLift, formatShare, shiftOf, type UnavailableReason } from './backtest-figures.ts'
import type { BacktestRun, VersionRole } from './backtest-types.ts'

export function useBacktestWords(run: Pick<BacktestRun, 'candidateVersion' | 'baselineVersion'>) {
  const { t, i18n } = useTranslation('backtest')
  const format = useFormat()
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  const versionName = (role: VersionRole) => {
    const number = role === 'candidate' ? run.candidateVersion : run.baselineVersion
    return number === null ? t('textVersion') : t('version', { version: number })
  }
  return {
    locale,
    format,
    /** "Version 8" */
    versionName,
    /** "Version 8 (getestet)", "Version 7 (Vergleich)" */
    roleName: (role: VersionRole) =>
      role === 'candidate'
        ? t('role.candidate', { name: versionName(role) })
        : t('role.baseline', { name: versionName(role) }),
    day: (date: string) => formatCalendarDay(date, locale),
    week: (week: string) => weekNumberOf(week),
    share: (value: number | null) => formatShare(value, locale),
    lift: (value: number | null) => formatLift(value, locale),
    count: (value: number) => format.number(value),
    shift: (days: number | null) => {
      const shift = shiftOf(days)
      if (shift === null) return null
      if (shift.direction === 'same') return t('figures.same')
      const one = shift.days === 1
      if (shift.direction === 'earlier')
        return one ? t('figures.earlierOne') : t('figures.earlier', { days: format.number(shift.days) })
      return one ? t('figures.laterOne') : t('figures.later', { days: format.number(shift.days) })
    },
    unavailable: (reason: UnavailableReason) => t(`unavailable.${reason}`),
  }
}

export type BacktestWords = ReturnType<typeof useBacktestWords>
