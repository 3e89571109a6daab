// Webhook subscriptions: types, the query, and the server's codes that the UI puts into words.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { isProblem, type FieldIssue } from './FormField.tsx'
import { assertUnreachable } from '../../../../core/src/util/assert-unreachable.ts'
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
  'activity.logged',
  'task.created',
  'task.completed',
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

/** Why a subscription is off, in the UI's language. */
export function useDisabledReason() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  return ({ disabledReason, disabledAt }: Pick<Subscription, 'disabledReason' | 'disabledAt'>) => {
    switch (disabledReason) {
      case 'RECEIVER_GONE':
        return disabledAt
          ? t('webhooks.disabledGone', { date: format.dateTime(disabledAt) })
          : t('webhooks.disabledGoneUndated')
      case 'DISABLED_BY_ADMIN':
      case null:
        return disabledAt
          ? t('webhooks.disabledByAdminOn', { date: format.dateTime(disabledAt) })
          : t('webhooks.disabledByAdmin')
      default:
        return assertUnreachable(disabledReason)
    }
  }
}

/** The server's reason for refusing a receiver URL, in the UI's language; unknown codes as it says them. */
export function useUrlProblem() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  return ({ code, params = {}, message }: FieldIssue) => {
    const text = (name: string) => String(params[name] ?? '')
    switch (code) {
      case 'URL_NOT_ABSOLUTE':
      case 'URL_SCHEME':
        return t('webhooks.urlErrors.scheme')
      case 'URL_CREDENTIALS':
        return t('webhooks.urlErrors.credentials')
      case 'URL_FRAGMENT':
        return t('webhooks.urlErrors.fragment')
      case 'URL_TOO_LONG':
        return t('webhooks.urlErrors.tooLong', { limit: format.number(Number(params.limit)) })
      case 'HOST_UNRESOLVED':
        return t('webhooks.urlErrors.unresolved', { host: text('host') })
      case 'ADDRESS_NOT_PUBLIC':
        return t('webhooks.urlErrors.private', { host: text('host') })
      case 'HOST_NOT_PUBLIC':
        return t('webhooks.urlErrors.resolvesPrivate', { host: text('host'), address: text('address') })
      default:
        return message
    }
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
