// The qualification agreement on one page: the version in force in words, with a contents list that stays
// in view, and the governance of its versions: every draft and proposal with its state and approvals, a
// new draft for those who write them, and the workspace's rule for activation. Editing, approving and
// activating happen on a version's own page.
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../api/client.ts'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { useFormat } from '../../hooks/format.ts'
import { can, useSession } from '../../session/session.tsx'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { agreementParts, AgreementView } from './AgreementView.tsx'
import { GovernanceSetting } from './GovernanceSetting.tsx'
import { NewDraftButton } from './NewDraftButton.tsx'
import { Section } from './Section.tsx'
import { VersionList } from './VersionList.tsx'
import { VersionsInPlay } from './VersionsInPlay.tsx'
import './agreement.css'
import './version/version.css'

export function AgreementPage() {
  const { t, i18n } = useTranslation('agreement')
  const format = useFormat()
  const session = useSession()
  const allowed = can(session.user.role)
  const agreement = useAgreement()
  const missing = agreement.error instanceof ApiProblem && agreement.error.code === 'NO_ACTIVE_AGREEMENT'
  const active = agreement.data
  const contents = [...(active ? agreementParts(active.document) : []), 'versions']

  return (
    <section className="page agreement" aria-labelledby="agreement-title">
      <div className="page-head">
        <div>
          <h1 id="agreement-title">{t('title')}</h1>
          <p className="agreement-meta" data-testid="agreement-meta">
            {active ? (
              <>
                <strong>{active.nameLabel[i18n.language === 'en' ? 'en' : 'de']}</strong> ·{' '}
                {t('meta.version', { version: active.version })} ·{' '}
                {t('meta.activeSince', { date: format.dateTime(active.activatedAt ?? active.createdAt) })}
                {active.document.timezone && <> · {t('meta.timezone', { zone: active.document.timezone })}</>}
              </>
            ) : (
              ' '
            )}
          </p>
        </div>
        {allowed.configure && (agreement.isSuccess || missing) && (
          <NewDraftButton activeVersion={active?.version ?? null} />
        )}
      </div>
      <VersionsInPlay />
      <div className="agreement-layout">
        <nav className="agreement-toc" aria-label={t('toc')}>
          <ol>
            {contents.map((id) => (
              <li key={id} className={id === 'versions' ? 'toc-tool' : undefined}>
                <a href={`#agreement-${id}`}>{t(`${id}.title`)}</a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="agreement-sections">
          {agreement.isPending ? (
            <Loading rows={6} />
          ) : missing ? (
            <Empty>{allowed.configure ? t('missing.configure') : t('missing.read')}</Empty>
          ) : agreement.isError ? (
            <ErrorMessage error={agreement.error} />
          ) : (
            <AgreementView document={agreement.data.document} />
          )}
          <Section id="versions" title={t('versions.title')} intro={t('versions.intro')}>
            <GovernanceSetting mayChange={allowed.administer} />
            <VersionList />
          </Section>
        </div>
      </div>
    </section>
  )
}
