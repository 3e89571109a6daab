// The predictive score's model at /reports/model: training (for those who negotiate the agreement), what
// the newest run came to (still working, too few outcomes, failed), the model leads are scored with – or
// another version chosen in the list (`?version=`) – with its figures, and every version.
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading, QueryStates } from '../../components/States.tsx'
import { can, useSession } from '../../session/session.tsx'
import { isRunWorking, type CurrentModel } from './model-figures.ts'
import { useCurrentModel, useModelVersion } from './use-model.ts'
import { useModelWords, type ModelWords } from './use-model-words.ts'
import { TrainPanel } from './TrainPanel.tsx'
import { FailedNotice, InsufficientNotice, NoModelNotice } from './RunNotices.tsx'
import { ModelVersionView } from './ModelVersionView.tsx'
import { ModelVersions } from './ModelVersions.tsx'
import '../reports/reports.css'
import './model.css'

export function ModelPage() {
  const { t } = useTranslation('model')
  const session = useSession()
  const mayTrain = can(session.user.role).evaluate
  const current = useCurrentModel()
  const words = useModelWords()
  return (
    <section className="page model-page" aria-labelledby="model-title">
      <title>{`${t('title')} · Takt`}</title>
      <p className="report-back">
        <Link to="/reports">← {t('reports:all')}</Link>
      </p>
      <div className="page-head">
        <h1 id="model-title">{t('title')}</h1>
      </div>
      <p className="muted model-intro">{t('intro')}</p>
      <QueryStates query={current} rows={5}>
        {(data) => <ModelOverview data={data} mayTrain={mayTrain} words={words} />}
      </QueryStates>
    </section>
  )
}

function ModelOverview({
  data,
  mayTrain,
  words,
}: {
  data: CurrentModel
  mayTrain: boolean
  words: ModelWords
}) {
  const [params, setParams] = useSearchParams()
  const asked = versionParam(params.get('version'))
  const { model: current, latest } = data
  const other = asked !== null && asked !== current?.version ? asked : null
  // The newest run says something of its own only when it is not the model in use.
  const newer = latest !== null && latest.version !== current?.version ? latest : null
  return (
    <>
      <TrainPanel latest={latest} currentTarget={current?.target ?? null} mayTrain={mayTrain} words={words} />
      {newer?.status === 'insufficient' && newer.outcomes && (
        <InsufficientNotice
          run={newer}
          outcomes={newer.outcomes}
          minimum={data.minimumPerKind}
          current={current?.version ?? null}
          words={words}
        />
      )}
      {newer?.status === 'failed' && <FailedNotice run={newer} current={current?.version ?? null} />}
      {current === null && (latest === null || isRunWorking(latest.status)) && (
        <NoModelNotice minimum={data.minimumPerKind} mayTrain={mayTrain} />
      )}
      {other !== null ? (
        <OtherVersion
          version={other}
          current={current?.version ?? null}
          onCurrent={() => setParams({})}
          words={words}
        />
      ) : (
        current && <ModelVersionView run={current} inUse words={words} />
      )}
      <ModelVersions
        shown={other ?? current?.version ?? null}
        inUse={current?.version ?? null}
        words={words}
      />
    </>
  )
}

/** A version chosen in the list, not the one leads are scored with. */
function OtherVersion({
  version,
  current,
  onCurrent,
  words,
}: {
  version: number
  current: number | null
  onCurrent: () => void
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const run = useModelVersion(version)
  return (
    <>
      <p className="model-viewing" data-testid="model-viewing">
        {t('detail.viewing', { version })}{' '}
        {current !== null && (
          <>
            {t('detail.inUseIs', { version: current })}{' '}
            <button type="button" className="link-button" onClick={onCurrent}>
              {t('detail.showCurrent')}
            </button>
          </>
        )}
      </p>
      {run.isError ? (
        <ErrorMessage error={run.error} />
      ) : run.data === undefined ? (
        <Loading rows={4} />
      ) : (
        <ModelVersionView run={run.data} inUse={false} words={words} />
      )}
    </>
  )
}

function versionParam(value: string | null): number | null {
  const version = Number(value)
  return value !== null && Number.isInteger(version) && version >= 1 ? version : null
}
