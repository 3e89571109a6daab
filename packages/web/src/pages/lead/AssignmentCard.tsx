// Who works the lead, why the routing chose them, and the SLA clock of the hand-off: running, met or missed,
// with the system's own delay before the hand-off kept apart from the rep's response time.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import { Email } from './Email.tsx'
import { ExplanationList } from '../../components/Explanations.tsx'
import { isSlaShown } from './lead-figures.ts'
import type { Assignment, LeadDetail } from './lead-types.ts'

export function AssignmentCard({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const assignment = lead.assignment
  const repName = (email: string) =>
    lead.owner?.email === email ? lead.owner.name : (assignment?.people[email] ?? email)
  return (
    <section className="card lead-section" aria-labelledby="assignment-title">
      <h2 id="assignment-title">{t('assignment.title')}</h2>
      <dl className="facts">
        <dt>{t('assignment.owner')}</dt>
        <dd>
          {lead.owner ? (
            <>
              {lead.owner.name}{' '}
              <span className="muted">
                · <Email address={lead.owner.email} link={false} />
              </span>
            </>
          ) : lead.stage === 'mql' ? (
            t('assignment.unassigned')
          ) : (
            t('assignment.noOwner')
          )}
        </dd>
        {assignment && (
          <>
            <dt>{t('assignment.handedOver')}</dt>
            <dd>
              {t('assignment.handedOverTo', {
                rep: repName(assignment.rep),
                date: format.dateTime(assignment.at),
              })}
            </dd>
            <dt>{t('assignment.team')}</dt>
            <dd>{labels.team(assignment.team)}</dd>
          </>
        )}
      </dl>
      {assignment && assignment.explanations.length > 0 && (
        <>
          <h3>{t('assignment.why')}</h3>
          <ExplanationList explanations={assignment.explanations} person={repName} />
        </>
      )}
      {assignment?.sla && isSlaShown(lead.stage) && <SlaStatus sla={assignment.sla} />}
      {lead.slaBreaches.length > 0 && (
        <>
          <h3>{t('assignment.breaches')}</h3>
          <ul className="plain-list">
            {lead.slaBreaches.map((breach) => (
              <li key={`${breach.assignedAt}-${breach.step}`}>
                <time dateTime={breach.at}>{format.dateTime(breach.at)}</time>:{' '}
                {t(`assignment.breachAction.${breach.action}`)} ·{' '}
                {t('assignment.breachRep', { rep: repName(breach.rep) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function SlaStatus({ sla }: { sla: NonNullable<Assignment['sla']> }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const open = sla.state === 'on_time' || sla.state === 'due_soon'
  return (
    <>
      <h3>
        {t('assignment.sla')}{' '}
        <span className={`badge sla-${sla.state}`}>{t(`assignment.slaState.${sla.state}`)}</span>
      </h3>
      <dl className="facts">
        <dt>{t('assignment.dueAt')}</dt>
        <dd>{format.dateTime(sla.dueAt)}</dd>
        {open && (
          <>
            <dt>{t('assignment.remaining')}</dt>
            <dd>{format.businessHours(sla.remainingBusinessHours)}</dd>
          </>
        )}
        {sla.respondedAt && (
          <>
            <dt>{t('assignment.responded')}</dt>
            <dd>
              {format.dateTime(sla.respondedAt)}
              {sla.responseBusinessHours !== null && (
                <span className="muted">
                  {' '}
                  · {t('assignment.after', { hours: format.businessHours(sla.responseBusinessHours) })}
                </span>
              )}
            </dd>
          </>
        )}
        <dt>{t('assignment.systemDelay')}</dt>
        <dd>{format.businessHours(sla.systemDelayBusinessHours)}</dd>
        {sla.nextStep && (
          <>
            <dt>{t('assignment.nextStep')}</dt>
            <dd>
              {t(`assignment.breachAction.${sla.nextStep.action}`)}{' '}
              <span className="muted">· {format.dateTime(sla.nextStep.at)}</span>
            </dd>
          </>
        )}
      </dl>
    </>
  )
}
