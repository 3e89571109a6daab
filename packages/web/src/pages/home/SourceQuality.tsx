// Source quality: per source the MQL, SQL and won rates as grouped bars (a rate without leads to count
// is left out of the chart and reads "nicht berechenbar" in the table), and the table with volume,
// revenue won and the median days to SQL. Each source's numbers open its leads.
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { ChartFrame, ReportTable } from '../reports/ReportParts.tsx'
import type { ReportOf } from './home-figures.ts'
import { FigureLink, InexactNote } from './HomeParts.tsx'
import type { HomeWords } from './use-home-words.ts'

const COLOURS = { mqlRate: '#0b5cad', sqlRate: '#9a4b00', wonRate: '#1a7f37' }
const RATES = ['mqlRate', 'sqlRate', 'wonRate'] as const

export function SourceQuality({ report, words }: { report: ReportOf<'sources'>; words: HomeWords }) {
  const { t } = useTranslation('home')
  const rows = report.sources.map((source) => ({ ...source, name: words.source(source.source) }))
  return (
    <>
      <ChartFrame
        title={t('sources.chart')}
        testId="sources-chart"
        height={60 + rows.length * 48}
        className="home-chart"
        titleHidden
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="#e3e8ee" horizontal={false} />
            <XAxis
              type="number"
              domain={[0, 1]}
              tickFormatter={(value: number) => words.share(value)}
              tick={{ fontSize: 12, fill: '#57606a' }}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={130}
              interval={0}
              tick={{ fontSize: 12, fill: '#1b1f24' }}
            />
            <Tooltip
              formatter={(value, name) => [words.share(value === null ? null : Number(value)), name]}
            />
            <Legend
              wrapperStyle={{ fontSize: 13 }}
              itemSorter={(item) => RATES.indexOf(item.dataKey as (typeof RATES)[number])}
            />
            {RATES.map((rate) => (
              <Bar
                key={rate}
                dataKey={rate}
                name={t(`sources.${rate}`)}
                fill={COLOURS[rate]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={t('sources.title')} testId="sources-table">
        <thead>
          <tr>
            <th scope="col">{t('sources.source')}</th>
            <th scope="col" className="number">
              {t('sources.leads')}
            </th>
            {RATES.map((rate) => (
              <th key={rate} scope="col" className="number">
                {t(`sources.${rate}`)}
              </th>
            ))}
            <th scope="col" className="number">
              {t('sources.revenueWon')}
            </th>
            <th scope="col" className="number">
              {t('sources.medianDaysToSql')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.source ?? ''} data-source={row.source ?? ''}>
              <th scope="row">{row.name}</th>
              <td className="number" data-figure="leads">
                <FigureLink query={row.list.query} exact={row.list.exact}>
                  {words.count(row.leads)}
                </FigureLink>
              </td>
              {RATES.map((rate) => (
                <td key={rate} className="number" data-figure={rate}>
                  <FigureLink query={row.list.query} exact={row.list.exact}>
                    {words.share(row[rate])}
                  </FigureLink>
                </td>
              ))}
              <td className="number">{words.money(row.revenueWon, 'EUR')}</td>
              <td className="number">{words.figure(row.medianDaysToSql)}</td>
            </tr>
          ))}
        </tbody>
      </ReportTable>
      {rows.some((row) => !row.list.exact) && <InexactNote />}
    </>
  )
}
