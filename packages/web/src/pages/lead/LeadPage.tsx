// One lead, explained: who it is, where it stands and why, what it did, who owns it, the sales checklist,
// and the actions its stage allows. `?asOf=` shows the lead as it stood at a past instant, read-only.
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { ApiProblem } from '../../api/client.ts'
import { ErrorMessage } from '../../components/States.tsx'
import { can, useSession } from '../../session/session.tsx'
import { useLead } from './use-lead.ts'
import { leadName, type LeadDetail, type OnDone } from './lead-types.ts'
import { LeadHeader } from './LeadHeader.tsx'
import { LeadActions } from './LeadActions.tsx'
import { AsOfControl } from './AsOfControl.tsx'
import { StageHistory } from './StageHistory.tsx'
import { ScoreExplanation } from './ScoreExplanation.tsx'
import { TouchpointTimeline } from './TouchpointTimeline.tsx'
import { PersonCard } from './PersonCard.tsx'
import { AssignmentCard } from './AssignmentCard.tsx'
import { QualificationChecklist } from './QualificationChecklist.tsx'
import { LeadSkeleton } from './LeadSkeleton.tsx'
import { UndoButton } from '../../components/UndoButton.tsx'
import type { Undoable } from '../../hooks/use-undo-decision.ts'
import { undoKey } from '../../hooks/undoable.ts'
import { ActivityPanel } from './ActivityPanel.tsx'
import { PrivacyActions } from './PrivacyActions.tsx'
import { LeadAnchors } from './LeadAnchors.tsx'
import { LeadStickyBar } from './LeadStickyBar.tsx'
import { useReturnTo } from '../../hooks/use-return-to.ts'
import { PredictionSection } from './PredictionSection.tsx'
import { NextContentSection } from './NextContentSection.tsx'
import { MqlDistanceCard } from './MqlDistanceCard.tsx'
import { erasedLead, isNurtured, sideCardsShown } from './lead-figures.ts'
import './lead.css'

export function LeadPage() {
  const { t } = useTranslation('lead')
  const { id = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const asOf = params.get('asOf')
  const lead = useLead(id, asOf)
  const session = useSession()
  const rights = can(session.user.role)
  // The last action's outcome, kept with its lead so it does not follow the user to the next one.
  const [outcome, setOutcome] = useState<{
    id: string
    text: string
    shown: boolean
    /** the decision the action recorded, while it may still be undone */
    undo?: Undoable
  } | null>(null)
  const done = outcome?.id === id ? outcome : null
  const notice = done?.shown ? done.text : null

  const showAsOf = (value: string | null) => {
    setOutcome(null)
    setParams(value ? { asOf: value } : {})
  }
  // Stable, so the undo button's countdown is not restarted by every refetch of the lead.
  const dropUndo = useCallback(() => setOutcome((current) => current && { ...current, undo: undefined }), [])
  const onDone: OnDone = (message, focus, undo) => {
    if (message === null) return setOutcome(null)
    setOutcome({ id, text: message, shown: true, ...(undo ? { undo } : {}) })
    if (!focus) return
    // The button that was pressed is usually gone with the old stage: keep focus where the user was.
    requestAnimationFrame(() => document.getElementById(focus)?.focus({ preventScroll: true }))
  }
  // Back to the list the user came from, filters and all; the role's home when they came from nowhere.
  const returnTo = useReturnTo(rights.work ? '/inbox' : '/board')
  const back = {
    to: returnTo.to,
    label: t(`work:back.${returnTo.list === null ? 'default' : returnTo.list.slice(1)}`),
  }
  // A rep who hands a lead back to marketing loses sight of it: the refetch answers 404.
  const goneAfterAction = done !== null && lead.error instanceof ApiProblem && lead.error.status === 404

  return (
    <section className="page lead-page" aria-labelledby="lead-title">
      <p className="lead-back">
        <Link to={back.to}>← {back.label}</Link>
      </p>
      {/* Fixed at the bottom of the window: seen wherever the user acted, and the page never jumps. */}
      <div className={notice ? 'lead-toast shown' : 'lead-toast'}>
        <p role="status" aria-live="polite">
          {notice ?? ''}
        </p>
        {notice && done?.undo && (
          <UndoButton
            key={undoKey(done.undo)}
            undoable={done.undo}
            onUndone={(result) =>
              setOutcome({
                id,
                text: t('actions:undo.doneStage', { stage: t(`common:stage.${result.stage}`) }),
                shown: true,
              })
            }
            onFailed={(message) => setOutcome({ id, text: message, shown: true })}
            onExpired={dropUndo}
          />
        )}
        {notice && (
          <button
            type="button"
            className="link-button"
            onClick={() => done && setOutcome({ id: done.id, text: done.text, shown: false })}
          >
            {t('dismiss')}
          </button>
        )}
      </div>
      {lead.isPending ? (
        <LeadSkeleton />
      ) : goneAfterAction ? (
        <div className="card lead-gone">
          <h1 id="lead-title">{t('gone.title')}</h1>
          <p>
            {done.text} {t('gone.text')}
          </p>
          <p>
            <Link to={back.to}>{back.label}</Link>
          </p>
        </div>
      ) : lead.isError ? (
        <div className="card">
          <h1 id="lead-title">{t('title')}</h1>
          {asOf && lead.error instanceof ApiProblem && lead.error.status === 400 ? (
            <p className="error" role="alert">
              {t('asOf.badTime')}
            </p>
          ) : (
            <ErrorMessage error={lead.error} />
          )}
          {asOf && (
            <p>
              <button type="button" onClick={() => showAsOf(null)}>
                {t('asOf.backToNow')}
              </button>
            </p>
          )}
        </div>
      ) : (
        <LeadView
          lead={lead.data}
          asOf={asOf}
          onAsOf={showAsOf}
          onDone={onDone}
          canWork={rights.work}
          canAdminister={rights.administer}
          refreshing={lead.isFetching}
        />
      )}
    </section>
  )
}

function LeadView(props: {
  lead: LeadDetail
  asOf: string | null
  onAsOf: (asOf: string | null) => void
  onDone: OnDone
  canWork: boolean
  canAdminister: boolean
  refreshing: boolean
}) {
  const { t } = useTranslation('lead')
  const { lead, asOf, onAsOf, onDone } = props
  // Past states are for reading; only the present can be changed.
  const editable = props.canWork && asOf === null
  // Activities and tasks are for leads someone still works: not for an erased person.
  const working = editable && !erasedLead(lead)
  const shown = sideCardsShown(lead)
  // The prediction and the next content describe the lead as it is now, not a past state; content is
  // recommended for the leads marketing nurtures.
  const outlook = {
    prediction: asOf === null,
    content: asOf === null && isNurtured(lead) && !erasedLead(lead),
  }
  return (
    <>
      <title>{`${leadName(lead)} · Takt`}</title>
      <LeadHeader lead={lead} refreshing={props.refreshing} />
      <AsOfControl key={asOf ?? 'now'} asOf={asOf} shownAt={lead.asOf} onChange={onAsOf} />
      {editable ? (
        <LeadActions lead={lead} onDone={onDone} />
      ) : asOf === null ? (
        <p className="muted lead-readonly">{t('actions.readOnly')}</p>
      ) : null}
      <LeadAnchors working={working} outlook={outlook} />
      <div className="lead-layout">
        <div className="lead-main">
          {working && <ActivityPanel lead={lead} onDone={onDone} />}
          <StageHistory lead={lead} onAsOf={onAsOf} />
          <ScoreExplanation lead={lead} />
          {outlook.prediction && <PredictionSection leadId={lead.id} />}
          {outlook.content && <NextContentSection leadId={lead.id} />}
          <TouchpointTimeline lead={lead} activities={asOf === null ? 'show' : 'hide'} />
        </div>
        <aside className="lead-side" aria-label={t('sideLabel')}>
          <PersonCard lead={lead} />
          {lead.mqlDistance.status === 'open' && <MqlDistanceCard lead={lead} />}
          {shown.assignment && <AssignmentCard lead={lead} />}
          {shown.checklist && <QualificationChecklist lead={lead} editable={editable} onDone={onDone} />}
          {props.canAdminister && asOf === null && !erasedLead(lead) && (
            <PrivacyActions lead={lead} onDone={onDone} />
          )}
        </aside>
      </div>
      {/* Fixed at the top once the header has scrolled away: who, where, the next task and the stage's
          main actions stay in reach while reading the story. Last in the page, as it repeats the header. */}
      <LeadStickyBar lead={lead} editable={editable} working={working} />
    </>
  )
}
