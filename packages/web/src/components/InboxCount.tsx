// How many MQLs wait for the signed-in rep, beside "Inbox" in the navigation. The badge is hidden from
// screen readers (the link keeps its plain name); the sentence with the number describes the link.
import { useTranslation } from 'react-i18next'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'

export const INBOX_COUNT_ID = 'inbox-count'

export function InboxCount() {
  const { t } = useTranslation('notifications')
  // Under the inbox's own key: accepting or rejecting there refreshes this count too.
  const inbox = useQuery({
    queryKey: ['inbox', 'count'],
    queryFn: () => unwrap(api.GET('/api/v1/inbox')),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  })
  const count = inbox.data?.items.length ?? 0
  if (count === 0) return null
  return (
    <>
      <span className="nav-count" aria-hidden="true" data-testid="inbox-count">
        {count}
      </span>
      <span id={INBOX_COUNT_ID} hidden>
        {t('inboxWaiting', { count })}
      </span>
    </>
  )
}
