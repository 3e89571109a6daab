// Webhook subscriptions: types, the query, and the server's texts that the UI puts into words.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { isProblem } from './FormField.tsx'
import type { paths } from '../../api/openapi'

export type Subscription =
  paths['/api/v1/webhooks']['get']['responses'][200]['content']['application/json'][number]
type CreateBody = paths['/api/v1/webhooks']['post']['requestBody']['content']['application/json']
export type EventType = CreateBody['eventTypes'][number]
export type DeliveryStatus = NonNullable<
  NonNullable<paths['/api/v1/webhooks/{id}/deliveries']['get']['parameters']['query']>['status']
>

export const EVENT_TYPES = [
  'lead.stage_changed',
  'lead.assigned',
  'lead.sla_breached',
  'lead.recycled',
] as const satisfies readonly EventType[]
export const DELIVERY_STATUSES = [
  'pending',
  'delivered',
  'dead',
  'cancelled',
] as const satisfies readonly DeliveryStatus[]
export const WEBHOOKS_KEY = ['settings', 'webhooks'] as const

export function useWebhooks() {
  return useQuery({
    queryKey: WEBHOOKS_KEY,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/webhooks'))).toSorted((a, b) => a.createdAt.localeCompare(b.createdAt)),
  })
}

/** Why a subscription is off, in the UI's language where the server's reason is a known one. */
export function useDisabledReason() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  return (reason: string | null) => {
    if (!reason || reason === 'Disabled by an admin.') return t('webhooks.disabledByAdmin')
    const gone = /^The receiver answered 410 Gone at (.+)\.$/.exec(reason)
    if (gone) return t('webhooks.disabledGone', { date: format.dateTime(gone[1]) })
    return reason
  }
}

/** The server's reasons for refusing a receiver URL, in the UI's language; unknown ones as they are. */
export function useUrlProblem() {
  const { t } = useTranslation('settings')
  return (message: string) => {
    let match: RegExpExecArray | null
    if ((match = /^The host (.+) could not be resolved\.$/.exec(message)))
      return t('webhooks.urlErrors.unresolved', { host: match[1] })
    if ((match = /^(.+) resolves to (.+), which is not a public address\.$/.exec(message)))
      return t('webhooks.urlErrors.resolvesPrivate', { host: match[1], address: match[2] })
    if ((match = /^(.+) is not a public address\.$/.exec(message)))
      return t('webhooks.urlErrors.private', { host: match[1] })
    if (/https:\/\/ or http:\/\//.test(message)) return t('webhooks.urlErrors.scheme')
    if (/user name or password/.test(message)) return t('webhooks.urlErrors.credentials')
    if (/fragment/.test(message)) return t('webhooks.urlErrors.fragment')
    if (/longer than|fewer than/.test(message)) return t('webhooks.urlErrors.length')
    return message
  }
}

/** Sends a dead or delivered event again (same webhook-id, fresh retries); refusals in words. */
export function useReplay(
  subscriptionId: string,
  onNotice: (notice: { kind: 'ok' | 'error'; text: string }) => void,
) {
  const { t } = useTranslation('settings')
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id: subscriptionId, deliveryId } },
        }),
      ),
    onSuccess: () => onNotice({ kind: 'ok', text: t('deliveries.replayed') }),
    onError: (error) =>
      onNotice({
        kind: 'error',
        text: isProblem(error, 409, 'DELIVERY_ERASED')
          ? t('deliveries.replayErased')
          : isProblem(error, 409, 'DELIVERY_NOT_REPLAYABLE')
            ? t('deliveries.replayRefused')
            : error.message,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...WEBHOOKS_KEY, subscriptionId] }),
  })
}
