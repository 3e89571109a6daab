// One agreement version, the centre of its governance: state, approvals and what is missing, the steps the
// viewer may take, the review history, its text (form or YAML over one unsaved draft), what it changes
// against the active version, and its backtests.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { Empty, ErrorMessage, Loading } from '../../../components/States.tsx'
import { useAgreement } from '../../../hooks/use-agreement.ts'
import { useSession } from '../../../session/session.tsx'
import { BacktestPanel } from '../backtest/BacktestPanel.tsx'
import { useGovernanceProblem } from './governance-problems.ts'
import { ReviewTimeline } from './ReviewTimeline.tsx'
import { VersionActions } from './VersionActions.tsx'
import { VersionDiff } from './VersionDiff.tsx'
import { VersionHead } from './VersionHead.tsx'
import { VersionText } from './VersionText.tsx'
import {
  mayConfigure,
  mayEvaluate,
  openSidesFor,
  versionActions,
  type VersionStatus,
} from './version-actions.ts'
import {
  saveDraftText,
  useGovernanceSettings,
  useRefreshAfterStep,
  useReviews,
  useVersion,
  versionKeys,
  type Governed,
} from './use-version.ts'
import { useUnsavedWarning } from './use-unsaved-warning.ts'
import '../agreement.css'
import './version.css'

export function VersionPage() {
  const { t } = useTranslation('governance')
  const param = useParams().version ?? ''
  const version = /^[1-9][0-9]{0,6}$/.test(param) ? Number(param) : null
  if (version === null) {
    return (
      <section className="page">
        <Empty>{t('notFound', { version: param })}</Empty>
      </section>
    )
  }
  // A fresh page per version: the draft text of one never leaks into another.
  return <LoadedVersion key={version} version={version} />
}

function LoadedVersion({ version }: { version: number }) {
  const reviews = useReviews(version)
  const stored = useVersion(version)
  if (reviews.isPending)
    return (
      <section className="page">
        <Loading rows={6} />
      </section>
    )
  if (reviews.isError)
    return (
      <section className="page">
        <ErrorMessage error={reviews.error} />
      </section>
    )
  return (
    <VersionScreen
      governed={reviews.data}
      nameLabel={stored.data?.nameLabel}
      authorName={stored.data?.createdByName ?? null}
    />
  )
}

function VersionScreen({
  governed: { version: governed, items: steps },
  nameLabel,
  authorName,
}: {
  governed: Governed
  nameLabel: { de: string; en: string } | undefined
  authorName: string | null
}) {
  const { t } = useTranslation('governance')
  const session = useSession()
  const queryClient = useQueryClient()
  const refresh = useRefreshAfterStep()
  const problemText = useGovernanceProblem()
  const active = useAgreement()
  const settings = useGovernanceSettings()
  const [text, setText] = useState(governed.source)
  const [saved, setSaved] = useState(governed.source)
  // Steps answer at the top, by the buttons; saves in the text section, by the save button.
  const [stepNotice, setStepNotice] = useState('')
  const [textNotice, setTextNotice] = useState<{ text: string; kind: 'ok' | 'problem' } | null>(null)
  const status = governed.status as VersionStatus

  // The stored text moved on (a save here, or someone else's): follow it when nothing is unsaved.
  if (governed.source !== saved) {
    setSaved(governed.source)
    if (text === saved) setText(governed.source)
  }
  const dirty = text !== saved
  useUnsavedWarning(dirty, t('text.leave'))

  const role = session.user.role
  const email = session.user.email.toLowerCase()
  const leadsTeam =
    active.data?.document.routing?.teams?.some((team) => team.lead?.toLowerCase() === email) ?? false
  const viewer = { userId: session.user.id, role, leadsTeam }
  const singlePartyActivation = settings.data?.singlePartyActivation ?? false
  const actions = versionActions(
    {
      status,
      createdBy: governed.createdBy,
      approvals: governed.approvals,
      valid: governed.errors.length === 0,
    },
    viewer,
    { dirty, singlePartyActivation },
  )
  const save = actions.find((action) => action.action === 'save')
  const readOnly = status !== 'draft' || !mayConfigure(role)

  const saving = useMutation({
    mutationFn: (source: string) => saveDraftText(governed.version, source),
    onSuccess: async (stored) => {
      queryClient.setQueryData(versionKeys.reviews(governed.version), (previous: Governed | undefined) =>
        previous ? { ...previous, version: stored } : previous,
      )
      setTextNotice({
        text:
          stored.errors.length === 0
            ? t('text.saved')
            : t('text.savedInvalid', { count: stored.errors.length }),
        kind: stored.errors.length === 0 ? 'ok' : 'problem',
      })
      await refresh(governed.version, false)
    },
    onError: (error) => setTextNotice({ text: problemText(error), kind: 'problem' }),
  })

  return (
    <section className="page agreement version-page" aria-labelledby="version-title">
      <VersionHead governed={governed} nameLabel={nameLabel} authorName={authorName} steps={steps} />
      <p className="notice" role="status" aria-live="polite" data-testid="version-notice">
        {stepNotice}
      </p>
      <VersionActions
        version={governed.version}
        actions={actions}
        openSides={openSidesFor(viewer, governed.approvals)}
        activeVersion={active.data?.version ?? null}
        singleParty={status !== 'approved'}
        readerNote={
          status === 'draft'
            ? 'draft'
            : status === 'proposed' || status === 'approved'
              ? 'inReview'
              : undefined
        }
        onDone={setStepNotice}
      />
      <nav className="version-jump" aria-label={t('jump.label')}>
        <ul>
          {(['history', 'text', ...(status === 'active' ? [] : ['diff']), 'backtest'] as const).map(
            (part) => (
              <li key={part}>
                <a href={`#version-${part}`}>{t(`jump.${part}`)}</a>
              </li>
            ),
          )}
        </ul>
      </nav>
      <div className="version-sections">
        <section
          className="card agreement-section"
          id="version-history"
          aria-labelledby="version-history-title"
        >
          <h2 id="version-history-title">{t('timeline.title')}</h2>
          <ReviewTimeline steps={steps} />
        </section>
        <VersionText
          text={text}
          onChange={setText}
          readOnly={readOnly}
          dirty={dirty}
          save={save}
          saving={saving.isPending}
          onSave={() => {
            setTextNotice(null)
            saving.mutate(text)
          }}
          onRevert={() => setText(saved)}
          notice={textNotice}
        />
        {status === 'active' ? null : <VersionDiff version={governed.version} dirty={dirty} />}
        <div className="card agreement-section" id="version-backtest">
          {dirty && <p className="warning">{t('backtest.unsaved')}</p>}
          <BacktestPanel
            version={governed.version}
            canRun={mayEvaluate(role) && governed.errors.length === 0}
          />
        </div>
      </div>
    </section>
  )
}
