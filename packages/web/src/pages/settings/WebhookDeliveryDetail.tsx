// One delivery: the payload as sent, and every attempt with the receiver's answer. From here it can be
// sent again when it is dead or was delivered.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { QueryStates } from '../../components/States.tsx'
import { SettingsTable } from './SettingsTable.tsx'
import { NoticeLine, type Notice } from './Notice.tsx'
import { StatusBadge } from './WebhookDeliveries.tsx'
import { useReplay, WEBHOOKS_KEY } from './useWebhooks.ts'

export function WebhookDeliveryDetail() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const { id = '', deliveryId = '' } = useParams()
  const [notice, setNotice] = useState<Notice | null>(null)
  const replay = useReplay(id, setNotice)
  const delivery = useQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'delivery', deliveryId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/webhooks/{id}/deliveries/{deliveryId}', { params: { path: { id, deliveryId } } }),
      ),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 10_000 : false),
  })
  const data = delivery.data
  return (
    <section className="settings-screen" aria-labelledby="delivery-title">
      <Link to={`/settings/webhooks/${id}`} className="back-link">
        ← {t('deliveries.backToLog')}
      </Link>
      <div className="screen-head">
        <div>
          <h2 id="delivery-title">
            {t('deliveries.detailTitle')}
            {data && <> · {t(`webhooks.events.${data.eventType}`, { defaultValue: data.eventType })}</>}
          </h2>
          {data && (
            <p className="muted">
              <StatusBadge status={data.status} /> {t('deliveries.eventId')} <code>{data.eventId}</code>
              {data.leadId && (
                <>
                  {' · '}
                  <Link to={`/leads/${data.leadId}`}>{t('deliveries.openLead')}</Link>
                </>
              )}
            </p>
          )}
        </div>
        {data && (data.status === 'dead' || data.status === 'delivered') && (
          <button
            type="button"
            className="primary"
            disabled={replay.isPending}
            onClick={() => replay.mutate(deliveryId)}
          >
            {t('deliveries.replay')}
          </button>
        )}
      </div>
      <NoticeLine notice={notice} />
      <QueryStates query={delivery} rows={4}>
        {(data) => (
          <>
            <h3>{t('deliveries.attemptsTitle')}</h3>
            {data.attempts.length === 0 ? (
              <p className="muted">{t('deliveries.noAttempts')}</p>
            ) : (
              <SettingsTable
                columns={[
                  t('deliveries.attempt'),
                  t('deliveries.at'),
                  t('deliveries.answer'),
                  t('deliveries.duration'),
                  t('deliveries.excerpt'),
                ]}
              >
                {data.attempts.map((attempt) => (
                  <tr key={`${attempt.attempt}-${attempt.at}`}>
                    <td>{attempt.attempt}</td>
                    <td className="nowrap">{format.dateTime(attempt.at)}</td>
                    <td>
                      {attempt.status !== null && <code>HTTP {attempt.status}</code>}
                      {attempt.error && <span className="field-error"> {attempt.error}</span>}
                    </td>
                    <td>{t('deliveries.ms', { ms: format.number(attempt.durationMs) })}</td>
                    <td>
                      {attempt.responseExcerpt ? (
                        <pre className="excerpt">{attempt.responseExcerpt}</pre>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </SettingsTable>
            )}
            <h3>{t('deliveries.payload')}</h3>
            <pre className="payload" data-testid="delivery-payload">
              {JSON.stringify(data.payload, null, 2)}
            </pre>
          </>
        )}
      </QueryStates>
    </section>
  )
}
