// A compact bar fixed at the top of the window once the lead's header has scrolled away: who and which company,
// the stage, the owner, the next task, and the stage's main actions. An action here presses the same
// button in the actions card (scrolled into view), so its checks, dialogs and undo are the card's own.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadTasks } from '../../hooks/use-lead-work.ts'
import { useLeadLabels } from './lead-labels.ts'
import { blockedActions } from './blocked-actions.ts'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { can, useSession } from '../../session/session.tsx'
import { leadName, type LeadDetail } from './lead-types.ts'
import '../work/work.css'

// One forward step and its way out per stage: the bar keeps to what a rep does most.
const MAIN_ACTIONS = ['accept', 'reject', 'qualify', 'open_deal', 'win', 'lose'] as const

function press(kind: string) {
  const button = document.querySelector<HTMLButtonElement>(`.lead-actions [data-action="${kind}"]`)
  button?.scrollIntoView({ behavior: 'smooth', block: 'center' })
  button?.click()
}

export function LeadStickyBar({
  lead,
  editable,
  working,
}: {
  lead: LeadDetail
  editable: boolean
  working: boolean
}) {
  const { t } = useTranslation('work')
  const format = useFormat()
  const labels = useLeadLabels()
  const tasks = useLeadTasks(lead.id, working)
  // Shown once the lead's own header has scrolled away: at the top the header says it all.
  const [away, setAway] = useState(false)
  useEffect(() => {
    const header = document.querySelector('.lead-header')
    if (!header) return
    const observer = new IntersectionObserver(([entry]) =>
      setAway(entry !== undefined && !entry.isIntersecting),
    )
    observer.observe(header)
    return () => observer.disconnect()
  }, [])
  const next = tasks.data?.find((task) => task.doneAt === null)
  const company = lead.company?.name ?? lead.account?.name
  const actions = editable ? MAIN_ACTIONS.filter((kind) => lead.allowedActions.includes(kind)) : []
  const session = useSession()
  const agreement = useAgreement()
  // Disabled exactly where the card disables them; the card says why.
  const blocked = blockedActions({
    allowed: lead.allowedActions,
    manage: can(session.user.role).manage,
    reasonCount: agreement.data?.document.recycling?.reasons.length,
  })
  // Not rendered at all while the header is in view: the page holds each fact and button once.
  if (!away) return null
  return (
    <div className="lead-sticky-bar" data-testid="lead-sticky-bar">
      <span className="bar-name">
        {leadName(lead)}
        {company && <span className="muted"> · {company}</span>}
      </span>
      <span className={`stage-badge stage-${lead.stage}`}>{labels.stage(lead.stage)}</span>
      <span className="bar-facts">
        <span>
          {t('header.owner')}: {lead.owner?.name ?? t('header.nobody')}
        </span>
        {next && (
          <span className={next.overdue ? 'overdue-flag' : undefined}>
            {t('header.nextTask')}: {next.title} · {format.dateTime(next.dueAt)}
          </span>
        )}
      </span>
      {actions.length > 0 && (
        <span className="bar-actions">
          {actions.map((kind) => (
            <button
              key={kind}
              type="button"
              className={kind === 'reject' || kind === 'lose' ? 'danger' : 'primary'}
              disabled={blocked[kind] !== undefined}
              onClick={() => press(kind)}
            >
              {t(`lead:action.${kind}`)}
            </button>
          ))}
        </span>
      )}
    </div>
  )
}
