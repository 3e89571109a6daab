// Creating or changing a webhook subscription: receiver URL, the events it wants, a description. The
// server checks the URL (http(s), public address) and says why it refuses one, next to the field.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { ErrorMessage } from '../../components/States.tsx'
import { Dialog } from './SettingsDialog.tsx'
import { Field, fieldIssues, fieldProblems } from './FormField.tsx'
import { EVENT_TYPES, useUrlProblem, WEBHOOKS_KEY, type EventType, type Subscription } from './useWebhooks.ts'

type Saved = Subscription & { secret?: string }
const HTTP_URL = /^https?:\/\/\S+$/i

export function WebhookDialog({
  subscription,
  onClose,
  onSaved,
}: {
  /** absent: a new subscription */
  subscription?: Subscription
  onClose: () => void
  onSaved: (saved: Saved) => void
}) {
  const { t } = useTranslation('settings')
  const queryClient = useQueryClient()
  const urlProblem = useUrlProblem()
  const [url, setUrl] = useState(subscription?.url ?? '')
  const [description, setDescription] = useState(subscription?.description ?? '')
  const [eventTypes, setEventTypes] = useState<EventType[]>(
    (subscription?.eventTypes as EventType[] | undefined) ?? ['lead.stage_changed'],
  )
  const [problems, setProblems] = useState<Record<string, string>>({})

  const save = useMutation({
    mutationFn: async (): Promise<Saved> => {
      const fields = { url: url.trim(), eventTypes, description: description.trim() || null }
      if (!subscription) return unwrap(api.POST('/api/v1/webhooks', { body: fields }))
      const body = {
        ...(fields.url === subscription.url ? {} : { url: fields.url }),
        ...(sameTypes(fields.eventTypes, subscription.eventTypes) ? {} : { eventTypes: fields.eventTypes }),
        ...(fields.description === subscription.description ? {} : { description: fields.description }),
      }
      if (Object.keys(body).length === 0) return subscription
      return unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: subscription.id } }, body }))
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY })
      onSaved(saved)
    },
    onError: (error) => {
      const fields = fieldIssues(error)
      setProblems({
        ...fieldProblems(error),
        ...(fields.url ? { url: urlProblem(fields.url) } : {}),
        ...(fields.eventTypes ? { eventTypes: t('webhooks.errors.eventTypes') } : {}),
      })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found: Record<string, string> = {
      ...(HTTP_URL.test(url.trim()) ? {} : { url: t('webhooks.urlErrors.scheme') }),
      ...(eventTypes.length > 0 ? {} : { eventTypes: t('webhooks.errors.eventTypes') }),
    }
    setProblems(found)
    if (Object.keys(found).length === 0) save.mutate()
  }
  const toggle = (type: EventType, on: boolean) =>
    setEventTypes(
      on
        ? EVENT_TYPES.filter((known) => known === type || eventTypes.includes(known))
        : eventTypes.filter((known) => known !== type),
    )

  return (
    <Dialog title={subscription ? t('webhooks.editTitle') : t('webhooks.createTitle')} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate>
        <Field id="webhook-url" label={t('webhooks.url')} hint={t('webhooks.urlHint')} error={problems.url}>
          <input
            type="url"
            value={url}
            maxLength={2000}
            placeholder="https://"
            spellCheck={false}
            onChange={(event) => setUrl(event.target.value)}
          />
        </Field>
        <fieldset
          className="checkbox-group"
          aria-invalid={problems.eventTypes ? true : undefined}
          aria-describedby={problems.eventTypes ? 'webhook-events-error' : undefined}
        >
          <legend>{t('webhooks.eventTypes')}</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={eventTypes.includes(type)}
                onChange={(event) => toggle(type, event.target.checked)}
              />
              <span>
                {t(`webhooks.events.${type}`)} <code className="muted">{type}</code>
                <span className="hint">{t(`webhooks.eventHints.${type}`)}</span>
              </span>
            </label>
          ))}
          {problems.eventTypes && (
            <span id="webhook-events-error" className="field-error">
              {problems.eventTypes}
            </span>
          )}
        </fieldset>
        <Field
          id="webhook-description"
          label={t('webhooks.description')}
          hint={t('form.optional')}
          error={problems.description}
        >
          <textarea
            rows={2}
            maxLength={500}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </Field>
        {save.isError && Object.keys(problems).length === 0 && <ErrorMessage error={save.error} />}
        {!subscription && <p className="hint">{t('webhooks.secretOnCreate')}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {subscription ? t('save') : t('webhooks.create')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function sameTypes(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((type) => b.includes(type))
}
