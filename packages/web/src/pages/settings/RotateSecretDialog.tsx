// A new signing secret. The old one keeps signing for a grace period, so every delivery carries both
// signatures until the receiver has switched; then it expires on its own.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { ErrorMessage } from '../../components/States.tsx'
import { Dialog } from './SettingsDialog.tsx'
import { Field } from './FormField.tsx'
import { WEBHOOKS_KEY, type Subscription } from './useWebhooks.ts'

const GRACE_HOURS = [0, 1, 24, 72, 168] as const

export type Rotated = Subscription & { secret: string; graceHours: number }

export function RotateSecretDialog({
  subscription,
  onClose,
  onRotated,
}: {
  subscription: Subscription
  onClose: () => void
  onRotated: (rotated: Rotated) => void
}) {
  const { t } = useTranslation('settings')
  const queryClient = useQueryClient()
  const [hours, setHours] = useState<number>(24)
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/rotate-secret', {
          params: { path: { id: subscription.id } },
          body: { keepPreviousForHours: hours },
        }),
      ),
    onSuccess: (rotated) => {
      void queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY })
      onRotated({ ...rotated, graceHours: hours })
    },
  })
  return (
    <Dialog title={t('webhooks.rotateTitle')} onClose={onClose}>
      <div className="dialog-text">
        <p>{t('webhooks.rotateText', { url: subscription.url })}</p>
        <p>{t('webhooks.rotateGraceText')}</p>
      </div>
      <Field id="rotate-grace" label={t('webhooks.grace')}>
        <select value={hours} onChange={(event) => setHours(Number(event.target.value))}>
          {GRACE_HOURS.map((option) => (
            <option key={option} value={option}>
              {t(`webhooks.graceOptions.h${option}`)}
            </option>
          ))}
        </select>
      </Field>
      {hours === 0 && <p className="field-error">{t('webhooks.graceNone')}</p>}
      {rotate.isError && <ErrorMessage error={rotate.error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="button" className="primary" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
          {t('webhooks.rotate')}
        </button>
      </div>
    </Dialog>
  )
}
