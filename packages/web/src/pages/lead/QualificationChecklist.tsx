// The sales qualification checklists the agreement asks for, item by item. In SAL, SQL and opportunity the
// rep edits them (update_checklist) and, from SAL, qualifies the lead to SQL once they satisfy the agreement.
import { useTranslation } from 'react-i18next'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { ChecklistEditor } from './ChecklistEditor.tsx'
import { ChecklistHistory } from './ChecklistHistory.tsx'
import { useProblemText } from './lead-problems.ts'
import { useLeadAction } from './use-lead.ts'
import type { LeadDetail, OnDone } from './lead-types.ts'

export function QualificationChecklist(props: { lead: LeadDetail; editable: boolean; onDone: OnDone }) {
  const { t } = useTranslation('lead')
  const { lead } = props
  const agreement = useAgreement()
  const qualification = lead.qualification
  const canEdit = props.editable && lead.allowedActions.includes('update_checklist')
  const saved = lead.state?.checklist ?? { confirmed: {} }
  const problems = useProblemText()
  // Here, not in the editor: a successful save remounts the editor, which must not lose the answer.
  const action = useLeadAction(lead.id, {
    success: (result, body) =>
      props.onDone(
        body.action === 'qualify' ? t('done.qualified') : t('done.checklistSaved'),
        'checklist-title',
        { leadId: lead.id, decisionId: result.decisionId },
      ),
    error: () => undefined,
  })
  return (
    <section className="card lead-section" aria-labelledby="checklist-title" id="checklist">
      <h2 id="checklist-title" tabIndex={-1}>
        {t('checklist.title')}
      </h2>
      {!qualification ? (
        <p className="muted">{t('checklist.none')}</p>
      ) : canEdit && agreement.data?.document.sql ? (
        <ChecklistEditor
          // Every saved change (ours or someone else's) starts the form afresh from what is stored.
          key={`${JSON.stringify(saved)}-${qualification.history.length}`}
          lead={lead}
          saved={saved}
          checklists={agreement.data.document.sql.checklists}
          pending={action.isPending}
          problem={action.isError ? problems.text(action.error) : null}
          onSend={(body) => {
            props.onDone(null)
            action.mutate(body)
          }}
        />
      ) : (
        <ChecklistView lead={lead} />
      )}
      {qualification && <ChecklistHistory history={qualification.history} />}
    </section>
  )
}

/** Read-only: before the lead is accepted, after it is closed, in the past, or for marketing. */
function ChecklistView({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const label = useLabel()
  const problems = useProblemText()
  const qualification = lead.qualification!
  const gaps = qualification.problem
    ? problems.checklistGaps(qualification.problem.details.missing, qualification.problem.details.unknown)
    : []
  const early = lead.stage === 'lead' || lead.stage === 'mql'
  // Out of the funnel nobody has to complete the checklist: a warning there only alarms.
  const out = lead.stage === 'disqualified' || lead.stage === 'recycled'
  return (
    <>
      {early && <p className="muted">{t('checklist.notYet')}</p>}
      {qualification.checklists.map((checklist) => (
        <div key={checklist.id} className="checklist">
          <h3>{label(checklist.label ?? undefined, checklist.framework)}</h3>
          <ul className="check-items">
            {checklist.items.map((item) => (
              <li key={item.id} className={item.confirmed ? 'confirmed' : 'open'}>
                <span aria-hidden="true">{item.confirmed ? '✓' : '○'}</span> {label(item.label, item.id)}{' '}
                <span className="visually-hidden">
                  {item.confirmed ? t('checklist.confirmed') : t('checklist.open')}
                </span>
                {checklist.mandatory.includes(item.id) && (
                  <span className="tag">{t('checklist.mandatory')}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {qualification.satisfied ? (
        <p className="checklist-status ok">{t('checklist.satisfied')}</p>
      ) : (
        !out && <p className="checklist-status missing">{[t('checklist.notSatisfied'), ...gaps].join(' ')}</p>
      )}
    </>
  )
}
