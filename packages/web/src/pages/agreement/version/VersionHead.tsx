// The head of a version's page: number, name, state, author, and the approvals of its current proposal
// per side (who, when) with what is still missing; a draft that was sent back shows the request.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../../hooks/format.ts'
import { APPROVAL_SIDES, type VersionStatus } from './version-actions.ts'
import { namesOf, pendingChangeRequest, type ReviewStep } from './review-state.ts'
import type { GovernedVersion } from './use-version.ts'
import { usePersonName } from './use-person-name.ts'

export function VersionHead({
  governed,
  nameLabel,
  authorName,
  steps,
}: {
  governed: GovernedVersion
  nameLabel: { de: string; en: string } | undefined
  authorName: string | null
  steps: readonly ReviewStep[]
}) {
  const { t, i18n } = useTranslation('governance')
  const format = useFormat()
  const personName = usePersonName()
  const names = namesOf(steps)
  const request = pendingChangeRequest(governed.status, steps)
  const proposal = governed.status === 'proposed' || governed.status === 'approved'
  const person = (id: string | null) => personName(id, id === null ? null : names.get(id))

  return (
    <div className="version-head">
      <p className="version-back">
        <Link to="/agreement">{t('back')}</Link>
      </p>
      <div className="page-head">
        <h1 id="version-title">
          {t('head.title', { version: governed.version })}
          {nameLabel && (
            <span className="version-name"> · {nameLabel[i18n.language === 'en' ? 'en' : 'de']}</span>
          )}
        </h1>
        <StatusBadge
          status={governed.status}
          changesRequested={request !== undefined}
          testId="version-status"
        />
      </div>
      <p className="agreement-meta" data-testid="version-meta">
        {t('head.createdBy', {
          name: personName(governed.createdBy, authorName),
          date: format.dateTime(governed.createdAt),
        })}
        {governed.activatedAt && (
          <> · {t('head.activatedAt', { date: format.dateTime(governed.activatedAt) })}</>
        )}
      </p>
      {request && (
        <div className="changes-requested" role="note" data-testid="changes-requested">
          <strong>
            {t('head.changesRequested', { name: person(request.actorId), date: format.dateTime(request.at) })}
          </strong>
          <blockquote>{request.comment}</blockquote>
        </div>
      )}
      {(proposal ||
        (governed.status === 'active' && APPROVAL_SIDES.some((side) => governed.approvals[side]))) && (
        <dl className="approvals" data-testid="version-approvals">
          {APPROVAL_SIDES.map((side) => {
            const approval = governed.approvals[side]
            return (
              <div key={side} className={approval ? 'approval given' : 'approval open'}>
                <dt>{t(`side.${side}`)}</dt>
                <dd>
                  {approval ? (
                    <>
                      <span aria-hidden="true">✓ </span>
                      {t('head.approvedBy', {
                        name: person(approval.userId),
                        date: format.dateTime(approval.at),
                      })}
                      {approval.comment && <q className="approval-comment">{approval.comment}</q>}
                    </>
                  ) : (
                    t('head.approvalMissing')
                  )}
                </dd>
              </div>
            )
          })}
        </dl>
      )}
      {governed.status === 'proposed' && governed.missing.length > 0 && (
        <p className="muted" data-testid="version-missing">
          {t('head.missing', {
            sides: governed.missing.map((side) => t(`side.${side}`)).join(t('problem.and')),
          })}
        </p>
      )}
    </div>
  )
}

export function StatusBadge({
  status,
  changesRequested,
  testId,
}: {
  status: string
  changesRequested: boolean
  testId?: string
}) {
  const { t } = useTranslation('governance')
  return (
    <span
      className={`badge status-${status}${changesRequested ? ' status-changes' : ''}`}
      data-testid={testId}
    >
      {t(`status.${status as VersionStatus}`, { defaultValue: status })}
      {changesRequested && <> · {t('status.changesRequested')}</>}
    </span>
  )
}
