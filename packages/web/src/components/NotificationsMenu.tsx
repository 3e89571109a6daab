// The bell in the top bar: SLA breaches and reassignments that concern me, newest first.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'
import { useFormat } from '../hooks/format.ts'

export function NotificationsMenu() {
  const { t } = useTranslation()
  const format = useFormat()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const notifications = useQuery({
    queryKey: ['notifications'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 20 } } })),
    refetchInterval: 60_000,
  })
  const markAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/read', { body: { ids: 'all' } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  })
  const unread = notifications.data?.unread ?? 0
  return (
    <div className="notifications">
      <button
        type="button"
        className="bell"
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={() => setOpen((value) => !value)}
      >
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <path
            d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 14h13L15 10.7V7.5a5 5 0 0 0-5-5ZM8 16a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
        <span className="bell-label">{t('notifications.title')}</span>
        {unread > 0 && <span className="count">{unread}</span>}
      </button>
      {open && (
        <div
          id="notifications-panel"
          className="notifications-panel card"
          role="region"
          aria-label={t('notifications.title')}
        >
          {(notifications.data?.items.length ?? 0) === 0 ? (
            <p className="muted">{t('notifications.empty')}</p>
          ) : (
            <ul>
              {notifications.data!.items.map((item) => {
                const lead = (item.data as { lead?: { name?: string | null; email?: string } }).lead
                return (
                  <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
                    <span>{t(`notifications.kinds.${item.kind}`, { defaultValue: item.kind })}</span>{' '}
                    {item.leadId && (
                      <Link to={`/leads/${item.leadId}`} onClick={() => setOpen(false)}>
                        {lead?.name ?? lead?.email ?? t('notifications.lead')}
                      </Link>
                    )}
                    <span className="muted"> · {format.dateTime(item.createdAt)}</span>
                  </li>
                )
              })}
            </ul>
          )}
          {unread > 0 && (
            <button type="button" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
              {t('notifications.markAllRead')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
