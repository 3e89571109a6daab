// Pipeline value by deal stage: the open deals' value per stage of the agreement (and weighted by the
// stage's probability where it has one), charted in the currency most of it is in; the table lists
// every currency. The numbers open the deal board.
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { ChartFrame, ReportTable } from '../reports/ReportParts.tsx'
import { mainCurrency, pipelineRows, type DealBoard } from './home-figures.ts'
import { FigureLink, InexactNote } from './HomeParts.tsx'
import type { HomeWords } from './use-home-words.ts'

const DEALS = { view: 'deals' }
const OPEN = { stage: ['opportunity'] }

export function PipelineValue({ board, words }: { board: DealBoard; words: HomeWords }) {
  const { t } = useTranslation('home')
  const currency = mainCurrency(board)
  const rows = pipelineRows(board, currency).map((row) => ({
    ...row,
    name: words.label(row.label, row.id),
  }))
  if (rows.every((row) => row.count === 0)) return <p className="empty">{t('pipeline.empty')}</p>
  const otherCurrencies = rows.some((row) => row.totals.some((total) => total.currency !== currency))
  return (
    <>
      <ChartFrame
        title={t('pipeline.chart')}
        testId="pipeline-chart"
        height={280}
        className="home-chart"
        titleHidden
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#e3e8ee" vertical={false} />
            {/* Slanted, so long names ("Falscher Ansprechpartner") stay apart on a phone. */}
            <XAxis
              dataKey="name"
              interval={0}
              angle={-30}
              textAnchor="end"
              height={72}
              tick={{ fontSize: 11, fill: '#57606a' }}
            />
            <YAxis
              tickFormatter={(value: number) => words.money(value, currency)}
              tick={{ fontSize: 11, fill: '#57606a' }}
              width={80}
            />
            <Tooltip formatter={(value, name) => [words.money(Number(value), currency), name]} />
            <Legend
              wrapperStyle={{ fontSize: 13 }}
              itemSorter={(item) => (item.dataKey === 'amount' ? 0 : 1)}
            />
            <Bar dataKey="amount" name={t('pipeline.amount')} fill="#0b5cad" isAnimationActive={false} />
            <Bar dataKey="weighted" name={t('pipeline.weighted')} fill="#848d97" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      {otherCurrencies && <p className="muted home-note">{t('pipeline.otherCurrencies')}</p>}
      <ReportTable caption={t('pipeline.title')} testId="pipeline-table">
        <thead>
          <tr>
            <th scope="col">{t('pipeline.stage')}</th>
            <th scope="col" className="number">
              {t('pipeline.deals')}
            </th>
            <th scope="col" className="number">
              {t('pipeline.amount')}
            </th>
            <th scope="col" className="number">
              {t('pipeline.weighted')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-deal-stage={row.id}>
              <th scope="row">{row.name}</th>
              <td className="number" data-figure="count">
                <FigureLink query={OPEN} extra={DEALS} exact={false}>
                  {words.count(row.count)}
                </FigureLink>
              </td>
              <td className="number" data-figure="amount">
                {row.totals.length === 0
                  ? words.money(0, currency)
                  : row.totals.map((total) => (
                      <div key={total.currency}>
                        <FigureLink query={OPEN} extra={DEALS} exact={false}>
                          {words.money(total.amount, total.currency)}
                        </FigureLink>
                      </div>
                    ))}
              </td>
              <td className="number" data-figure="weighted">
                {row.totals.length === 0
                  ? words.money(0, currency)
                  : row.totals.map((total) => (
                      <div key={total.currency}>
                        {total.weighted === null
                          ? words.notComputable
                          : words.money(total.weighted, total.currency)}
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <InexactNote />
    </>
  )
}
