// The delivery log of one subscription, newest first: what went out, how often it was tried, what the
// receiver answered, when the next try is due. Dead and delivered events can be sent again.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { QueryStates } from '../../components/States.tsx'
import { SettingsTable } from './SettingsTable.tsx'
import { NoticeLine, type Notice } from './Notice.tsx'
import {
  DELIVERY_STATUSES,
  useDisabledReason,
  useReplay,
  WEBHOOKS_KEY,
  type DeliveryStatus,
} from './useWebhooks.ts'

const PAGE = 50

export function WebhookDeliveries() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const { id = '' } = useParams()
  const [search, setSearch] = useSearchParams()
  const status = DELIVERY_STATUSES.find((known) => known === search.get('status'))
  const [notice, setNotice] = useState<Notice | null>(null)
  const replay = useReplay(id, setNotice)
  const disabledReason = useDisabledReason()
  const subscription = useQuery({
    queryKey: [...WEBHOOKS_KEY, id],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } })),
  })
  const deliveries = useInfiniteQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'deliveries', status ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/webhooks/{id}/deliveries', {
          params: {
            path: { id },
            query: {
              limit: PAGE,
              ...(status ? { status } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  })
  const items = useMemo(() => {
    const seen = new Set<string>()
    return (deliveries.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((item) => !seen.has(item.id) && seen.add(item.id))
  }, [deliveries.data])

  return (
    <section className="settings-screen" aria-labelledby="deliveries-title">
      <Link to="/settings/webhooks" className="back-link">
        ← {t('deliveries.back')}
      </Link>
      <div className="screen-head">
        <div>
          <h2 id="deliveries-title">{t('deliveries.title')}</h2>
          <p className="muted">
            {subscription.data ? (
              <code>{subscription.data.url}</code>
            ) : subscription.isError ? (
              ''
            ) : (
              t('common:state.loading')
            )}
          </p>
        </div>
        <div className="field inline-field">
          <label htmlFor="delivery-status">{t('deliveries.filter')}</label>
          <select
            id="delivery-status"
            value={status ?? ''}
            onChange={(event) =>
              setSearch(event.target.value ? { status: event.target.value } : {}, { replace: true })
            }
          >
            <option value="">{t('deliveries.allStatuses')}</option>
            {DELIVERY_STATUSES.map((option) => (
              <option key={option} value={option}>
                {t(`deliveries.statuses.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {subscription.data && !subscription.data.enabled && (
        <p className="warning-line" role="note">
          {t('deliveries.subscriptionDisabled', { reason: disabledReason(subscription.data) })}
        </p>
      )}
      <NoticeLine notice={notice} />
      <QueryStates
        query={deliveries}
        rows={6}
        empty={status ? t('deliveries.emptyFiltered') : t('deliveries.empty')}
        isEmpty={() => items.length === 0}
      >
        {() => (
          <>
            <SettingsTable
              testId="deliveries-table"
              columns={[
                t('deliveries.createdAt'),
                t('deliveries.eventType'),
                t('deliveries.status'),
                t('deliveries.attempts'),
                t('deliveries.lastAnswer'),
                t('deliveries.nextAttempt'),
              ]}
              actions
            >
              {items.map((item) => (
                <tr key={item.id}>
                  <td className="nowrap">{format.dateTime(item.createdAt)}</td>
                  <td className="nowrap">
                    {t(`webhooks.events.${item.eventType}`, { defaultValue: item.eventType })}
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>{format.number(item.attempts)}</td>
                  <td className="last-answer">
                    {item.lastStatus !== null && <code>HTTP {item.lastStatus}</code>}
                    {item.lastError && <span className="muted"> {item.lastError}</span>}
                    {item.lastStatus === null && !item.lastError && '–'}
                  </td>
                  <td className="nowrap">{format.dateTime(item.nextAttemptAt)}</td>
                  <td className="row-actions">
                    <Link to={`/settings/webhooks/${id}/deliveries/${item.id}`} className="button-link">
                      {t('deliveries.details')}
                    </Link>
                    {(item.status === 'dead' || item.status === 'delivered') && (
                      <button
                        type="button"
                        disabled={replay.isPending}
                        onClick={() => replay.mutate(item.id)}
                      >
                        {t('deliveries.replay')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </SettingsTable>
            {deliveries.hasNextPage && (
              <button
                type="button"
                className="load-more"
                disabled={deliveries.isFetchingNextPage}
                onClick={() => void deliveries.fetchNextPage()}
              >
                {deliveries.isFetchingNextPage ? t('common:state.loading') : t('deliveries.older')}
              </button>
            )}
          </>
        )}
      </QueryStates>
    </section>
  )
}

export function StatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('settings')
  return <span className={`badge delivery-${status}`}>{t(`deliveries.statuses.${status}`)}</span>
}
