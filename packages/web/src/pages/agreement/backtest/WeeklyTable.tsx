// The chart's numbers as a table, collapsed by default: the accessible alternative to the chart and the
// place to read exact counts. Partial weeks at the period's ends say how many of their days count.
import { useTranslation } from 'react-i18next'
import type { ChartRow } from './backtest-chart.ts'
import type { BacktestWords } from './use-backtest-words.ts'

export function WeeklyTable({ rows, words }: { rows: readonly ChartRow[]; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  const capacity = rows[0]?.capacity ?? null
  return (
    <details className="backtest-details">
      <summary>{t('chart.tableSummary')}</summary>
      <div className="table-scroll">
        <table className="table backtest-weeks" data-testid="backtest-weeks-table">
          <caption className="visually-hidden">{t('chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.week')}</th>
              <th scope="col" className="number">
                {words.roleName('candidate')}
              </th>
              <th scope="col" className="number">
                {words.roleName('baseline')}
              </th>
              <th scope="col" className="number">
                {t('chart.handOffs')}
              </th>
              {capacity !== null && (
                <th scope="col" className="number">
                  {t('report.capacity')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.week}>
                <th scope="row">
                  {t('chart.weekOf', { date: words.day(row.starts), week: words.week(row.week) })}
                  {row.days < 7 && (
                    <span className="muted"> · {t('chart.partial', { count: row.days })}</span>
                  )}
                </th>
                <td className="number">{words.count(row.candidate)}</td>
                <td className="number">{words.count(row.baseline)}</td>
                <td className="number">{words.count(row.handOffs)}</td>
                {capacity !== null && <td className="number">{words.count(capacity)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
