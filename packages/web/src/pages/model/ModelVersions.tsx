// Every version, newest first: its state, target, when it was asked for and by what, its outcomes, and
// for a trained one the chosen model with its ROC AUC and a link that shows it above. Older pages load on
// request; a version still working is polled (use-model.ts).
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { QueryStates } from '../../components/States.tsx'
import { ReportTable } from '../reports/ReportParts.tsx'
import type { ModelRun } from './model-figures.ts'
import { useModelRuns } from './use-model.ts'
import type { ModelWords } from './use-model-words.ts'

export function ModelVersions({
  shown,
  inUse,
  words,
}: {
  shown: number | null
  inUse: number | null
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const runs = useModelRuns()
  const pages = runs.data ? runs.data.pages.flatMap((page) => page.items) : undefined
  return (
    <section className="report-section model-versions" aria-labelledby="model-versions-title">
      <h2 id="model-versions-title">{t('versions.title')}</h2>
      <QueryStates query={{ ...runs, data: pages }} rows={3} empty={t('versions.empty')}>
        {(items) => (
          <>
            <ReportTable caption={t('versions.title')} testId="model-versions">
              <thead>
                <tr>
                  <th scope="col">{t('versions.version')}</th>
                  <th scope="col">{t('versions.status')}</th>
                  <th scope="col">{t('versions.target')}</th>
                  <th scope="col">{t('versions.started')}</th>
                  <th scope="col" className="number">
                    {t('versions.positives')}
                  </th>
                  <th scope="col" className="number">
                    {t('versions.negatives')}
                  </th>
                  <th scope="col">{t('versions.chosen')}</th>
                  <th scope="col" className="number">
                    {t('compare.rocAuc')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((run) => (
                  <VersionRow key={run.version} run={run} shown={shown} inUse={inUse} words={words} />
                ))}
              </tbody>
            </ReportTable>
            {runs.hasNextPage && (
              <button
                type="button"
                className="model-more"
                disabled={runs.isFetchingNextPage}
                onClick={() => void runs.fetchNextPage()}
              >
                {t('versions.more')}
              </button>
            )}
          </>
        )}
      </QueryStates>
    </section>
  )
}

function VersionRow({
  run,
  shown,
  inUse,
  words,
}: {
  run: ModelRun
  shown: number | null
  inUse: number | null
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const chosen = run.figures?.models.find((model) => model.name === run.figures?.chosen)
  const viewable = run.status === 'completed' && run.figures !== null
  return (
    <tr data-version={run.version} data-status={run.status} aria-current={run.version === shown || undefined}>
      <th scope="row">
        {viewable && run.version !== shown ? (
          <Link
            to={run.version === inUse ? '/reports/model' : `/reports/model?version=${run.version}`}
            aria-label={t('versions.open', { version: run.version })}
          >
            {t('versions.versionN', { version: run.version })}
          </Link>
        ) : (
          t('versions.versionN', { version: run.version })
        )}
        {run.version === inUse && <span className="model-sub">{t('detail.inUse')}</span>}
        {run.version === shown && run.version !== inUse && (
          <span className="model-sub">{t('versions.shown')}</span>
        )}
      </th>
      <td>
        <span className={`badge model-status-${run.status}`}>{words.status(run.status)}</span>
        {run.source === 'csv' && <span className="model-sub">{t('versions.csv')}</span>}
      </td>
      <td>{words.target(run.target)}</td>
      <td className="model-nowrap">
        {words.dateTime(run.createdAt)}
        <span className="model-sub">{words.trigger(run.trigger)}</span>
      </td>
      <td className="number" data-figure="positives">
        {run.outcomes ? words.count(run.outcomes.positives) : '–'}
      </td>
      <td className="number" data-figure="negatives">
        {run.outcomes ? words.count(run.outcomes.negatives) : '–'}
      </td>
      <td>{chosen ? words.modelName(chosen.name) : '–'}</td>
      <td className="number" data-figure="rocAuc">
        {chosen ? words.measure(chosen.rocAuc) : '–'}
      </td>
    </tr>
  )
}
