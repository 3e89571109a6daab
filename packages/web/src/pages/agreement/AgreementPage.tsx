// The qualification agreement on one page: the active version in words, the YAML editor for the next
// version (admin and marketing), and the history of versions, with a contents list that stays in view.
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../api/client.ts'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { useFormat } from '../../hooks/format.ts'
import { can, useSession } from '../../session/session.tsx'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { agreementParts, AgreementView } from './AgreementView.tsx'
import { Section } from './Section.tsx'
import { VersionList } from './VersionList.tsx'
import type { Template } from './AgreementEditor.tsx'
import './agreement.css'

// CodeMirror is most of this screen's code and only configurers need it: a separate chunk.
const AgreementEditor = lazy(() =>
  import('./AgreementEditor.tsx').then((module) => ({ default: module.AgreementEditor })),
)

export function AgreementPage() {
  const { t, i18n } = useTranslation('agreement')
  const format = useFormat()
  const session = useSession()
  const configure = can(session.user.role).configure
  const agreement = useAgreement()
  const [template, setTemplate] = useState<Template | undefined>(undefined)
  const missing = agreement.error instanceof ApiProblem && agreement.error.code === 'NO_ACTIVE_AGREEMENT'
  const active = agreement.data
  const contents = [
    ...(active ? agreementParts(active.document) : []),
    ...(configure ? ['edit'] : []),
    'versions',
  ]

  const loadVersion = (source: string, version: number) => {
    setTemplate({ source, version, at: Date.now() })
    document.getElementById('agreement-edit')?.scrollIntoView({ block: 'start' })
  }

  return (
    <section className="page agreement" aria-labelledby="agreement-title">
      <div className="page-head">
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
      <div className="agreement-layout">
        <nav className="agreement-toc" aria-label={t('toc')}>
          <ol>
            {contents.map((id) => (
              <li key={id} className={id === 'edit' || id === 'versions' ? 'toc-tool' : undefined}>
                <a href={`#agreement-${id}`}>{t(`${id}.title`)}</a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="agreement-sections">
          {agreement.isPending ? (
            <Loading rows={6} />
          ) : missing ? (
            <Empty>{configure ? t('missing.configure') : t('missing.read')}</Empty>
          ) : agreement.isError ? (
            <ErrorMessage error={agreement.error} />
          ) : (
            <AgreementView document={agreement.data.document} />
          )}
          {configure && (agreement.isSuccess || missing) && (
            <Suspense fallback={<div className="card editor-placeholder" aria-hidden="true" />}>
              <AgreementEditor
                active={
                  active ? { version: active.version, source: active.source } : { version: 0, source: '' }
                }
                template={template}
              />
            </Suspense>
          )}
          <Section id="versions" title={t('versions.title')} intro={t('versions.intro')}>
            <VersionList onLoad={configure ? loadVersion : undefined} />
          </Section>
        </div>
      </div>
    </section>
  )
}
