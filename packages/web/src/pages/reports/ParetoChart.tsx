// A Pareto of reasons: bars by count, most frequent first, the running share as a line on its own axis,
// and the table beneath with the same numbers. The reasons report draws one per outcome; the manager's
// home draws the rejections, its counts linked to the leads behind them.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ParetoRow } from './report-figures.ts'
import { AXIS_TICK, ChartFrame, ReportTable, SERIES_COLOURS } from './ReportParts.tsx'

export type ParetoChartRow = ParetoRow & { label: string }

/** How the screen writes its figures: the reports and the home pages each have their own words. */
export type ParetoWords = {
  count: (value: number) => string
  share: (value: number) => string
  /** a share on the axis, where the ticks must stay narrow */
  axisShare: (value: number) => string
}

type Names = { reason: string; count: string; share: string; cumulative: string }

export function ParetoChart<Row extends ParetoChartRow>({
  rows,
  title,
  caption = title,
  testId,
  tableTestId,
  words,
  names,
  className,
  titleHidden,
  count = (row) => words.count(row.count),
}: {
  rows: readonly Row[]
  title: string
  /** the table's caption, the chart's title unless said otherwise */
  caption?: string
  testId: string
  tableTestId: string
  words: ParetoWords
  /** headings and series names where a screen words them its own way (the home's "Ablehnungsgrund") */
  names?: Partial<Names>
  className?: string
  titleHidden?: boolean
  /** what a count cell holds: the number, or a link to the leads behind it */
  count?: (row: Row) => ReactNode
}) {
  const { t } = useTranslation('reports')
  const name: Names = {
    reason: t('reasons.reason'),
    count: t('reasons.count'),
    share: t('reasons.share'),
    cumulative: t('reasons.cumulative'),
    ...names,
  }
  return (
    <>
      <ChartFrame
        title={title}
        description={t('reasons.chartText')}
        testId={testId}
        className={className}
        titleHidden={titleHidden}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={[...rows]} margin={{ top: 8, right: 0, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#e3e8ee" vertical={false} />
            {/* Slanted and shortened, so long German reasons fit a phone; the table has them in full. */}
            <XAxis
              dataKey="label"
              interval={0}
              angle={-30}
              textAnchor="end"
              height={80}
              tickFormatter={(label: string) => shortened(label)}
              tick={AXIS_TICK}
            />
            <YAxis
              yAxisId="count"
              allowDecimals={false}
              tickFormatter={(value: number) => words.count(value)}
              tick={AXIS_TICK}
              width={48}
            />
            <YAxis
              yAxisId="share"
              orientation="right"
              domain={[0, 1]}
              tickFormatter={(value: number) => words.axisShare(value)}
              tick={AXIS_TICK}
              width={48}
            />
            <Tooltip
              formatter={(value, series, item) => [
                item.dataKey === 'cumulativeShare' ? words.share(Number(value)) : words.count(Number(value)),
                series,
              ]}
            />
            {/* recharts sorts the legend by name otherwise: the bars come first in either language. */}
            <Legend
              wrapperStyle={{ fontSize: 13 }}
              itemSorter={(item) => (item.dataKey === 'count' ? 0 : 1)}
            />
            <Bar
              yAxisId="count"
              dataKey="count"
              name={name.count}
              fill={SERIES_COLOURS[0]}
              isAnimationActive={false}
            />
            <Line
              yAxisId="share"
              dataKey="cumulativeShare"
              name={name.cumulative}
              stroke={SERIES_COLOURS[3]}
              strokeWidth={2}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={caption} testId={tableTestId}>
        <thead>
          <tr>
            <th scope="col">{name.reason}</th>
            <th scope="col" className="number">
              {name.count}
            </th>
            <th scope="col" className="number">
              {name.share}
            </th>
            <th scope="col" className="number">
              {name.cumulative}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.reason} data-reason={row.reason}>
              <th scope="row">{row.label}</th>
              <td className="number" data-figure="count">
                {count(row)}
              </td>
              <td className="number">{words.share(row.share)}</td>
              <td className="number">{words.share(row.cumulativeShare)}</td>
            </tr>
          ))}
        </tbody>
      </ReportTable>
    </>
  )
}

const LABEL_LENGTH = 16
function shortened(label: string): string {
  return label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : label
}
