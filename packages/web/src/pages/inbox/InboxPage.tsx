// The sales inbox: my MQLs waiting for accept or reject, most urgent first, with the SLA countdown and
// why each lead is here. Keyboard: j/k move, a accepts, r rejects (then 1–9 picks the reason), Enter opens.
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
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const reasons = agreement.data?.document.recycling?.reasons ?? []

  const decide = useMutation({
    mutationFn: async (
      input: { lead: InboxItem; action: 'accept' } | { lead: InboxItem; action: 'reject'; reason: string },
    ) => {
      const body =
        input.action === 'accept'
          ? { action: 'accept' as const }
          : { action: 'reject' as const, reason: input.reason }
      return unwrap(api.POST('/api/v1/leads/{id}/actions', { params: { path: { id: input.lead.id } }, body }))
    },
    onSuccess: (_result, input) => {
      setRejecting(null)
      setNotice(
        input.action === 'accept'
          ? t('accepted', { name: input.lead.name ?? input.lead.email })
          : t('rejected', { name: input.lead.name ?? input.lead.email }),
      )
    },
    onError: (error) => {
      setNotice(
        error instanceof ApiProblem && error.status === 409 ? t('alreadyTaken') : (error as Error).message,
      )
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['inbox'] })
      void queryClient.invalidateQueries({ queryKey: ['team-queues'] })
    },
  })

  const current = items[Math.min(selected, items.length - 1)]
  const onKey = useCallback(
    (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return
      if (event.metaKey || event.ctrlKey || event.altKey) return
      if (rejecting && /^[1-9]$/.test(event.key)) {
        const reason = reasons[Number(event.key) - 1]
        const lead = items.find((item) => item.id === rejecting)
        if (reason && lead) decide.mutate({ lead, action: 'reject', reason: reason.id })
        return
      }
      if (event.key === 'Escape') return setRejecting(null)
      if (event.key === 'j') setSelected((index) => Math.min(index + 1, items.length - 1))
      else if (event.key === 'k') setSelected((index) => Math.max(index - 1, 0))
      else if (event.key === 'a' && current) decide.mutate({ lead: current, action: 'accept' })
      else if (event.key === 'r' && current) setRejecting(current.id)
      else if (event.key === 'Enter' && current) navigate(`/leads/${current.id}`)
      else return
      event.preventDefault()
    },
    [current, decide, items, navigate, reasons, rejecting],
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
      <p className="notice" role="status" aria-live="polite">
        {notice ?? ''}
      </p>
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
                {rejecting === item.id ? (
                  <label className="reject-reason">
                    <span className="visually-hidden">{t('reason')}</span>
                    <select
                      autoFocus
                      defaultValue=""
                      aria-label={t('reason')}
                      onChange={(event) =>
                        event.target.value &&
                        decide.mutate({ lead: item, action: 'reject', reason: event.target.value })
                      }
                      onKeyDown={(event) => event.key === 'Escape' && setRejecting(null)}
                    >
                      <option value="" disabled>
                        {t('chooseReason')}
                      </option>
                      {reasons.map((reason, position) => (
                        <option key={reason.id} value={reason.id}>
                          {position + 1}. {label(reason.label, reason.id)}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : (
                  <button type="button" onClick={() => setRejecting(item.id)}>
                    {t('reject')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <TeamQueue />
    </section>
  )
}
