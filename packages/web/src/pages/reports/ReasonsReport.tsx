// Rejection and loss reasons: a Pareto per outcome (bars by count, the running share as a line on its
// own axis), each with its table; recycled leads that came back; with a grouping, the reasons per group.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { paretoRowsOf } from './report-figures.ts'
import type { ReportOf } from './report-query.ts'
import type { ReportWords } from './use-report-words.ts'
import { Empty } from '../../components/States.tsx'
import { anyInexact, Figure, InexactNote, LeadCount, ReportTable } from './ReportParts.tsx'
import { ParetoChart } from './ParetoChart.tsx'

type Reasons = ReportOf<'reasons'>
type Pareto = Reasons['paretos'][number]

export function ReasonsReport({ report, words }: { report: Reasons; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const recycled = report.recycled
  return (
    <>
      {report.paretos.map((pareto) => (
        <ParetoSection key={pareto.outcome} pareto={pareto} words={words} />
      ))}
      <section className="report-section">
        <h2>{t('reasons.recycled')}</h2>
        <dl className="report-figures" data-testid="report-recycled">
          <div>
            <dt>{t('reasons.recycledLeads')}</dt>
            <dd>
              <LeadCount value={recycled.leads} link={recycled.list} words={words} />
            </dd>
          </div>
          <div>
            <dt>{t('reasons.requalified')}</dt>
            <dd>{words.count(recycled.requalified)}</dd>
          </div>
          <div>
            <dt>{t('reasons.reachedSql')}</dt>
            <dd>{words.count(recycled.reachedSql)}</dd>
          </div>
          <div>
            <dt>{t('reasons.won')}</dt>
            <dd>{words.count(recycled.won)}</dd>
          </div>
          <div>
            <dt>{t('reasons.requalifiedRate')}</dt>
            <dd>
              <Figure text={words.format.share(recycled.requalifiedRate)} />
            </dd>
          </div>
        </dl>
      </section>
      {report.by && report.groups && <ReasonGroups report={report} words={words} />}
    </>
  )
}

function ParetoSection({ pareto, words }: { pareto: Pareto; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const id = useId()
  const title = t(`reasons.outcome.${pareto.outcome}`)
  const links = new Map(pareto.reasons.map((reason) => [reason.reason, reason.leads]))
  const rows = paretoRowsOf(pareto.reasons).map((row) => ({
    ...row,
    label: words.reason(row.reason),
    leads: links.get(row.reason),
  }))
  return (
    <section className="report-section" aria-labelledby={`${id}-title`} data-outcome={pareto.outcome}>
      <h2 id={`${id}-title`}>
        {title}{' '}
        <span className="muted report-total">{t('reasons.total', { value: words.count(pareto.total) })}</span>
      </h2>
      {rows.length === 0 ? (
        <Empty>{t('reasons.empty')}</Empty>
      ) : (
        <ParetoChart
          rows={rows}
          title={title}
          testId="report-chart"
          tableTestId={`report-table-${pareto.outcome}`}
          words={{ count: words.count, share: words.share, axisShare: words.format.axisShare }}
          count={(row) => (
            <LeadCount value={row.count} link={row.leads} words={words} noteId={`${id}-note`} />
          )}
        />
      )}
      <InexactNote id={`${id}-note`} shown={anyInexact(rows.flatMap((row) => row.leads ?? []))} />
    </section>
  )
}

function ReasonGroups({ report, words }: { report: Reasons; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const by = report.by!
  const title = t('reasons.groups', { by: t(`grouping.${by}`) })
  return (
    <section className="report-section">
      <h2>{title}</h2>
      <ReportTable caption={title} testId="report-groups">
        <thead>
          <tr>
            <th scope="col">{t(`grouping.${by}`)}</th>
            <th scope="col">{t('reasons.reason')}</th>
            {report.paretos.map((pareto) => (
              <th key={pareto.outcome} scope="col" className="number">
                {t(`reasons.outcome.${pareto.outcome}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(report.groups ?? []).flatMap((group) => {
            const reasons = [
              ...new Set(group.paretos.flatMap((pareto) => pareto.reasons.map((reason) => reason.reason))),
            ]
            return reasons.map((reason, index) => (
              <tr key={`${group.key ?? ''}:${reason}`}>
                {index === 0 && (
                  <th scope="rowgroup" rowSpan={reasons.length}>
                    {words.groupKey(by, group.key)}
                  </th>
                )}
                <th scope="row">{words.reason(reason)}</th>
                {report.paretos.map((pareto) => {
                  const found = group.paretos
                    .find((candidate) => candidate.outcome === pareto.outcome)
                    ?.reasons.find((candidate) => candidate.reason === reason)
                  return (
                    <td key={pareto.outcome} className="number">
                      <LeadCount value={found?.count ?? 0} link={found?.leads} words={words} />
                    </td>
                  )
                })}
              </tr>
            ))
          })}
        </tbody>
      </ReportTable>
    </section>
  )
}
