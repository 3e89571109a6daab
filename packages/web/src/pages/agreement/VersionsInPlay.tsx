// Under the page's title: the versions being worked on now (drafts, proposals, approved ones waiting to go
// live), each a link to its page, so nobody scrolls past the whole agreement to find them.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api, unwrap } from '../../api/client.ts'
import { StatusBadge } from './version/VersionHead.tsx'
import { versionKeys } from './version/use-version.ts'

const IN_WORK = new Set(['draft', 'proposed', 'approved'])

export function VersionsInPlay() {
  const { t } = useTranslation('governance')
  const versions = useQuery({
    queryKey: versionKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/agreement/versions')),
  })
  const inWork = (versions.data ?? []).filter((version) => IN_WORK.has(version.status))
  if (inWork.length === 0) return null
  return (
    <nav className="versions-in-play" aria-label={t('inPlay.label')} data-testid="versions-in-play">
      <span className="muted">{t('inPlay.label')}:</span>
      <ul>
        {inWork.map((version) => (
          <li key={version.version}>
            <Link to={`/agreement/versions/${version.version}`}>
              {t('list.versionLink', { version: version.version })}
            </Link>{' '}
            <StatusBadge status={version.status} changesRequested={false} />
          </li>
        ))}
      </ul>
    </nav>
  )
}
