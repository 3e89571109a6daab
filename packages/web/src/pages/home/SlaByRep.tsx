// SLA compliance per rep: each rep's hand-offs of the period stacked by outcome (in time, late, missed,
// still open), the worst share in time first, and the table with the team's line at the bottom. A row's
// numbers open the leads handed to that rep (or the team) in the period.
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { ChartFrame, ReportTable } from '../reports/ReportParts.tsx'
import type { SlaReport, SlaRow } from './home-figures.ts'
import { FigureLink, InexactNote } from './HomeParts.tsx'
import type { HomeWords } from './use-home-words.ts'

const OUTCOMES = ['inTime', 'late', 'missed', 'open'] as const
const COLOURS = { inTime: '#1a7f37', late: '#9a6700', missed: '#c11f2d', open: '#848d97' }

export function SlaByRep({ report, rows, words }: { report: SlaReport; rows: SlaRow[]; words: HomeWords }) {
  const { t } = useTranslation('home')
  if (rows.length === 0) return <p className="empty">{t('sla.empty')}</p>
  return (
    <>
      <ChartFrame
        title={t('sla.chart')}
        testId="sla-chart"
        height={60 + rows.length * 30}
        className="home-chart"
        titleHidden
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="#e3e8ee" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              tickFormatter={(value: number) => words.count(value)}
              tick={{ fontSize: 12, fill: '#57606a' }}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={120}
              interval={0}
              tick={{ fontSize: 12, fill: '#1b1f24' }}
            />
            <Tooltip formatter={(value, name) => [words.count(Number(value)), name]} />
            <Legend
              wrapperStyle={{ fontSize: 13 }}
              itemSorter={(item) => OUTCOMES.indexOf(item.dataKey as (typeof OUTCOMES)[number])}
            />
            {OUTCOMES.map((outcome) => (
              <Bar
                key={outcome}
                dataKey={outcome}
                stackId="handOffs"
                name={t(`sla.${outcome}`)}
                fill={COLOURS[outcome]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={t('sla.title')} testId="sla-table">
        <thead>
          <tr>
            <th scope="col">{t('sla.rep')}</th>
            <th scope="col" className="number">
              {t('sla.handOffs')}
            </th>
            {OUTCOMES.map((outcome) => (
              <th key={outcome} scope="col" className="number">
                {t(`sla.${outcome}`)}
              </th>
            ))}
            <th scope="col" className="number">
              {t('sla.inTimeShare')}
            </th>
            <th scope="col" className="number">
              {t('sla.medianRepHours')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.rep} data-rep={row.userId ?? row.rep}>
              <th scope="row">{row.name}</th>
              {(['handOffs', ...OUTCOMES] as const).map((figure) => (
                <td key={figure} className="number" data-figure={figure}>
                  <FigureLink query={row.leads.query} exact={row.leads.exact}>
                    {words.count(row[figure])}
                  </FigureLink>
                </td>
              ))}
              <td className="number" data-figure="inTimeShare">
                {words.share(row.inTimeShare)}
              </td>
              <td className="number">{words.figure(row.medianRepHours)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-rep="team">
            <th scope="row">{t('sla.team')}</th>
            {(['handOffs', ...OUTCOMES] as const).map((figure) => (
              <td key={figure} className="number" data-figure={figure}>
                <FigureLink query={report.team.leads.query} exact={report.team.leads.exact}>
                  {words.count(report.team[figure])}
                </FigureLink>
              </td>
            ))}
            <td className="number" data-figure="inTimeShare">
              {words.share(report.team.inTimeShare)}
            </td>
            <td className="number">{words.figure(report.team.medianRepHours)}</td>
          </tr>
        </tfoot>
      </ReportTable>
      <InexactNote />
    </>
  )
}
