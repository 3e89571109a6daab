// MQLs per week under both versions beside the real hand-offs and the capacity line. Series differ by
// more than colour (solid, dashed, bars, dotted), so the chart reads in grey too; the table beneath it
// holds the same numbers for screen readers.
import { useState } from 'react'
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
import { chartMaximum, formatWeekTick, isCapacityFarAbove, type ChartRow } from './backtest-chart.ts'
import type { BacktestWords } from './use-backtest-words.ts'

const COLOURS = { candidate: '#0b5cad', baseline: '#9a4b00', handOffs: '#848d97', capacity: '#c11f2d' }
// Legend and tooltip list the series in this order (recharts sorts by name otherwise).
const ORDER = ['candidate', 'baseline', 'handOffs', 'capacity']
const inOrder = (item: { dataKey?: unknown }) => ORDER.indexOf(String(item.dataKey))

export function WeeklyChart({ rows, words }: { rows: readonly ChartRow[]; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  const [zoomed, setZoomed] = useState(false)
  const zoomable = isCapacityFarAbove(rows)
  const capacity = rows[0]?.capacity ?? null
  const capacityShown = capacity !== null && !(zoomable && zoomed)
  const names = {
    candidate: words.roleName('candidate'),
    baseline: words.roleName('baseline'),
    handOffs: t('chart.handOffs'),
    capacity: t('chart.capacity', { capacity: capacity === null ? '' : words.count(capacity) }),
  }
  const byWeek = new Map(rows.map((row) => [row.week, row]))
  const weekLabel = (week: unknown) => {
    const row = byWeek.get(String(week))
    if (!row) return String(week)
    const label = t('chart.weekOf', { date: words.day(row.starts), week: words.week(row.week) })
    return row.days < 7 ? `${label}, ${t('chart.partial', { count: row.days })}` : label
  }
  return (
    <figure className="backtest-chart" data-testid="backtest-chart">
      <figcaption className="visually-hidden">{t('chart.label')}</figcaption>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={[...rows]} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#e3e8ee" vertical={false} />
          <XAxis
            dataKey="week"
            tickFormatter={(week: string) => formatWeekTick(byWeek.get(week)?.starts ?? week, words.locale)}
            minTickGap={16}
            tick={{ fontSize: 12, fill: '#57606a' }}
          />
          <YAxis
            allowDecimals={false}
            domain={[0, Math.max(1, Math.ceil(chartMaximum(rows, { capacity: capacityShown }) * 1.1))]}
            tickFormatter={(value: number) => words.count(value)}
            tick={{ fontSize: 12, fill: '#57606a' }}
            width={48}
          />
          <Tooltip
            labelFormatter={weekLabel}
            formatter={(value, name) => [words.count(Number(value)), name]}
            itemSorter={inOrder}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={inOrder} />
          <Bar dataKey="handOffs" name={names.handOffs} fill={COLOURS.handOffs} isAnimationActive={false} />
          <Line
            dataKey="candidate"
            name={names.candidate}
            stroke={COLOURS.candidate}
            strokeWidth={2.5}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="baseline"
            name={names.baseline}
            stroke={COLOURS.baseline}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            isAnimationActive={false}
          />
          {capacityShown && (
            <Line
              dataKey="capacity"
              name={names.capacity}
              stroke={COLOURS.capacity}
              strokeWidth={1.5}
              strokeDasharray="2 3"
              dot={false}
              isAnimationActive={false}
              type="stepAfter"
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
      {zoomable && (
        <div className="backtest-zoom">
          <button type="button" aria-pressed={zoomed} onClick={() => setZoomed(!zoomed)}>
            {t('chart.zoom')}
          </button>
          {zoomed && capacity !== null && (
            <span className="muted">{t('chart.zoomed', { capacity: words.count(capacity) })}</span>
          )}
        </div>
      )}
    </figure>
  )
}
