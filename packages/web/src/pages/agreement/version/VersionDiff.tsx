// "Änderungen gegenüber aktiv": what the saved version changes against the active one, in words and
// grouped by area, with before → after values; never a text diff of the YAML. Unsaved edits are not in it
// yet, and a draft that does not validate has nothing to compare until it is fixed (422).
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ApiProblem, unwrap } from '../../../api/client.ts'
import { useFormat } from '../../../hooks/format.ts'
import { Empty, ErrorMessage, Loading } from '../../../components/States.tsx'
import { groupChanges, valueChange, type DiffChange, type ValueWords } from './diff-groups.ts'
import { versionKeys } from './use-version.ts'

export function VersionDiff({ version, dirty }: { version: number; dirty: boolean }) {
  const { t, i18n } = useTranslation('governance')
  const format = useFormat()
  const language = i18n.language === 'en' ? 'en' : 'de'
  const diff = useQuery({
    // Invalidated by every save and step (use-version.ts), so it follows the saved text.
    queryKey: versionKeys.diff(version),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreement/versions/{version}/diff', {
          params: { path: { version }, query: { against: 'active' } },
        }),
      ),
    retry: false,
  })
  const words: ValueWords = {
    number: format.number,
    none: t('diff.none'),
    yes: t('agreement:word.yes'),
    no: t('agreement:word.no'),
  }

  return (
    <section className="card agreement-section" id="version-diff" aria-labelledby="version-diff-title">
      <h2 id="version-diff-title">{t('diff.title')}</h2>
      {dirty && (
        <p className="warning" data-testid="diff-unsaved">
          {t('diff.unsaved')}
        </p>
      )}
      {diff.isPending ? (
        <Loading rows={2} />
      ) : diff.isError ? (
        <DiffProblem error={diff.error} />
      ) : diff.data.changes.length === 0 ? (
        <Empty>{t('diff.noChanges', { version: diff.data.from.version })}</Empty>
      ) : (
        <>
          <p className="muted section-intro">
            {t('diff.intro', { count: diff.data.changes.length, version: diff.data.from.version })}
          </p>
          <div className="diff-groups" data-testid="version-diff">
            {groupChanges(diff.data.changes as DiffChange[]).map((group) => (
              <section key={group.section} className="diff-group" aria-labelledby={`diff-${group.section}`}>
                <h3 id={`diff-${group.section}`}>
                  {t(`diff.section.${group.section}`, { defaultValue: group.section })}
                </h3>
                <ul className="diff-changes">
                  {group.changes.map((change, index) => {
                    const values = valueChange(change, words)
                    return (
                      <li key={index} className={`diff-change diff-${change.kind}`}>
                        <span>{change.text[language]}</span>
                        {values && (
                          <span className="diff-values">
                            <del>
                              <span className="visually-hidden">{t('diff.before')} </span>
                              {values[0]}
                            </del>{' '}
                            <span aria-hidden="true">→</span>{' '}
                            <ins>
                              <span className="visually-hidden">{t('diff.after')} </span>
                              {values[1]}
                            </ins>
                          </span>
                        )}
                      </li>
                    )
                  })}
                </ul>
              </section>
            ))}
          </div>
        </>
      )}
    </section>
  )
}

function DiffProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('governance')
  if (error instanceof ApiProblem && error.code === 'AGREEMENT_INVALID') {
    return <p className="warning">{t('diff.invalid')}</p>
  }
  if (error instanceof ApiProblem && error.code === 'NO_ACTIVE_AGREEMENT') {
    return <Empty>{t('diff.noActive')}</Empty>
  }
  return <ErrorMessage error={error} />
}
