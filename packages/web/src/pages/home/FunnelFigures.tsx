// A funnel as bars per stage with the table beneath: leads per stage, the rate from the stage before
// and from the first, and (cohort) the median days to get there. A bar opens the leads behind it.
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { ChartFrame, ReportTable } from '../reports/ReportParts.tsx'
import { boardHref, type FunnelReport } from './home-figures.ts'
import { FigureLink, InexactNote } from './HomeParts.tsx'
import type { HomeWords } from './use-home-words.ts'

const BAR = '#0b5cad'

export function FunnelFigures({
  report,
  words,
  fromStage = 'lead',
}: {
  report: FunnelReport
  words: HomeWords
  /** the first stage shown: a rep's funnel starts at MQL, the stage leads reach them in */
  fromStage?: FunnelReport['stages'][number]['stage']
}) {
  const { t } = useTranslation('home')
  const navigate = useNavigate()
  const stages = report.stages.slice(report.stages.findIndex((stage) => stage.stage === fromStage))
  const rows = stages.map((stage) => ({ ...stage, name: words.stage(stage.stage) }))
  const cohort = report.view === 'cohort'
  return (
    <>
      <ChartFrame
        title={t('funnel.chart')}
        testId="funnel-chart"
        height={40 + rows.length * 34}
        className="home-chart"
        titleHidden
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
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
            <Tooltip formatter={(value) => [words.count(Number(value)), t('funnel.entered')]} />
            <Bar
              dataKey="entered"
              fill={BAR}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(_data, index) => {
                const row = rows[index]
                if (row) void navigate(boardHref(row.leads.query))
              }}
            >
              <LabelList
                dataKey="entered"
                position="right"
                formatter={(value: unknown) => words.count(Number(value))}
                style={{ fontSize: 12, fill: '#1b1f24' }}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={t('funnel.title')} testId="funnel-table">
        <thead>
          <tr>
            <th scope="col">{t('funnel.stage')}</th>
            <th scope="col" className="number">
              {t('funnel.entered')}
            </th>
            <th scope="col" className="number">
              {t('funnel.fromPrevious')}
            </th>
            {fromStage === 'lead' && (
              <th scope="col" className="number">
                {t('funnel.fromFirst')}
              </th>
            )}
            {cohort && (
              <th scope="col" className="number">
                {t('funnel.medianDays')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.stage} data-stage={row.stage}>
              <th scope="row">{row.name}</th>
              <td className="number" data-figure="entered">
                <FigureLink query={row.leads.query} exact={row.leads.exact}>
                  {words.count(row.entered)}
                </FigureLink>
              </td>
              <td className="number">{index === 0 ? '–' : words.share(row.conversionFromPrevious)}</td>
              {fromStage === 'lead' && (
                <td className="number">{index === 0 ? '–' : words.share(row.conversionFromFirst)}</td>
              )}
              {cohort && <td className="number">{words.figure(row.medianDays)}</td>}
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <p className="muted home-note">
        {t('funnel.exits', {
          recycled: words.count(report.exits.recycled),
          disqualified: words.count(report.exits.disqualified),
        })}
      </p>
      {rows.some((row) => !row.leads.exact) && <InexactNote />}
    </>
  )
}
