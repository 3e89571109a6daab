// New MQLs per week as columns, with sales' weekly capacity as a line: marketing sees at a glance whether
// it hands over more than sales can take. Weeks above the capacity are drawn darker and named in the table.
import { useTranslation } from 'react-i18next'
import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { ChartFrame, ReportTable } from '../reports/ReportParts.tsx'
import { isCapacityFarAbove, type FunnelReport, type WeekRow } from './home-figures.ts'
import { FigureLink, InexactNote } from './HomeParts.tsx'
import type { HomeWords } from './use-home-words.ts'

const COLOURS = { mqls: '#0b5cad', over: '#14213d', capacity: '#c11f2d' }

export function WeeklyMqls({
  rows,
  report,
  words,
}: {
  rows: readonly WeekRow[]
  report: FunnelReport
  words: HomeWords
}) {
  const { t } = useTranslation('home')
  const capacity = rows[0]?.capacity ?? null
  // The list behind a week's MQLs: the leads that reached MQL or a later stage (no list filters by week).
  const mqlLink = report.stages.find((stage) => stage.stage === 'mql')!.leads
  const isOver = (row: WeekRow) => capacity !== null && row.mqls > capacity
  const lineShown = capacity !== null && !isCapacityFarAbove(rows)
  const maximum = Math.max(1, lineShown ? capacity : 0, ...rows.map((row) => row.mqls))
  return (
    <>
      <ChartFrame
        title={t('weekly.chart')}
        testId="weekly-chart"
        height={240}
        className="home-chart"
        titleHidden
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={[...rows]} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="#e3e8ee" vertical={false} />
            <XAxis
              dataKey="week"
              tickFormatter={(week: string) => words.weekTick(week)}
              minTickGap={12}
              tick={{ fontSize: 12, fill: '#57606a' }}
            />
            <YAxis
              allowDecimals={false}
              domain={[0, Math.ceil(maximum * 1.1)]}
              tickFormatter={(value: number) => words.count(value)}
              tick={{ fontSize: 12, fill: '#57606a' }}
              width={48}
            />
            <Tooltip
              labelFormatter={(week) => words.day(String(week))}
              formatter={(value, name) => [words.count(Number(value)), name]}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="mqls" name={t('weekly.mqls')} fill={COLOURS.mqls} isAnimationActive={false}>
              {rows.map((row) => (
                <Cell key={row.week} fill={isOver(row) ? COLOURS.over : COLOURS.mqls} />
              ))}
            </Bar>
            {lineShown && (
              <Line
                dataKey="capacity"
                name={t('weekly.capacityLine', { capacity: words.count(capacity) })}
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
      </ChartFrame>
      {capacity === null ? (
        <p className="muted home-note">{t('weekly.noCapacity')}</p>
      ) : (
        !lineShown && (
          <p className="muted home-note" data-testid="capacity-far-above">
            {t('weekly.farAbove', {
              capacity: words.count(capacity),
              busiest: words.count(Math.max(...rows.map((row) => row.mqls))),
            })}
          </p>
        )
      )}
      <ReportTable caption={t('weekly.title')} testId="weekly-table">
        <thead>
          <tr>
            <th scope="col">{t('weekly.week')}</th>
            <th scope="col" className="number">
              {t('weekly.mqls')}
            </th>
            {capacity !== null && (
              <th scope="col" className="number">
                {t('weekly.capacity')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.week} data-week={row.week}>
              <th scope="row">
                {words.day(row.week)}
                {row.days < 7 && <span className="muted"> · {t('weekly.partial')}</span>}
              </th>
              <td className="number" data-figure="mqls">
                <FigureLink query={mqlLink.query} exact={false}>
                  {words.count(row.mqls)}
                </FigureLink>
                {isOver(row) && <strong className="home-over"> · {t('weekly.over')}</strong>}
              </td>
              {capacity !== null && <td className="number">{words.count(capacity)}</td>}
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <InexactNote />
    </>
  )
}
