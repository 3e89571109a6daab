// Report figures as the UI's language writes them: counts, shares as percentages, days and hours with
// one decimal, money, calendar days and periods. A null figure is not a number: it comes back null, and
// the screen words it "nicht berechenbar" / "not computable" rather than showing 0.
export function createReportFormat(language: string) {
  const locale = language === 'en' ? 'en-GB' : 'de-DE'
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 1 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const wholePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const shortDay = new Intl.DateTimeFormat(locale, {
    day: locale === 'de-DE' ? '2-digit' : 'numeric',
    month: locale === 'de-DE' ? '2-digit' : 'short',
    timeZone: 'UTC',
  })
  // German teams write periods as "01.09. – 30.11.2026"; English as "1 Sept – 30 Nov 2026".
  const range = new Intl.DateTimeFormat(
    locale,
    locale === 'de-DE'
      ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
      : { dateStyle: 'medium', timeZone: 'UTC' },
  )
  const calendar = (date: string) => new Date(`${date}T00:00:00Z`)
  const orNull =
    <T>(format: (value: number) => T) =>
    (value: number | null | undefined): T | null =>
      value === null || value === undefined || !Number.isFinite(value) ? null : format(value)
  return {
    locale,
    count: orNull((value) => count.format(value)),
    decimal: orNull((value) => decimal.format(value)),
    share: orNull((value) => percent.format(value)),
    /** a share on a chart's axis, whole percent: the ticks stay narrow */
    axisShare: (value: number) => wholePercent.format(value),
    money: orNull((value) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
        value,
      ),
    ),
    /** a calendar day (YYYY-MM-DD) in full: "07.12.2026" / "7 Dec 2026" */
    day: (date: string) => day.format(calendar(date)),
    /** a week's Monday on an axis: "07.12." / "7 Dec" */
    shortDay: (date: string) => shortDay.format(calendar(date)),
    /** a period of calendar days, both included: "01.09. – 30.11.2026" */
    period: (from: string, to: string) =>
      from === to ? range.format(calendar(from)) : range.formatRange(calendar(from), calendar(to)),
  }
}

export type ReportFormat = ReturnType<typeof createReportFormat>
