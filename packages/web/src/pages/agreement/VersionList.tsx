// Every version, newest first, with who wrote it and when it went live; configurers can load an older one
// into the editor as the start of a new version (there is no rollback that rewrites history).
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { useSession } from '../../session/session.tsx'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'

export function VersionList({ onLoad }: { onLoad?: (source: string, version: number) => void }) {
  const { t, i18n } = useTranslation('agreement')
  const format = useFormat()
  const session = useSession()
  const language = i18n.language === 'en' ? 'en' : 'de'
  const versions = useQuery({
    queryKey: ['agreement-versions'],
    queryFn: () => unwrap(api.GET('/api/v1/agreement/versions')),
  })

  if (versions.isPending) return <Loading rows={3} />
  if (versions.isError) return <ErrorMessage error={versions.error} />
  if (versions.data.length === 0) return <Empty>{t('versions.empty')}</Empty>
  return (
    <div className="table-scroll">
      <table className="table versions" data-testid="agreement-versions">
        <caption className="visually-hidden">{t('versions.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('versions.version')}</th>
            <th scope="col">{t('versions.name')}</th>
            <th scope="col">{t('versions.status')}</th>
            <th scope="col">{t('versions.createdBy')}</th>
            <th scope="col">{t('versions.createdAt')}</th>
            <th scope="col">{t('versions.activatedAt')}</th>
            {onLoad && (
              <th scope="col">
                <span className="visually-hidden">{t('versions.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {versions.data.map((version) => (
            <tr key={version.version} className={version.status === 'active' ? 'current' : undefined}>
              <th scope="row">{version.version}</th>
              <td>{version.nameLabel[language]}</td>
              <td>
                <span className={`badge status-${version.status}`}>
                  {t(`versions.statuses.${version.status}`, { defaultValue: version.status })}
                </span>
              </td>
              <td>
                {version.createdBy === null
                  ? t('versions.system')
                  : version.createdBy === session.user.id
                    ? t('versions.you', { name: session.user.name })
                    : (version.createdByName ?? t('versions.someone'))}
              </td>
              <td>{format.dateTime(version.createdAt)}</td>
              <td>{format.dateTime(version.activatedAt)}</td>
              {onLoad && (
                <td>
                  {version.status !== 'active' && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onLoad(version.source, version.version)}
                      aria-label={t('versions.loadLabel', { version: version.version })}
                    >
                      {t('versions.load')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
