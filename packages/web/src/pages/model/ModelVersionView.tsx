// One trained version: what it predicts, when it was trained and on how many outcomes, then both models'
// figures with the reason one was chosen, the reliability of its probabilities and its strongest factors.
import { useTranslation } from 'react-i18next'
import type { ModelDetail } from './model-figures.ts'
import type { ModelWords } from './use-model-words.ts'
import { ModelComparison } from './ModelComparison.tsx'
import { ReliabilityChart } from './ReliabilityChart.tsx'
import { FeatureImportance } from './FeatureImportance.tsx'

export function ModelVersionView({
  run,
  inUse,
  words,
}: {
  run: ModelDetail
  inUse: boolean
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const target = words.target(run.target)
  const split = run.figures?.split
  return (
    <section
      className="model-version"
      aria-labelledby="model-version-title"
      data-testid="model-version"
      data-version={run.version}
    >
      <h2 id="model-version-title">
        {t('detail.title', { version: run.version })}{' '}
        {inUse && <span className="badge model-in-use">{t('detail.inUse')}</span>}
      </h2>
      {run.source === 'csv' && <p className="muted">{t('detail.csv')}</p>}
      <dl className="report-figures model-facts" data-testid="model-facts">
        <div>
          <dt>{t('detail.target')}</dt>
          <dd data-figure="target">{target}</dd>
        </div>
        <div>
          <dt>{t('detail.trainedAt')}</dt>
          <dd data-figure="trainedAt" className="model-fact-text">
            {words.dateTime(run.finishedAt ?? run.createdAt)}
          </dd>
        </div>
        {run.outcomes && (
          <>
            <div>
              <dt>{t('detail.positives', { target })}</dt>
              <dd data-figure="positives">{words.count(run.outcomes.positives)}</dd>
            </div>
            <div>
              <dt>{t('detail.negatives', { target })}</dt>
              <dd data-figure="negatives">{words.count(run.outcomes.negatives)}</dd>
            </div>
          </>
        )}
        {split && (
          <>
            <div>
              <dt>{t('detail.trainRows')}</dt>
              <dd data-figure="trainRows">
                {words.count(split.trainRows)}{' '}
                <span className="model-fact-sub">
                  {t('detail.ofThem', { value: words.count(split.trainPositives), target })}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('detail.testRows')}</dt>
              <dd data-figure="testRows">
                {words.count(split.testRows)}{' '}
                <span className="model-fact-sub">
                  {t('detail.ofThem', { value: words.count(split.testPositives), target })}
                </span>
              </dd>
            </div>
          </>
        )}
      </dl>
      {run.figures && <ModelComparison figures={run.figures} words={words} />}
      {run.model && (
        <>
          <ReliabilityChart bands={run.model.reliability} target={target} words={words} />
          <FeatureImportance importance={run.model.importance} words={words} />
        </>
      )}
    </section>
  )
}
