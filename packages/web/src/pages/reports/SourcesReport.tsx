// Source quality: per source the MQL, SQL and won rates as grouped bars, and the table beneath with
// volume (opening the source's leads), counts, rates, revenue won and the median days to SQL.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ReportOf } from './report-query.ts'
import type { ReportWords } from './use-report-words.ts'
import {
  anyInexact,
  AXIS_TICK,
  ChartFrame,
  Figure,
  InexactNote,
  LeadCount,
  ReportTable,
  SERIES_COLOURS,
} from './ReportParts.tsx'

type Sources = ReportOf<'sources'>
const RATES = ['mqlRate', 'sqlRate', 'wonRate'] as const

export function SourcesReport({ report, words }: { report: Sources; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const noteId = useId()
  const rows = report.sources.map((row) => ({ ...row, label: words.source(row.source) }))
  return (
    <>
      <ChartFrame
        title={t('sources.chart')}
        description={t('sources.chartText')}
        testId="report-chart"
        height={Math.max(260, rows.length * 48 + 60)}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e3e8ee" horizontal={false} />
            <XAxis
              type="number"
              domain={[0, 1]}
              tickFormatter={(value: number) => words.format.axisShare(value)}
              tick={AXIS_TICK}
            />
            <YAxis type="category" dataKey="label" width={110} tick={AXIS_TICK} />
            <Tooltip
              formatter={(value, name) => [words.share(value === null ? null : Number(value)), name]}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {RATES.map((rate, index) => (
              <Bar
                key={rate}
                dataKey={rate}
                name={t(`sources.${rate}`)}
                fill={SERIES_COLOURS[index]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={t('sources.chart')} testId="report-table">
        <thead>
          <tr>
            <th scope="col">{t('sources.source')}</th>
            {(['leads', 'mqls', 'sqls', 'customers', ...RATES, 'revenueWon', 'medianDaysToSql'] as const).map(
              (key) => (
                <th key={key} scope="col" className="number">
                  {t(`sources.${key}`)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {report.sources.map((row) => (
            <tr key={row.source ?? ''}>
              <th scope="row">{words.source(row.source)}</th>
              <td className="number">
                <LeadCount value={row.leads} link={row.list} words={words} noteId={noteId} />
              </td>
              <td className="number">
                <LeadCount value={row.mqls} link={row.mqlList} words={words} noteId={noteId} />
              </td>
              <td className="number">
                <LeadCount value={row.sqls} link={row.sqlList} words={words} noteId={noteId} />
              </td>
              <td className="number">
                <LeadCount value={row.customers} link={row.customerList} words={words} noteId={noteId} />
              </td>
              {RATES.map((rate) => (
                <td key={rate} className="number">
                  <Figure text={words.format.share(row[rate])} />
                </td>
              ))}
              <td className="number">{words.money(row.revenueWon)}</td>
              <td className="number">
                <Figure text={words.format.decimal(row.medianDaysToSql)} />
              </td>
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <InexactNote id={noteId} shown={anyInexact(report.sources.map((row) => row.list))} />
    </>
  )
}
