// The content leads consumed before they became MQL, most MQL entries after it first: bars of the leads
// that consumed each item and of those that entered MQL at or after it (the top ten), and the table of
// every item with the rate and the median days from first consumption to MQL.
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Empty } from '../../../components/States.tsx'
import { AXIS_TICK, ChartFrame, Figure, OneLineTick, ReportTable, SERIES_COLOURS } from '../ReportParts.tsx'
import type { ReportWords } from '../use-report-words.ts'
import { precedingChartRows, type PrecedingItem } from './content-gaps-figures.ts'
import type { ContentWords } from './use-content-words.ts'

const CHART_ITEMS = 10
const LABEL_LENGTH = 24
const LABEL_WIDTH = 175

export function PrecedingMql({
  items,
  words,
  content,
}: {
  items: readonly PrecedingItem[]
  words: ReportWords
  content: ContentWords
}) {
  const { t } = useTranslation('reports')
  const title = t('contentGaps.preceding.title')
  const rows = precedingChartRows(items, CHART_ITEMS).map((item) => ({
    label: content.title(item),
    leads: item.leads,
    mqlAfter: item.mqlAfter,
  }))
  return (
    <section className="report-section" aria-labelledby="preceding-title">
      <h2 id="preceding-title">{title}</h2>
      <p className="muted">{t('contentGaps.preceding.intro')}</p>
      {items.length === 0 ? (
        <Empty>{t('contentGaps.preceding.empty')}</Empty>
      ) : (
        <>
          {rows.length > 0 && (
            <ChartFrame
              title={t('contentGaps.preceding.chart', { shown: words.count(rows.length) })}
              description={t('contentGaps.preceding.chartText')}
              testId="preceding-chart"
              height={70 + rows.length * 44}
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
                  <CartesianGrid stroke="#e3e8ee" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
                  <YAxis
                    type="category"
                    dataKey="label"
                    width={LABEL_WIDTH}
                    interval={0}
                    tick={(props: object) => <OneLineTick {...props} length={LABEL_LENGTH} />}
                  />
                  <Tooltip formatter={(value, name) => [words.count(Number(value)), name]} />
                  <Legend
                    wrapperStyle={{ fontSize: 13 }}
                    itemSorter={(item) => (item.dataKey === 'mqlAfter' ? 0 : 1)}
                  />
                  <Bar
                    dataKey="mqlAfter"
                    name={t('contentGaps.preceding.mqlAfter')}
                    fill={SERIES_COLOURS[0]}
                    isAnimationActive={false}
                  />
                  <Bar
                    dataKey="leads"
                    name={t('contentGaps.preceding.leads')}
                    fill="#9fb3c8"
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </ChartFrame>
          )}
          <ReportTable caption={title} testId="preceding">
            <thead>
              <tr>
                <th scope="col">{t('contentGaps.preceding.content')}</th>
                <th scope="col" className="number">
                  {t('contentGaps.preceding.leads')}
                </th>
                <th scope="col" className="number">
                  {t('contentGaps.preceding.mqlAfter')}
                </th>
                <th scope="col" className="number">
                  {t('contentGaps.preceding.mqlRate')}
                </th>
                <th scope="col" className="number">
                  {t('contentGaps.preceding.medianDays')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.contentId} data-content={item.contentId}>
                  <th scope="row">
                    {content.title(item)}
                    <span className="gap-sub">
                      {[
                        content.kind(item.kind),
                        content.stage(item.journeyStage),
                        content.language(item.language),
                        item.inCatalog ? null : t('contentGaps.topics.notInCatalog'),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </th>
                  <td className="number" data-figure="leads">
                    {words.count(item.leads)}
                  </td>
                  <td className="number" data-figure="mqlAfter">
                    {words.count(item.mqlAfter)}
                  </td>
                  <td className="number" data-figure="mqlRate">
                    <Figure text={words.format.share(item.mqlRate)} />
                  </td>
                  <td className="number" data-figure="medianDays">
                    {words.format.decimal(item.medianDaysToMql) ?? '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </ReportTable>
        </>
      )}
    </section>
  )
}
