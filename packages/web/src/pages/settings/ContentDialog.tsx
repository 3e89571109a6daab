// Adding or changing a content item. The id is how events refer to the item, so it is fixed once
// created. A new item is created with POST, which refuses an id already in use (409), so it never
// replaces an item someone else just added; a change replaces the item with PUT.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { ErrorMessage } from '../../components/States.tsx'
import { Dialog } from './SettingsDialog.tsx'
import { Field, fieldProblems, isProblem } from './FormField.tsx'
import {
  CONTENT_ID,
  CONTENT_KEY,
  JOURNEY_STAGES,
  KNOWN_KINDS,
  useKindLabel,
  type ContentItem,
  type JourneyStage,
} from './useContent.ts'

export function ContentDialog({
  item,
  existingIds,
  onClose,
  onSaved,
}: {
  /** absent: a new item */
  item?: ContentItem
  existingIds: ReadonlySet<string>
  onClose: () => void
  onSaved: (item: ContentItem) => void
}) {
  const { t } = useTranslation('settings')
  const queryClient = useQueryClient()
  const kindLabel = useKindLabel()
  const [form, setForm] = useState({
    id: item?.id ?? '',
    title: item?.title ?? '',
    kind: item?.kind ?? '',
    journeyStage: (item?.journeyStage ?? '') as JourneyStage | '',
    topics: item?.topics.join(', ') ?? '',
    url: item?.url ?? '',
  })
  const [problems, setProblems] = useState<Record<string, string>>({})
  const topics = () => [
    ...new Set(
      form.topics
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean),
    ),
  ]
  const save = useMutation({
    mutationFn: () => {
      const id = form.id.trim()
      const body = {
        title: form.title.trim(),
        kind: form.kind.trim(),
        journeyStage: form.journeyStage || null,
        topics: topics(),
        url: form.url.trim() || null,
      }
      return item
        ? unwrap(api.PUT('/api/v1/content/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/v1/content', { body: { id, ...body } }))
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: CONTENT_KEY })
      onSaved(saved)
    },
    onError: (error) => {
      const fields = fieldProblems(error)
      setProblems({
        ...fields,
        ...(fields.url ? { url: t('content.errors.url') } : {}),
        ...(isProblem(error, 409, 'CONTENT_ID_TAKEN') ? { id: t('content.errors.idTaken') } : {}),
      })
      // Someone else took the id: the list shows their item once reloaded.
      if (isProblem(error, 409)) void queryClient.invalidateQueries({ queryKey: CONTENT_KEY })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const id = form.id.trim()
    const found: Record<string, string> = {}
    if (!item && !CONTENT_ID.test(id)) found.id = t('content.errors.id')
    else if (!item && existingIds.has(id)) found.id = t('content.errors.idTaken')
    if (!form.title.trim()) found.title = t('form.required')
    if (!form.kind.trim()) found.kind = t('form.required')
    if (topics().some((topic) => topic.length > 60)) found.topics = t('content.errors.topic')
    if (form.url.trim() && !/^https?:\/\/\S+$/i.test(form.url.trim())) found.url = t('content.errors.url')
    setProblems(found)
    if (Object.keys(found).length === 0) save.mutate()
  }
  return (
    <Dialog title={item ? t('content.editTitle') : t('content.addTitle')} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-row">
          <Field
            id="content-item-id"
            label={t('content.id')}
            hint={item ? t('content.idFixed') : t('content.idHint')}
            error={problems.id}
          >
            <input
              value={form.id}
              readOnly={Boolean(item)}
              maxLength={200}
              spellCheck={false}
              onChange={(event) => setForm({ ...form, id: event.target.value })}
            />
          </Field>
          <Field
            id="content-item-kind"
            label={t('content.kind')}
            hint={t('content.kindHint')}
            error={problems.kind}
          >
            <input
              list="content-kinds"
              value={form.kind}
              maxLength={50}
              onChange={(event) => setForm({ ...form, kind: event.target.value })}
            />
          </Field>
          <datalist id="content-kinds">
            {KNOWN_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </datalist>
        </div>
        <Field id="content-item-title" label={t('content.titleField')} error={problems.title}>
          <input
            value={form.title}
            maxLength={300}
            onChange={(event) => setForm({ ...form, title: event.target.value })}
          />
        </Field>
        <div className="form-row">
          <Field
            id="content-item-stage"
            label={t('content.stage')}
            hint={t('content.stageHint')}
            error={problems.journeyStage}
          >
            <select
              value={form.journeyStage}
              onChange={(event) =>
                setForm({ ...form, journeyStage: event.target.value as JourneyStage | '' })
              }
            >
              <option value="">{t('content.noStage')}</option>
              {JOURNEY_STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {t(`content.stages.${stage}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="content-item-topics"
            label={t('content.topics')}
            hint={t('content.topicsHint')}
            error={problems.topics}
          >
            <input
              value={form.topics}
              onChange={(event) => setForm({ ...form, topics: event.target.value })}
            />
          </Field>
        </div>
        <Field id="content-item-url" label={t('content.url')} hint={t('form.optional')} error={problems.url}>
          <input
            type="url"
            value={form.url}
            maxLength={2000}
            placeholder="https://"
            onChange={(event) => setForm({ ...form, url: event.target.value })}
          />
        </Field>
        {item && <p className="hint">{t('content.appliesToNew')}</p>}
        {save.isError && Object.keys(problems).length === 0 && <ErrorMessage error={save.error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {item ? t('save') : t('content.add')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
