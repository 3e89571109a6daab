// Training a new version: the target (SQL, or a won customer) and the button, for those who negotiate the
// agreement; everyone sees a run's progress while it is queued or running, and how the run they started
// ended. The page polls the run meanwhile (use-model.ts), so the new figures appear by themselves.
import { useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../components/States.tsx'
import {
  isRunWorking,
  isTarget,
  progressPercent,
  TARGETS,
  type ModelRun,
  type Target,
} from './model-figures.ts'
import { useTrainModel } from './use-model.ts'
import type { ModelWords } from './use-model-words.ts'

export function TrainPanel({
  latest,
  currentTarget,
  mayTrain,
  words,
}: {
  latest: ModelRun | null
  currentTarget: string | null
  mayTrain: boolean
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const train = useTrainModel()
  const [target, setTarget] = useState<Target>(isTarget(currentTarget) ? currentTarget : 'sql')
  // The run this person asked for, to say how it ended once it has.
  const [asked, setAsked] = useState<{ version: number; started: boolean } | null>(null)
  const working = latest !== null && isRunWorking(latest.status)
  // Nothing to show someone who may not train before any run: the page's notice says who can.
  if (!mayTrain && latest === null) return null
  const start = () => {
    setAsked(null)
    train.mutate(target, { onSuccess: (run) => setAsked({ version: run.version, started: run.started }) })
  }
  return (
    <section className="card model-train" aria-labelledby="model-train-title" data-testid="model-train">
      <h2 id="model-train-title">{t('train.title')}</h2>
      {working ? (
        <RunProgress run={latest} words={words} />
      ) : (
        <p className="muted">
          {latest
            ? t('train.last', {
                version: latest.version,
                date: words.dateTime(latest.finishedAt ?? latest.createdAt),
                status: words.status(latest.status),
              })
            : t('train.never')}
        </p>
      )}
      {mayTrain ? (
        <form
          className="model-train-form"
          onSubmit={(event) => {
            event.preventDefault()
            start()
          }}
        >
          <label>
            {t('train.target')}
            <select
              name="target"
              value={target}
              disabled={working}
              onChange={(event) => setTarget(event.target.value as Target)}
            >
              {TARGETS.map((option) => (
                <option key={option} value={option}>
                  {t(`train.targetOption.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={working || train.isPending}>
            {train.isPending ? t('train.starting') : latest ? t('train.again') : t('train.first')}
          </button>
          <p className="muted model-train-hint">{t('train.hint')}</p>
        </form>
      ) : (
        <p className="muted" data-testid="model-read-only">
          {t('train.readOnly')}
        </p>
      )}
      <p className="model-train-status" role="status" aria-live="polite" data-testid="model-train-status">
        {asked ? outcomeText(asked, latest, t) : ''}
      </p>
      {train.isError && <ErrorMessage error={train.error} />}
    </section>
  )
}

function RunProgress({ run, words }: { run: ModelRun; words: ModelWords }) {
  const { t } = useTranslation('model')
  const percent = progressPercent(run)
  return (
    <div className="model-progress" data-testid="model-progress" data-status={run.status}>
      <p>
        {run.status === 'queued'
          ? t('train.queued', { version: run.version, target: words.target(run.target) })
          : t('train.running', { version: run.version, target: words.target(run.target) })}
      </p>
      <progress max={100} value={percent} aria-label={t('train.progressLabel', { version: run.version })} />
      <span className="model-progress-value">{words.share(percent / 100)}</span>
    </div>
  )
}

/** How the run this person asked for stands: started, already waiting, or ended one way or another. */
function outcomeText(
  asked: { version: number; started: boolean },
  latest: ModelRun | null,
  t: TFunction<'model'>,
) {
  const version = asked.version
  if (latest?.version !== version || isRunWorking(latest.status)) {
    return asked.started ? t('train.started', { version }) : t('train.alreadyRunning', { version })
  }
  switch (latest.status) {
    case 'completed':
      return t('train.done.completed', { version })
    case 'insufficient':
      return t('train.done.insufficient', { version })
    case 'failed':
      return t('train.done.failed', { version })
    default:
      return ''
  }
}
