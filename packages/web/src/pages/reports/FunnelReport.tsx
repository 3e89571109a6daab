// The funnel: a bar per stage (a click opens the leads behind it), the stage table with its rates and,
// in the flow view, the stage changes per week as stacked bars; with a grouping, a table per group.
import { useId } from 'react'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { boardHref, type LeadLink } from './lead-links.ts'
import { FUNNEL_STAGES, weekRowsOf } from './report-figures.ts'
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
  STAGE_COLOURS,
} from './ReportParts.tsx'

type Funnel = ReportOf<'funnel'>
type Row = { stage: string; label: string; entered: number; link: LeadLink }

export function FunnelReport({ report, words }: { report: Funnel; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const navigate = useNavigate()
  const noteId = useId()
  const cohort = report.view === 'cohort'
  const links = report.stages.map((stage) => stage.leads)
  const rows: Row[] = report.stages.map((stage, index) => ({
    stage: stage.stage,
    label: words.stage(stage.stage),
    entered: stage.entered,
    link: links[index]!,
  }))
  const open = (entry: unknown) => {
    const row = (entry as { payload?: Row }).payload
    if (row) void navigate(boardHref(row.link))
  }
  return (
    <>
      <p className="muted">{cohort ? t('funnel.cohortHint') : t('funnel.flowHint')}</p>
      <ChartFrame title={t('funnel.chart')} description={t('funnel.chartText')} testId="report-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 20, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#e3e8ee" vertical={false} />
            <XAxis dataKey="label" interval={0} tick={AXIS_TICK} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} />
            <Tooltip
              formatter={(value) => [
                words.count(Number(value)),
                cohort ? t('funnel.reached') : t('funnel.entered'),
              ]}
            />
            <Bar
              dataKey="entered"
              fill={STAGE_COLOURS.sal}
              isAnimationActive={false}
              cursor="pointer"
              onClick={open}
            >
              <LabelList
                dataKey="entered"
                position="top"
                formatter={(value: unknown) => words.count(Number(value))}
                style={{ fontSize: 12 }}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={t('funnel.chart')} testId="report-table">
        <thead>
          <tr>
            <th scope="col">{t('funnel.stage')}</th>
            <th scope="col" className="number">
              {cohort ? t('funnel.reached') : t('funnel.entered')}
            </th>
            <th scope="col" className="number">
              {t('funnel.fromPrevious')}
            </th>
            <th scope="col" className="number">
              {t('funnel.fromFirst')}
            </th>
            {cohort && (
              <th scope="col" className="number">
                {t('funnel.medianDays')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {report.stages.map((stage, index) => (
            <tr key={stage.stage} data-stage={stage.stage}>
              <th scope="row">{words.stageLong(stage.stage)}</th>
              <td className="number" data-figure="entered">
                <LeadCount value={stage.entered} link={links[index]} words={words} noteId={noteId} />
              </td>
              <td className="number">
                {stage.stage === 'lead' ? (
                  '–'
                ) : (
                  <Figure text={words.format.share(stage.conversionFromPrevious)} />
                )}
              </td>
              <td className="number">
                {stage.stage === 'lead' ? (
                  '–'
                ) : (
                  <Figure text={words.format.share(stage.conversionFromFirst)} />
                )}
              </td>
              {cohort && (
                <td className="number">
                  <Figure text={words.format.decimal(stage.medianDays)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <p className="muted">
        {t('funnel.exits', {
          recycled: words.count(report.exits.recycled),
          disqualified: words.count(report.exits.disqualified),
        })}
      </p>
      <InexactNote id={noteId} shown={anyInexact(links)} />
      {report.groups && report.by && <FunnelGroups report={report} words={words} />}
      {report.weeks && report.weeks.length > 0 && <FunnelWeeks report={report} words={words} />}
    </>
  )
}

function FunnelGroups({ report, words }: { report: Funnel; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const noteId = useId()
  const by = report.by!
  const groups = report.groups ?? []
  return (
    <section className="report-section" aria-labelledby={`${noteId}-title`}>
      <h2 id={`${noteId}-title`}>{t('funnel.groups', { by: t(`grouping.${by}`) })}</h2>
      <ReportTable caption={t('funnel.groups', { by: t(`grouping.${by}`) })} testId="report-groups">
        <thead>
          <tr>
            <th scope="col">{t(`grouping.${by}`)}</th>
            {FUNNEL_STAGES.map((stage) => (
              <th key={stage} scope="col" className="number">
                {words.stage(stage)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key ?? ''}>
              <th scope="row">{words.groupKey(by, group.key)}</th>
              {group.stages.map((stage) => (
                <td key={stage.stage} className="number">
                  <LeadCount value={stage.entered} link={stage.leads} words={words} noteId={noteId} />
                  {stage.stage !== 'lead' && stage.conversionFromPrevious !== null && (
                    <span className="report-rate muted">
                      {' '}
                      {words.format.share(stage.conversionFromPrevious)}
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <InexactNote
        id={noteId}
        shown={anyInexact(groups.flatMap((group) => group.stages.map((stage) => stage.leads)))}
      />
    </section>
  )
}

function FunnelWeeks({ report, words }: { report: Funnel; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const id = useId()
  const rows = weekRowsOf(report)
  return (
    <section className="report-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('funnel.weeks')}</h2>
      <ChartFrame
        title={t('funnel.weeks')}
        description={t('funnel.weeksText')}
        testId="report-weeks-chart"
        height={300}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#e3e8ee" vertical={false} />
            <XAxis
              dataKey="week"
              tickFormatter={(week: string) => words.format.shortDay(week)}
              minTickGap={12}
              tick={AXIS_TICK}
            />
            <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} />
            <Tooltip
              labelFormatter={(week) => `${t('funnel.week')} ${words.format.day(String(week))}`}
              formatter={(value, name) => [words.count(Number(value)), name]}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {FUNNEL_STAGES.map((stage) => (
              <Bar
                key={stage}
                dataKey={stage}
                name={words.stage(stage)}
                stackId="weeks"
                fill={STAGE_COLOURS[stage]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <details className="report-details">
        <summary>{t('tableSummary')}</summary>
        <ReportTable caption={t('funnel.weeks')} testId="report-weeks-table">
          <thead>
            <tr>
              <th scope="col">{t('funnel.week')}</th>
              {FUNNEL_STAGES.map((stage) => (
                <th key={stage} scope="col" className="number">
                  {words.stage(stage)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.week}>
                <th scope="row">{words.format.day(row.week)}</th>
                {FUNNEL_STAGES.map((stage) => (
                  <td key={stage} className="number">
                    {words.count(row[stage])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </ReportTable>
      </details>
    </section>
  )
}
