// Who the lead is and where it stands: stage with the path through the funnel, scores, deal or recycling.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { useLeadLabels } from './lead-labels.ts'
import { wonDeal } from './lead-figures.ts'
import { leadName, type LeadDetail, type Stage } from './lead-types.ts'

const FUNNEL: readonly Stage[] = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer']

export function LeadHeader({ lead, refreshing }: { lead: LeadDetail; refreshing: boolean }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const company = lead.company?.name ?? lead.account?.name
  const offPath = !FUNNEL.includes(lead.stage)
  // Off the funnel, the path shows how far the lead got before it left.
  const reached = new Set(lead.history.map((transition) => transition.to))
  const state = lead.state ?? {}
  const won = wonDeal(lead)
  const label = useLabel()
  // A deal that names no stage sits in the agreement's first, as on the deal board.
  const dealStages = useAgreement().data?.document.deals?.stages ?? []
  const dealStage = state.deal
    ? (dealStages.find((stage) => stage.id === (state.deal as { stage?: string }).stage) ?? dealStages[0])
    : undefined
  return (
    <header className="lead-header card">
      <div className="lead-identity">
        <h1 id="lead-title">{leadName(lead)}</h1>
        <p className="muted">{[lead.title, company].filter(Boolean).join(' · ') || lead.email}</p>
      </div>
      <div className="lead-stage">
        <p className="lead-stage-now">
          <span className="visually-hidden">{t('header.stage')}: </span>
          <span className={`stage-badge stage-${lead.stage}`}>{labels.stage(lead.stage)}</span>
          {lead.stageEnteredAt && (
            <span className="muted">
              {' '}
              {t('header.since', { date: format.dateTime(lead.stageEnteredAt) })}
            </span>
          )}
        </p>
        <ol className="funnel" aria-label={t('header.funnel')}>
          {FUNNEL.map((stage) => (
            <li
              key={stage}
              className={stage === lead.stage ? 'current' : reached.has(stage) ? 'reached' : ''}
              aria-current={stage === lead.stage ? 'step' : undefined}
            >
              {labels.stage(stage)}
            </li>
          ))}
        </ol>
        {offPath && <StageDetail lead={lead} />}
        {won ? (
          <p className="lead-deal">
            {won.amount === null
              ? t('header.won', { date: format.date(won.at) })
              : t('header.wonFor', {
                  date: format.date(won.at),
                  amount: format.money(won.amount, won.currency),
                })}
          </p>
        ) : (
          state.deal && (
            <p className="lead-deal">
              {t('header.deal', {
                amount: format.money(state.deal.amount, state.deal.currency),
                date: format.date(state.deal.expectedCloseDate),
              })}
              {dealStage && <> · {t('header.dealStage', { stage: label(dealStage.label, dealStage.id) })}</>}
            </p>
          )
        )}
      </div>
      <dl className="lead-scores">
        <div>
          <dt title={t('common:score.fit')}>{t('common:score.fitShort')}</dt>
          <dd>{format.score(lead.scores.fit)}</dd>
        </div>
        <div>
          <dt title={t('common:score.engagement')}>{t('common:score.engagementShort')}</dt>
          <dd>{format.score(lead.scores.engagement)}</dd>
        </div>
        <div>
          <dt>{t('header.lane')}</dt>
          <dd className="lead-scores-text">{labels.lane(lead.lane)}</dd>
        </div>
        <div>
          <dt>{t('header.agreement')}</dt>
          <dd className="lead-scores-text">
            {lead.agreementVersion === null ? '–' : t('header.version', { version: lead.agreementVersion })}
          </dd>
        </div>
      </dl>
      <span className="lead-refreshing muted" aria-hidden={!refreshing}>
        {refreshing ? t('header.refreshing') : ''}
      </span>
    </header>
  )
}

/** Why a recycled or disqualified lead left the funnel, and when it may come back. */
function StageDetail({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const state = lead.state ?? {}
  if (lead.stage === 'disqualified') {
    const reason = state.closedReason ?? lead.history.at(-1)?.reason
    return reason ? (
      <p className="lead-stage-detail">{t('header.disqualifiedFor', { reason: labels.reason(reason) })}</p>
    ) : null
  }
  const reason = state.recycleReasons?.at(-1)
  return (
    <p className="lead-stage-detail">
      {[
        reason ? t('header.recycledFor', { reason: labels.reason(reason) }) : null,
        state.recycleQueue ? t(`header.queue.${state.recycleQueue}`) : null,
        state.nurtureTrack ? t('header.track', { track: state.nurtureTrack }) : null,
        state.coolDownUntil
          ? t('header.coolDown', { date: format.date(new Date(state.coolDownUntil).toISOString()) })
          : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </p>
  )
}
