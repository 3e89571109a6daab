// The actions the lead's stage allows, and nothing else. Each opens the few inputs it needs; accepting needs
// none. Assigning is for sales managers and admins; qualifying happens in the checklist.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useSession } from '../../session/session.tsx'
import { useLeadAction } from './use-lead.ts'
import { useProblemText } from './lead-problems.ts'
import { useLeadLabels } from './lead-labels.ts'
import { ActionForm, type FormKind } from './ActionForm.tsx'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { blockedActions } from './blocked-actions.ts'
import { Modal } from '../../components/Modal.tsx'
import type { ActionKind, LeadDetail, OnDone } from './lead-types.ts'

// Forward first, then the ways out.
const ORDER: readonly ActionKind[] = [
  'accept',
  'qualify',
  'open_deal',
  'win',
  'hand_to_sales',
  'assign',
  'reject',
  'recycle',
  'lose',
  'disqualify',
]
const FORWARD = new Set<ActionKind>(['accept', 'qualify', 'open_deal', 'win', 'hand_to_sales'])
const OUT = new Set<ActionKind>(['reject', 'recycle', 'lose', 'disqualify'])

export function LeadActions(props: { lead: LeadDetail; onDone: OnDone }) {
  const { lead } = props
  const onDone = (message: string, decisionId: string) =>
    props.onDone(message, 'actions-title', { leadId: lead.id, decisionId })
  const { t } = useTranslation('lead')
  const session = useSession()
  const labels = useLeadLabels()
  const problems = useProblemText()
  const [open, setOpen] = useState<FormKind | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const action = useLeadAction(lead.id, {
    success: (result, body) => {
      setOpen(null)
      onDone(
        body.action === 'assign'
          ? t('done.assigned', { rep: body.rep })
          : t('done.stage', { stage: labels.stage(result.stage) }),
        result.decisionId,
      )
    },
    error: (error) => setProblem(problems.text(error)),
  })
  const manage = can(session.user.role).manage
  const agreement = useAgreement()
  // Shown but disabled, with why, when the API would refuse them (a rep assigning, no reasons to give).
  const blocked = blockedActions({
    allowed: lead.allowedActions,
    manage,
    reasonCount: agreement.data?.document.recycling?.reasons.length,
  })
  // Sending a held-back lead back to sales is a manager's call (the hand-raiser alert's action).
  const actions = ORDER.filter(
    (kind) => lead.allowedActions.includes(kind) && (kind !== 'hand_to_sales' || manage),
  )
  const shown = open && actions.includes(open) ? open : null

  const choose = (kind: ActionKind) => {
    setProblem(null)
    props.onDone(null)
    if (kind === 'qualify') {
      const heading = document.getElementById('checklist-title')
      heading?.scrollIntoView({ behavior: 'smooth', block: 'start' })
      heading?.focus({ preventScroll: true })
      return
    }
    if (kind === 'accept') {
      setOpen(null)
      action.mutate({ action: 'accept' })
      return
    }
    if (kind !== 'update_checklist' && kind !== 'move_deal') setOpen(open === kind ? null : kind)
  }

  const asDialog = shown !== null && OUT.has(shown)
  const form = shown && (
    <ActionForm
      key={shown}
      lead={lead}
      kind={shown}
      pending={action.isPending}
      onSend={(body) => {
        setProblem(null)
        props.onDone(null)
        action.mutate(body)
      }}
      onCancel={() => setOpen(null)}
    />
  )

  return (
    <section className="card lead-actions" aria-labelledby="actions-title">
      <h2 id="actions-title" tabIndex={-1}>
        {t('actions.title')}
      </h2>
      {actions.length === 0 ? (
        <p className="muted">
          {lead.stage === 'customer' || lead.stage === 'disqualified'
            ? t('actions.closed')
            : t('actions.none')}
        </p>
      ) : (
        <div className="action-buttons">
          {actions.map((kind) => (
            <button
              key={kind}
              type="button"
              data-action={kind}
              className={FORWARD.has(kind) ? 'primary' : OUT.has(kind) ? 'danger' : ''}
              aria-expanded={kind === 'accept' || kind === 'qualify' ? undefined : shown === kind}
              aria-controls={kind === 'accept' || kind === 'qualify' ? undefined : 'action-form'}
              disabled={action.isPending || blocked[kind] !== undefined}
              aria-describedby={blocked[kind] ? `action-blocked-${kind}` : undefined}
              onClick={() => choose(kind)}
            >
              {t(`action.${kind}`)}
            </button>
          ))}
        </div>
      )}
      {Object.keys(blocked).length > 0 && (
        <ul className="action-blocked muted">
          {actions.flatMap((kind) =>
            blocked[kind] ? (
              <li key={kind} id={`action-blocked-${kind}`}>
                {t(`action.${kind}`)}: {t(`actions:disabled.${blocked[kind]}`)}
              </li>
            ) : (
              []
            ),
          )}
        </ul>
      )}
      {problem && !asDialog && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {shown && asDialog ? (
        // The ways out are confirmed in a dialog: reason, note, then "Ablehnen" (or Escape to cancel).
        <Modal labelledBy="action-form-title" onCancel={() => setOpen(null)}>
          {form}
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
        </Modal>
      ) : (
        form
      )}
    </section>
  )
}
