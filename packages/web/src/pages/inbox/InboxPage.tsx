// The sales inbox: my MQLs waiting for accept or reject, most urgent first, with the SLA countdown and
// why each lead is here. Keyboard: j/k move, a accepts, r asks why to reject (1–9 picks the reason, Enter
// confirms, Esc cancels), Enter opens. Each decision can be undone for a few seconds from the toast.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../../api/client.ts'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { useFormat } from '../../hooks/format.ts'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { SlaBadge } from '../../components/SlaBadge.tsx'
import { ExplanationList } from '../../components/Explanations.tsx'
import { TeamQueue } from './TeamQueue.tsx'
import { ReasonDialog } from '../../components/ReasonDialog.tsx'
import { UndoButton } from '../../components/UndoButton.tsx'
import type { Undoable } from '../../hooks/use-undo-decision.ts'
import type { paths } from '../../api/openapi'

type InboxItem =
  paths['/api/v1/inbox']['get']['responses'][200]['content']['application/json']['items'][number]

export function InboxPage() {
  const { t } = useTranslation('inbox')
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const format = useFormat()
  const label = useLabel()
  const agreement = useAgreement()
  const inbox = useQuery({
    queryKey: ['inbox'],
    queryFn: () => unwrap(api.GET('/api/v1/inbox')),
    refetchInterval: 60_000,
  })
  const items = useMemo(() => inbox.data?.items ?? [], [inbox.data])
  const [selected, setSelected] = useState(0)
  const [rejecting, setRejecting] = useState<InboxItem | null>(null)
  const [rejectProblem, setRejectProblem] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // The last decision, while it may still be taken back.
  const [undoable, setUndoable] = useState<(Undoable & { name: string }) | null>(null)
  const dropUndo = useCallback(() => setUndoable(null), [])
  const reasons = agreement.data?.document.recycling?.reasons ?? []
  // Rejecting without a reason would be refused: say why instead of offering it.
  const rejectBlocked = agreement.data !== undefined && reasons.length === 0

  const decide = useMutation({
    mutationFn: async (
      input:
        | { lead: InboxItem; action: 'accept' }
        | { lead: InboxItem; action: 'reject'; reason: string; note?: string },
    ) => {
      const body =
        input.action === 'accept'
          ? { action: 'accept' as const }
          : {
              action: 'reject' as const,
              reason: input.reason,
              ...(input.note === undefined ? {} : { note: input.note }),
            }
      return unwrap(api.POST('/api/v1/leads/{id}/actions', { params: { path: { id: input.lead.id } }, body }))
    },
    onSuccess: (result, input) => {
      if (input.action === 'reject') closeRejecting()
      setUndoable({
        leadId: input.lead.id,
        decisionId: result.decisionId,
        name: input.lead.name ?? input.lead.email,
      })
      setNotice(
        input.action === 'accept'
          ? t('accepted', { name: input.lead.name ?? input.lead.email })
          : t('rejected', { name: input.lead.name ?? input.lead.email }),
      )
    },
    onError: (error, input) => {
      const text =
        error instanceof ApiProblem && error.status === 409 ? t('alreadyTaken') : (error as Error).message
      // A refused rejection is said in the dialog, where the user still is.
      if (input.action === 'reject') setRejectProblem(text)
      else setNotice(text)
      setUndoable(null)
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['inbox'] })
      void queryClient.invalidateQueries({ queryKey: ['team-queues'] })
    },
  })

  const current = items[Math.min(selected, items.length - 1)]
  const openRejecting = (lead: InboxItem) => {
    if (rejectBlocked) return
    setRejectProblem(null)
    setRejecting(lead)
  }
  function closeRejecting() {
    setRejecting(null)
    // Back where the user was: the row (or the next one, when the rejected lead has gone).
    requestAnimationFrame(() => document.getElementById(`inbox-row-${selected}`)?.focus())
  }
  const onKey = useCallback(
    (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return
      if (event.target instanceof HTMLTextAreaElement) return
      // Enter on a button (the toast's "Rückgängig") presses it rather than opening the lead.
      if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return
      if (event.metaKey || event.ctrlKey || event.altKey) return
      // The dialog has the keys while it is open (1–9, Enter, Escape).
      if (rejecting) return
      if (event.key === 'j') setSelected((index) => Math.min(index + 1, items.length - 1))
      else if (event.key === 'k') setSelected((index) => Math.max(index - 1, 0))
      else if (event.key === 'a' && current) decide.mutate({ lead: current, action: 'accept' })
      else if (event.key === 'r' && current && !rejectBlocked) openRejecting(current)
      else if (event.key === 'Enter' && current) navigate(`/leads/${current.id}`)
      else return
      event.preventDefault()
    },
    [current, decide, items, navigate, openRejecting, rejectBlocked, rejecting],
  )
  useEffect(() => {
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onKey])
  useEffect(() => {
    document.getElementById(`inbox-row-${selected}`)?.focus({ preventScroll: false })
  }, [selected])

  return (
    <section className="page inbox" aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">{t('title')}</h1>
        <p className="muted">{t('keys')}</p>
      </div>
      <div className={notice ? 'undo-toast shown' : 'undo-toast'} data-testid="inbox-toast">
        <p role="status" aria-live="polite">
          {notice ?? ''}
        </p>
        {notice && undoable && (
          <UndoButton
            key={undoable.decisionId}
            undoable={undoable}
            onUndone={(result) => {
              setUndoable(null)
              setNotice(
                t('actions:undo.done', { name: undoable.name, stage: t(`common:stage.${result.stage}`) }),
              )
            }}
            onFailed={(message) => {
              setUndoable(null)
              setNotice(message)
            }}
            onExpired={dropUndo}
          />
        )}
        {notice && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setNotice(null)
              setUndoable(null)
            }}
          >
            {t('actions:undo.dismiss')}
          </button>
        )}
      </div>
      {rejecting && (
        <ReasonDialog
          kind="reject"
          name={rejecting.name ?? rejecting.email}
          reasons={reasons.map((reason) => ({ id: reason.id, label: label(reason.label, reason.id) }))}
          pending={decide.isPending}
          problem={rejectProblem}
          onConfirm={({ reason, note }) =>
            decide.mutate({ lead: rejecting, action: 'reject', reason, ...(note ? { note } : {}) })
          }
          onCancel={closeRejecting}
        />
      )}
      {rejectBlocked && (
        <p id="inbox-reject-blocked" className="muted">
          {t('actions:disabled.noReasons')}
        </p>
      )}
      {inbox.isPending ? (
        <Loading rows={6} />
      ) : inbox.isError ? (
        <ErrorMessage error={inbox.error} />
      ) : items.length === 0 ? (
        <Empty>{t('empty')}</Empty>
      ) : (
        <ol className="inbox-list" data-testid="inbox-list" aria-label={t('title')}>
          {items.map((item, index) => (
            <li
              key={item.id}
              id={`inbox-row-${index}`}
              className={index === selected ? 'inbox-row selected' : 'inbox-row'}
              tabIndex={index === selected ? 0 : -1}
              aria-current={index === selected}
              data-lead-email={item.email}
              onClick={() => setSelected(index)}
            >
              <div className="inbox-who">
                <Link to={`/leads/${item.id}`} className="lead-name">
                  {item.name ?? item.email}
                </Link>
                <span className="muted">
                  {[item.title, item.companyName, item.country].filter(Boolean).join(' · ')}
                </span>
                <ExplanationList explanations={item.explanations} label={t('why')} limit={3} />
              </div>
              <div className="inbox-facts">
                <SlaBadge sla={item.sla} />
                <span title={t('common:score.fit')}>
                  {t('common:score.fitShort')} <strong>{format.score(item.fit)}</strong>
                </span>
                <span title={t('common:score.engagement')}>
                  {t('common:score.engagementShort')} <strong>{format.score(item.engagement)}</strong>
                </span>
                <span className="source">
                  {item.source ? t(`common:source.${item.source}`, { defaultValue: item.source }) : '–'}
                </span>
              </div>
              <div className="inbox-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ lead: item, action: 'accept' })}
                >
                  {t('accept')}
                </button>
                <button
                  type="button"
                  aria-haspopup="dialog"
                  disabled={decide.isPending || rejectBlocked}
                  aria-describedby={rejectBlocked ? 'inbox-reject-blocked' : undefined}
                  onClick={() => openRejecting(item)}
                >
                  {t('reject')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <TeamQueue />
    </section>
  )
}
