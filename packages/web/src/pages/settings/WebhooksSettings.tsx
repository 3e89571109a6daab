// Webhooks: subscriptions that receive signed lead events. Secrets are shown once (on creation and on
// rotation); disabling pauses deliveries, which wait and go out when the subscription is enabled again.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { QueryStates } from '../../components/States.tsx'
import { ConfirmDialog } from './SettingsDialog.tsx'
import { SecretOnce } from './SecretOnce.tsx'
import { NoticeLine, type Notice } from './Notice.tsx'
import { WebhookDialog } from './WebhookDialog.tsx'
import { RotateSecretDialog, type Rotated } from './RotateSecretDialog.tsx'
import { WebhookCard, type WebhookAction } from './WebhookCard.tsx'
import { useWebhooks, WEBHOOKS_KEY, type Subscription } from './useWebhooks.ts'

type Open = { action: Exclude<WebhookAction, 'enable' | 'disable'> | 'create'; subscription?: Subscription }
type Secret = { title: string; secret: string; note: string }

export function WebhooksSettings() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const queryClient = useQueryClient()
  const webhooks = useWebhooks()
  const [open, setOpen] = useState<Open | null>(null)
  const [secret, setSecret] = useState<Secret | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const close = () => setOpen(null)

  const setEnabled = useMutation({
    mutationFn: ({ subscription, enabled }: { subscription: Subscription; enabled: boolean }) =>
      unwrap(
        api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: subscription.id } }, body: { enabled } }),
      ),
    onSuccess: (saved) =>
      setNotice({
        kind: 'ok',
        text: t(saved.enabled ? 'webhooks.enabledNotice' : 'webhooks.disabledNotice', { url: saved.url }),
      }),
    onError: (error) => setNotice({ kind: 'error', text: error.message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
  })
  const remove = useMutation({
    mutationFn: (subscription: Subscription) =>
      unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: subscription.id } } })),
    onSuccess: (_nothing, subscription) => {
      close()
      setNotice({ kind: 'ok', text: t('webhooks.deleted', { url: subscription.url }) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
  })
  const act = (subscription: Subscription, action: WebhookAction) => {
    if (action === 'enable' || action === 'disable')
      return setEnabled.mutate({ subscription, enabled: action === 'enable' })
    remove.reset()
    setOpen({ action, subscription })
  }
  const rotated = (result: Rotated) => {
    close()
    const until = result.secrets[1]?.expiresAt
    setSecret({
      title: t('webhooks.rotatedTitle'),
      secret: result.secret,
      note:
        result.graceHours > 0 && until
          ? t('webhooks.rotatedGrace', { date: format.dateTime(until) })
          : t('webhooks.rotatedNow'),
    })
  }

  return (
    <section className="settings-screen" aria-labelledby="webhooks-title">
      <div className="screen-head">
        <div>
          <h2 id="webhooks-title">{t('webhooks.title')}</h2>
          <p className="muted">{t('webhooks.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => setOpen({ action: 'create' })}>
          {t('webhooks.create')}
        </button>
      </div>
      {secret && (
        <SecretOnce title={secret.title} secret={secret.secret} onDone={() => setSecret(null)}>
          <p>{secret.note}</p>
        </SecretOnce>
      )}
      <NoticeLine notice={notice} />
      <QueryStates query={webhooks} rows={3} empty={t('webhooks.empty')}>
        {(data) => (
          <ul className="webhook-list" aria-labelledby="webhooks-title">
            {data.map((subscription) => (
              <WebhookCard
                key={subscription.id}
                subscription={subscription}
                busy={setEnabled.isPending}
                onAction={(action) => act(subscription, action)}
              />
            ))}
          </ul>
        )}
      </QueryStates>
      {(open?.action === 'create' || open?.action === 'edit') && (
        <WebhookDialog
          subscription={open.subscription}
          onClose={close}
          onSaved={(saved) => {
            close()
            if (saved.secret) {
              setSecret({
                title: t('webhooks.createdTitle'),
                secret: saved.secret,
                note: t('webhooks.createdUse'),
              })
              setNotice(null)
            } else setNotice({ kind: 'ok', text: t('webhooks.saved', { url: saved.url }) })
          }}
        />
      )}
      {open?.action === 'rotate' && open.subscription && (
        <RotateSecretDialog subscription={open.subscription} onClose={close} onRotated={rotated} />
      )}
      {open?.action === 'delete' && open.subscription && (
        <ConfirmDialog
          title={t('webhooks.deleteTitle')}
          confirmLabel={t('webhooks.deleteConfirm')}
          pending={remove.isPending}
          error={remove.isError ? remove.error.message : null}
          onConfirm={() => open.subscription && remove.mutate(open.subscription)}
          onClose={close}
        >
          <p>
            <code>{open.subscription.url}</code>
          </p>
          <p>{t('webhooks.deleteText')}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
