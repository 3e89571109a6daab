// What the newest run came to when it left no model to show: nothing trained yet, too few outcomes (each
// kind counted against the minimum, "57 von 200 SQL-Abschlüssen"), or a failure with its error. Until a
// model exists, the rule-based scores are the only ones, and the notices say so.
import { useTranslation } from 'react-i18next'
import { outcomeShortfall, type ModelRun, type OutcomeCount, type Outcomes } from './model-figures.ts'
import type { ModelWords } from './use-model-words.ts'

export function NoModelNotice({ minimum, mayTrain }: { minimum: number; mayTrain: boolean }) {
  const { t } = useTranslation('model')
  return (
    <section className="card model-notice" aria-labelledby="model-none-title" data-testid="model-none">
      <h2 id="model-none-title">{t('none.title')}</h2>
      <p>{t('none.text', { minimum })}</p>
      <p className="muted">{mayTrain ? t('none.train') : t('none.askToTrain')}</p>
    </section>
  )
}

export function InsufficientNotice({
  run,
  outcomes,
  minimum,
  current,
  words,
}: {
  run: ModelRun
  outcomes: Outcomes
  minimum: number
  /** the version leads are still scored with, if any */
  current: number | null
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const shortfall = outcomeShortfall(outcomes, minimum)
  const target = run.target === 'customer' ? 'customer' : 'sql'
  return (
    <section
      className="card model-notice model-notice-warn"
      aria-labelledby="model-insufficient-title"
      data-testid="model-insufficient"
    >
      <h2 id="model-insufficient-title">{t('insufficient.title')}</h2>
      <p>
        {t('insufficient.text', {
          version: run.version,
          target: words.target(run.target),
          leads: words.count(outcomes.leads ?? outcomes.positives + outcomes.negatives),
          minimum: words.count(shortfall.positives.minimum),
        })}
      </p>
      <ul className="model-outcomes">
        <OutcomeLine kind="positives" outcome={shortfall.positives} target={target} words={words} />
        <OutcomeLine kind="negatives" outcome={shortfall.negatives} target={target} words={words} />
      </ul>
      <p className="muted">
        {current === null ? t('insufficient.rulesOnly') : t('insufficient.keeps', { version: current })}
      </p>
    </section>
  )
}

function OutcomeLine({
  kind,
  outcome,
  target,
  words,
}: {
  kind: 'positives' | 'negatives'
  outcome: OutcomeCount
  target: 'sql' | 'customer'
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  return (
    <li data-kind={kind} data-enough={outcome.enough}>
      <span className="model-outcome-text">
        {t(`insufficient.${kind}.${target}`, {
          value: words.count(outcome.count),
          minimum: words.count(outcome.minimum),
        })}
      </span>
      <meter
        min={0}
        max={outcome.minimum}
        value={Math.min(outcome.count, outcome.minimum)}
        aria-hidden="true"
      />
      <span className={outcome.enough ? 'model-outcome-enough' : 'model-outcome-missing'}>
        {outcome.enough
          ? t('insufficient.enough')
          : t('insufficient.missing', { count: outcome.missing, missing: words.count(outcome.missing) })}
      </span>
    </li>
  )
}

export function FailedNotice({ run, current }: { run: ModelRun; current: number | null }) {
  const { t } = useTranslation('model')
  return (
    <section
      className="card model-notice model-notice-bad"
      aria-labelledby="model-failed-title"
      data-testid="model-failed"
    >
      <h2 id="model-failed-title">{t('failed.title')}</h2>
      <p>{t('failed.text', { version: run.version })}</p>
      {run.error && <p className="model-error">{run.error}</p>}
      <p className="muted">
        {current === null ? t('insufficient.rulesOnly') : t('insufficient.keeps', { version: current })}
      </p>
    </section>
  )
}
