// The predicted conversion beside the rule-based scores: the calibrated probability that the lead reaches
// the model's target, which model judged it and whether as it was at its hand-off or as it is now, and
// the strongest factors each way. Without a model, or with too few outcomes, it says so plainly and
// points to the model page.
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../../components/States.tsx'
import { isRunWorking, outcomeShortfall } from '../model/model-figures.ts'
import { useCurrentModel } from '../model/use-model.ts'
import { useModelWords, type ModelWords } from '../model/use-model-words.ts'
import { useLeadPrediction, type Factor, type LeadPrediction } from './use-lead-prediction.ts'

const MODEL_PAGE = '/reports/model'

export function PredictionSection({ leadId }: { leadId: string }) {
  const { t } = useTranslation('lead')
  const prediction = useLeadPrediction(leadId)
  const words = useModelWords()
  return (
    <section
      className="card lead-section prediction"
      aria-labelledby="prediction-title"
      data-testid="lead-prediction"
    >
      <h2 id="prediction-title">{t('prediction.title')}</h2>
      {prediction.isError ? (
        <ErrorMessage error={prediction.error} />
      ) : prediction.data === undefined ? (
        <Loading rows={1} />
      ) : (
        <PredictionBody prediction={prediction.data} words={words} />
      )}
    </section>
  )
}

function PredictionBody({ prediction, words }: { prediction: LeadPrediction; words: ModelWords }) {
  const { t } = useTranslation('lead')
  const link = (
    <p className="prediction-more">
      <Link to={MODEL_PAGE}>{t('prediction.toModel')}</Link>
    </p>
  )
  if (prediction.state !== 'scored' || prediction.model === null || prediction.probability === null) {
    return (
      <div data-state={prediction.state}>
        <Unscored prediction={prediction} words={words} />
        <p className="muted">{t('prediction.rulesOnly')}</p>
        {link}
      </div>
    )
  }
  const { model, probability } = prediction
  const target = model.target === 'customer' ? 'customer' : 'sql'
  return (
    <div data-state="scored">
      <p className="prediction-figure">
        <strong data-testid="prediction-probability">{words.share(probability)}</strong>
        <span>{t(`prediction.chance.${target}`)}</span>
      </p>
      <div className="prediction-meter" aria-hidden="true">
        <span style={{ width: `${Math.round(probability * 1000) / 10}%` }} />
      </div>
      <p className="muted prediction-model" data-testid="prediction-model">
        {t('prediction.model', {
          version: model.version,
          target: words.target(model.target),
          date: words.date(model.trainedAt),
        })}
      </p>
      {prediction.basis && (
        <p className="muted prediction-basis" data-basis={prediction.basis}>
          {t(`prediction.basis.${prediction.basis}`, { date: words.dateTime(prediction.asOf) })}
        </p>
      )}
      <div className="prediction-factors">
        <FactorList
          kind="positive"
          title={t('prediction.positive')}
          factors={prediction.factors.positive}
          words={words}
        />
        <FactorList
          kind="negative"
          title={t('prediction.negative')}
          factors={prediction.factors.negative}
          words={words}
        />
      </div>
      {link}
    </div>
  )
}

function FactorList({
  kind,
  title,
  factors,
  words,
}: {
  kind: 'positive' | 'negative'
  title: string
  factors: readonly Factor[]
  words: ModelWords
}) {
  const { t } = useTranslation('lead')
  return (
    <div className={`prediction-factor-group prediction-${kind}-factors`}>
      <h3>{title}</h3>
      {factors.length === 0 ? (
        <p className="muted">{t('prediction.noFactors')}</p>
      ) : (
        <ul className="plain-list" data-testid={`prediction-${kind}`}>
          {factors.map((factor) => (
            <li key={factor.feature} data-feature={factor.feature}>
              <span className="prediction-factor-words">
                {words.feature(factor.feature)}: <strong>{words.value(factor.feature, factor.value)}</strong>
              </span>
              <span className={kind === 'negative' ? 'num negative' : 'num'}>
                {words.logOdds(factor.contribution)}
              </span>
              <span className="cell-sub prediction-factor-text">{factor.text[words.language]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/**
 * Why there is no probability: no model yet (one may be training), or the newest run had too few outcomes,
 * counted against the minimum. The prediction does not name that run's target; the model page's read
 * (often cached already) does.
 */
function Unscored({ prediction, words }: { prediction: LeadPrediction; words: ModelWords }) {
  const { t } = useTranslation('lead')
  const run = prediction.latestRun
  const insufficient = prediction.state === 'insufficient' && run?.outcomes ? run.outcomes : null
  const current = useCurrentModel(insufficient !== null)
  if (insufficient && current.isPending) return <Loading rows={1} />
  if (insufficient && run) {
    const latest = current.data?.latest
    const target = latest?.version === run.version ? latest.target : null
    const shortfall = outcomeShortfall(insufficient, current.data?.minimumPerKind ?? 0)
    const of = (kind: 'positives' | 'negatives') =>
      t(
        target === 'sql' || target === 'customer'
          ? `model:insufficient.${kind}.${target}`
          : `prediction.${kind}`,
        {
          value: words.count(shortfall[kind].count),
          minimum: words.count(shortfall[kind].minimum),
        },
      )
    return (
      <p data-testid="prediction-insufficient">
        {t('prediction.insufficient', { positives: of('positives'), negatives: of('negatives') })}
      </p>
    )
  }
  const training = run !== null && isRunWorking(run.status)
  return <p>{training ? t('prediction.training') : t('prediction.noModel')}</p>
}
