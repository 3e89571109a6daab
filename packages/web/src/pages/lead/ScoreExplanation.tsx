// Every point of both scores: which rule gave it, why (fit), and for engagement what it is worth now
// against what the rule gave, the half-life that decays it and whether a cap cut it.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import { useExplain } from '../../components/Explanations.tsx'
import type { EngagementContribution, FitContribution, LeadDetail } from './lead-types.ts'

const FIRST_ROWS = 8

export function ScoreExplanation({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const fit = lead.scores.contributions.filter((item): item is FitContribution => item.kind === 'fit')
  const engagement = lead.scores.contributions.filter(
    (item): item is EngagementContribution => item.kind === 'engagement',
  )
  return (
    <section className="card lead-section" aria-labelledby="scores-title">
      <h2 id="scores-title">{t('scores.title')}</h2>
      <p className="muted">{t('scores.asOf', { date: format.dateTime(lead.scores.at) })}</p>
      <h3 id="fit-title">
        {t('common:score.fit')}: {format.score(lead.scores.fit)}
      </h3>
      {fit.length === 0 ? <p className="muted">{t('scores.noFit')}</p> : <FitTable rows={fit} />}
      <h3 id="engagement-title">
        {t('common:score.engagement')}: {format.score(lead.scores.engagement)}
      </h3>
      {engagement.length === 0 ? (
        <p className="muted">{t('scores.noEngagement')}</p>
      ) : (
        <EngagementTable rows={engagement} lead={lead} />
      )}
    </section>
  )
}

function FitTable({ rows }: { rows: FitContribution[] }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const explain = useExplain()
  return (
    <div className="table-scroll">
      <table className="table score-table" aria-labelledby="fit-title">
        <thead>
          <tr>
            <th scope="col">{t('scores.rule')}</th>
            <th scope="col" className="num">
              {t('scores.points')}
            </th>
            <th scope="col">{t('scores.because')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.ruleId}>
              <th scope="row">{labels.rule('fit', row.ruleId, row.labels)}</th>
              <td className={row.points < 0 ? 'num negative' : 'num'}>
                {signed(format.number(row.points), row.points)}
              </td>
              <td className="because-cell">{row.explanations.map(explain).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function EngagementTable({ rows, lead }: { rows: EngagementContribution[]; lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const [all, setAll] = useState(false)
  const shown = all ? rows : rows.slice(0, FIRST_ROWS)
  const titles = new Map(lead.timeline.map((touchpoint) => [touchpoint.id, touchpoint.contentTitle]))
  return (
    <>
      <div className="table-scroll">
        <table className="table score-table" aria-labelledby="engagement-title">
          <thead>
            <tr>
              <th scope="col">{t('scores.rule')}</th>
              <th scope="col">{t('scores.when')}</th>
              <th scope="col" className="num">
                {t('scores.now')}
              </th>
              <th scope="col" className="num">
                {t('scores.original')}
              </th>
              <th scope="col">{t('scores.halfLife')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={`${row.ruleId}-${row.touchpointId}`}>
                <th scope="row">
                  {labels.rule('engagement', row.ruleId, row.labels)}
                  <span className="cell-sub">
                    {titles.get(row.touchpointId) ?? labels.eventType(row.touchpointType)}
                  </span>
                </th>
                <td className="nowrap">{format.dateTime(row.occurredAt)}</td>
                <td className={row.points < 0 ? 'num negative' : 'num'}>
                  <strong>{signed(format.number(row.points), row.points)}</strong>
                </td>
                <td className="num">
                  {signed(format.number(row.originalPoints), row.originalPoints)}
                  {row.capped && (
                    <span className="cell-sub capped">
                      {t('scores.capped', { credited: format.number(row.creditedPoints) })}
                    </span>
                  )}
                </td>
                <td>
                  {row.halfLifeDays === null
                    ? t('scores.noDecay')
                    : t('scores.halfLifeDays', { days: format.number(row.halfLifeDays) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > FIRST_ROWS && (
        <button
          type="button"
          className="link-button show-all"
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? t('scores.showFewer') : t('scores.showAll', { count: rows.length })}
        </button>
      )}
    </>
  )
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text
}
