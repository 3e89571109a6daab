// The words the home pages are built from, in the UI's language: counts, shares, days and hours, money,
// calendar days, and "nicht berechenbar" where a figure has nothing to be computed from.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLabel } from '../../hooks/use-agreement.ts'
import { formatShare } from '../agreement/backtest/backtest-figures.ts'
import { formatCalendarDay, formatWeekTick } from '../agreement/backtest/backtest-chart.ts'

export function useHomeWords() {
  const { t, i18n } = useTranslation('home')
  const format = useFormat()
  const label = useLabel()
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  const notComputable = t('notComputable')
  return {
    locale,
    language: (i18n.language === 'en' ? 'en' : 'de') as 'de' | 'en',
    label,
    notComputable,
    count: (value: number) => format.number(value),
    /** a share from 0 to 1 as a percentage; null reads "nicht berechenbar" */
    share: (value: number | null) => formatShare(value, locale) ?? notComputable,
    /** a figure (days, hours) with one decimal; null reads "nicht berechenbar" */
    figure: (value: number | null) => (value === null ? notComputable : format.number(value)),
    money: (amount: number, currency: string) => format.money(amount, currency),
    /** a calendar day (YYYY-MM-DD), "02.11.2026" / "2 Nov 2026" */
    day: (date: string) => formatCalendarDay(date, locale),
    /** a week's Monday for a chart axis, "02.11." / "2 Nov" */
    weekTick: (date: string) => formatWeekTick(date, locale),
    stage: (stage: string) => t(`common:stage.${stage}`, { defaultValue: stage }),
    source: (source: string | null) =>
      source === null ? t('sources.unknown') : t(`common:source.${source}`, { defaultValue: source }),
  }
}

export type HomeWords = ReturnType<typeof useHomeWords>
