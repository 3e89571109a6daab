// The bell in the top bar: what concerns me (SLA breaches, reassignments, hand-raisers), newest first,
// each as one sentence with the lead's name as its link. The unread count refreshes every minute and
// when the window gets focus again; opening a notification marks it read.
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'
import { useFormat } from '../hooks/format.ts'
import { NotificationItem } from './NotificationItem.tsx'
import { NotificationSettings } from './NotificationSettings.tsx'
import './notifications.css'

const QUERY_KEY = ['notifications']

export function NotificationsMenu() {
  const { t } = useTranslation('notifications')
  const format = useFormat()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [view, setView] = useState<'list' | 'settings'>('list')
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const notifications = useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 30 } } })),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  })
  const markRead = useMutation({
    mutationFn: (ids: string[] | 'all') => unwrap(api.POST('/api/v1/notifications/read', { body: { ids } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: QUERY_KEY }),
  })
  const unread = notifications.data?.unread ?? 0
  const items = notifications.data?.items ?? []

  const close = (returnFocus: boolean) => {
    setOpen(false)
    setView('list')
    if (returnFocus) button.current?.focus()
  }
  // Escape or a click elsewhere closes the panel, as menus do.
  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close(true)
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) close(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  return (
    <div className="notifications" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell"
        aria-label={unread > 0 ? t('bellUnread', { count: unread }) : t('bell')}
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={() => (open ? close(false) : (setOpen(true), void notifications.refetch()))}
      >
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
          <path
            d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 14h13L15 10.7V7.5a5 5 0 0 0-5-5ZM8 16a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-badge" aria-hidden="true" data-testid="notifications-unread">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          id="notifications-panel"
          className="notification-panel card"
          role="region"
          aria-label={t('title')}
        >
          {view === 'settings' ? (
            <NotificationSettings onBack={() => setView('list')} />
          ) : (
            <>
              <div className="notification-panel-head">
                <h2>{t('title')}</h2>
                <button type="button" className="link-button" onClick={() => setView('settings')}>
                  {t('settings.open')}
                </button>
              </div>
              {notifications.isError && <p className="error">{t('loadFailed')}</p>}
              {items.length === 0 ? (
                <p className="muted">{t('empty')}</p>
              ) : (
                <ul className="notification-list">
                  {items.map((item) => (
                    <NotificationItem
                      key={item.id}
                      item={item}
                      when={format.dateTime(item.createdAt)}
                      onOpen={() => {
                        if (!item.readAt) markRead.mutate([item.id])
                        close(false)
                      }}
                      onMarkRead={() => markRead.mutate([item.id])}
                    />
                  ))}
                </ul>
              )}
              {unread > 0 && (
                <button
                  type="button"
                  className="mark-all"
                  onClick={() => markRead.mutate('all')}
                  disabled={markRead.isPending}
                >
                  {t('markAllRead')}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </div>
  )
}
