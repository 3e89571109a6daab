// The comparison as a table: what each run tested over which period, then the tested version's figures of
// both reports and how far the other run differs. "nicht berechenbar" where a report has no figure, and
// then no difference. On a phone the table scrolls inside its frame, as the figure table does.
import { useTranslation } from 'react-i18next'
import { NotComputable } from './FigureTable.tsx'
import {
  compareReports,
  formatSigned,
  isSamePeriod,
  type ComparedFigure,
  type ComparisonRow,
} from './backtest-comparison.ts'
import { useBacktestWords, type BacktestWords } from './use-backtest-words.ts'
import type { BacktestReport, BacktestRun } from './backtest-types.ts'

type Props = { shown: BacktestRun; report: BacktestReport; other: BacktestRun; otherReport: BacktestReport }

export function ComparisonTable({ shown, report, other, otherReport }: Props) {
  const { t } = useTranslation('backtest')
  const words = useBacktestWords(shown)
  const rows = compareReports(report, otherReport)
  const versionOf = (number: number | null) =>
    number === null ? t('compare.file') : t('version', { version: number })
  const described = (run: BacktestRun) => ({
    period: `${words.day(run.period.from)} – ${words.day(run.period.to)}`,
    candidateVersion: versionOf(run.candidateVersion),
    baselineVersion: versionOf(run.baselineVersion),
  })
  const [a, b] = [described(shown), described(other)]
  return (
    <>
      {!isSamePeriod(shown, other) && (
        <p className="warning" data-testid="backtest-compare-periods">
          {t('compare.differentPeriods')}
        </p>
      )}
      <div className="table-scroll">
        <table className="table backtest-comparison" data-testid="backtest-comparison">
          <caption className="visually-hidden">{t('compare.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compare.figure')}</th>
              <th scope="col" className="number">
                {t('compare.thisRun')}
              </th>
              <th scope="col" className="number">
                {t('compare.otherRun')}
              </th>
              <th scope="col" className="number">
                {t('compare.difference')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(['period', 'candidateVersion', 'baselineVersion'] as const).map((key) => (
              <tr key={key} data-row={key}>
                <th scope="row">{t(`compare.row.${key}`)}</th>
                <td className="number">{a[key]}</td>
                <td className="number">{b[key]}</td>
                <td className="number" />
              </tr>
            ))}
            {rows.map((row) => (
              <FigureRow key={row.key} row={row} words={words} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted backtest-note">{t('compare.explain')}</p>
    </>
  )
}

function FigureRow({ row, words }: { row: ComparisonRow; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  const label = row.stageFigure
    ? t('compare.row.stageFigure', {
        figure: t(`figures.${row.stageFigure.figure}`),
        stage: t(`common:stage.${row.stageFigure.stage}`),
      })
    : t(`compare.row.${row.key}`)
  const cell = (figure: ComparedFigure, index: 0 | 1) => (
    <td className="number">
      {figure.reason !== null ? (
        <NotComputable reason={figure.reason} words={words} />
      ) : row.outOf ? (
        t('compare.ofRejected', {
          count: words.count(figure.value),
          rejected: words.count(row.outOf[index]),
        })
      ) : (
        valueText(row.unit, figure.value, words)
      )}
    </td>
  )
  return (
    <tr data-row={row.key}>
      <th scope="row">{label}</th>
      {cell(row.shown, 0)}
      {cell(row.other, 1)}
      <td className="number" data-testid="comparison-difference">
        {row.difference === null ? null : <Difference row={row} difference={row.difference} words={words} />}
      </td>
    </tr>
  )
}

function valueText(unit: ComparisonRow['unit'], value: number, words: BacktestWords): string | null {
  switch (unit) {
    case 'count':
    case 'average':
      return words.count(value)
    case 'share':
      return words.share(value)
    case 'lift':
      return words.lift(value)
    case 'days':
      return words.shift(value)
  }
}

function Difference({
  row,
  difference,
  words,
}: {
  row: ComparisonRow
  difference: number
  words: BacktestWords
}) {
  const { t } = useTranslation('backtest')
  const signed = (decimals: number) => formatSigned(difference, words.locale, decimals)
  switch (row.unit) {
    case 'count':
      return signed(0)
    case 'average':
      return signed(1)
    case 'share':
      return t('compare.points', { value: signed(1) })
    case 'lift':
      return `${signed(1)}×`
    case 'days':
      return t('compare.days', { count: Math.abs(difference), value: signed(1) })
  }
}
