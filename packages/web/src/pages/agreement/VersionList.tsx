// Every version, newest first: its state (a draft sent back says so, with the comment), author, the
// approvals of marketing and sales with who gave them, and a link to its page, where all steps happen.
import { useQueries, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { StatusBadge } from './version/VersionHead.tsx'
import { namesOf, pendingChangeRequest } from './version/review-state.ts'
import { APPROVAL_SIDES } from './version/version-actions.ts'
import { versionKeys, type Governed } from './version/use-version.ts'
import { usePersonName } from './version/use-person-name.ts'

// Approvals and requests matter while a version is in play, and for the one in force; the history of
// retired and withdrawn versions is on their pages (one request per version is the price here).
const IN_PLAY = new Set(['draft', 'proposed', 'approved', 'active'])

// A proposal shows both sides, given or open; the version in force only the approvals it went live with
// (the first version of a workspace was set up without any).
function hasApprovals(status: string, governed: Governed) {
  if (status === 'proposed' || status === 'approved') return true
  return status === 'active' && APPROVAL_SIDES.some((side) => governed.version.approvals[side] !== null)
}

export function VersionList() {
  const { t, i18n } = useTranslation('governance')
  const format = useFormat()
  const person = usePersonName()
  const language = i18n.language === 'en' ? 'en' : 'de'
  const versions = useQuery({
    queryKey: versionKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/agreement/versions')),
  })
  const inPlay = (versions.data ?? []).filter((version) => IN_PLAY.has(version.status))
  const reviews = useQueries({
    queries: inPlay.map((version) => ({
      queryKey: versionKeys.reviews(version.version),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/agreement/versions/{version}/reviews', {
            params: { path: { version: version.version } },
          }),
        ),
    })),
  })
  const governance = new Map<number, Governed>()
  for (const review of reviews) if (review.data) governance.set(review.data.version.version, review.data)

  if (versions.isPending) return <Loading rows={3} />
  if (versions.isError) return <ErrorMessage error={versions.error} />
  if (versions.data.length === 0) return <Empty>{t('list.empty')}</Empty>
  return (
    <div className="table-scroll">
      <table className="table versions" data-testid="agreement-versions">
        <caption className="visually-hidden">{t('list.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.version')}</th>
            <th scope="col">{t('list.status')}</th>
            <th scope="col">{t('list.author')}</th>
            <th scope="col">{t('list.approvals')}</th>
            <th scope="col">{t('list.when')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.data.map((version) => {
            const governed = governance.get(version.version)
            const names = governed ? namesOf(governed.items) : new Map<string, string>()
            const request = governed ? pendingChangeRequest(version.status, governed.items) : undefined
            return (
              <tr
                key={version.version}
                className={version.status === 'active' ? 'current' : undefined}
                data-version={version.version}
              >
                <th scope="row">
                  <Link to={`/agreement/versions/${version.version}`}>
                    {t('list.versionLink', { version: version.version })}
                  </Link>
                  <span className="version-row-name">{version.nameLabel[language]}</span>
                </th>
                <td>
                  <StatusBadge status={version.status} changesRequested={request !== undefined} />
                  {request?.comment && (
                    <q className="request-comment" title={person(request.actorId, request.actorName)}>
                      {request.comment}
                    </q>
                  )}
                </td>
                <td>{person(version.createdBy, version.createdByName)}</td>
                <td>
                  {governed && hasApprovals(version.status, governed) ? (
                    <ul className="plain approvals-short">
                      {APPROVAL_SIDES.map((side) => {
                        const approval = governed.version.approvals[side]
                        return (
                          <li key={side}>
                            {t(`side.${side}`)}{' '}
                            {approval ? (
                              <>
                                <span aria-hidden="true">✓</span>
                                <span className="visually-hidden">{t('list.approved')}</span>{' '}
                                {person(
                                  approval.userId,
                                  approval.userId === null ? null : names.get(approval.userId),
                                )}
                              </>
                            ) : (
                              <span className="muted">{t('list.open')}</span>
                            )}
                          </li>
                        )
                      })}
                    </ul>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
                <td>
                  {version.activatedAt
                    ? t('list.activatedAt', { date: format.dateTime(version.activatedAt) })
                    : t('list.createdAt', { date: format.dateTime(version.createdAt) })}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
