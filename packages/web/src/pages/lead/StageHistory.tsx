// Every stage change, newest first: who (a person, or the system with its agreement version), when, why
// (reason and the agreement's own explanation), the scores at that moment and how long the stage lasted.
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import { ExplanationList } from '../../components/Explanations.tsx'
import { useProblemText } from './lead-problems.ts'
import type { LeadDetail, Transition } from './lead-types.ts'

const DAY_MS = 86_400_000

export function StageHistory({ lead, onAsOf }: { lead: LeadDetail; onAsOf: (asOf: string) => void }) {
  const { t } = useTranslation('lead')
  const problems = useProblemText()
  const entries = lead.history.map((transition, index) => ({
    transition,
    until: lead.history[index + 1]?.at ?? lead.asOf,
  }))
  return (
    <section className="card lead-section" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="history" reversed>
          {entries.reverse().map(({ transition, until }) => (
            <HistoryEntry
              key={`${transition.at}-${transition.to}`}
              lead={lead}
              transition={transition}
              until={until}
              onAsOf={onAsOf}
            />
          ))}
        </ol>
      )}
      {lead.refusedDecisions.length > 0 && (
        <>
          <h3>{t('history.refused')}</h3>
          <ul className="because">
            {lead.refusedDecisions.map((refused) => {
              const worded = problems.known(refused.code, refused.details)
              return (
                <li key={refused.id} lang={worded === undefined ? 'en' : undefined}>
                  {worded ?? refused.message}
                </li>
              )
            })}
          </ul>
        </>
      )}
    </section>
  )
}

function HistoryEntry(props: {
  lead: LeadDetail
  transition: Transition
  until: string
  onAsOf: (asOf: string) => void
}) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const { transition } = props
  const days = Math.floor((Date.parse(props.until) - Date.parse(transition.at)) / DAY_MS)
  const actor =
    transition.actor.type === 'system'
      ? t('history.system', { version: transition.actor.agreementVersion })
      : transition.actor.type === 'api_key'
        ? t('history.apiKey')
        : (transition.actor.user?.name ?? t('history.formerUser'))
  const trigger = describeTrigger(props.lead, transition, t, labels.eventType)
  return (
    <li className={`history-entry stage-edge-${transition.to}`}>
      <div className="history-head">
        <strong>
          {transition.from ? `${labels.stage(transition.from)} → ` : ''}
          {labels.stage(transition.to)}
        </strong>
        <time dateTime={transition.at}>{format.dateTime(transition.at)}</time>
      </div>
      <p className="history-who">
        {t('history.by', { actor })}
        {transition.reason && <> · {t('history.reason', { reason: labels.reason(transition.reason) })}</>}
      </p>
      <ExplanationList explanations={transition.explanations} label={t('history.because')} />
      <p className="history-meta muted">
        {[
          trigger,
          t('history.scores', {
            fit: format.score(transition.fit),
            engagement: format.score(transition.engagement),
          }),
          t('history.version', { version: transition.agreementVersion }),
          days < 1 ? t('history.lessThanDay') : t('history.days', { count: days }),
        ]
          .filter(Boolean)
          .join(' · ')}{' '}
        <button type="button" className="link-button" onClick={() => props.onAsOf(transition.at)}>
          {t('history.showThen')}
        </button>
      </p>
    </li>
  )
}

function describeTrigger(
  lead: LeadDetail,
  transition: Transition,
  t: TFunction<'lead'>,
  eventType: (type: string) => string,
): string | null {
  const trigger = transition.trigger
  switch (trigger.kind) {
    case 'touchpoint': {
      const touchpoint = lead.timeline.find((candidate) => candidate.id === trigger.id)
      if (!touchpoint) return null
      return t('history.triggerTouchpoint', {
        touchpoint: touchpoint.contentTitle ?? eventType(touchpoint.type),
      })
    }
    case 'cool_down_ended':
      return t('history.triggerCoolDown')
    case 'time':
      return t('history.triggerTime')
    case 'agreement_activated':
      return t('history.triggerAgreement', { version: trigger.version })
    case 'decision':
      return null
  }
}
