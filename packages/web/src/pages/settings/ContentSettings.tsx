// The content catalog: what marketing publishes, by buyer-journey stage and topic. Engagement scoring
// and the next-best-content recommendation read it, so a missing stage or topic weakens both.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { QueryStates } from '../../components/States.tsx'
import { SettingsTable } from './SettingsTable.tsx'
import { ConfirmDialog } from './SettingsDialog.tsx'
import { NoticeLine, type Notice } from './Notice.tsx'
import { ContentDialog } from './ContentDialog.tsx'
import {
  CONTENT_KEY,
  JOURNEY_STAGES,
  useContent,
  useKindLabel,
  type ContentItem,
  type JourneyStage,
} from './useContent.ts'

type Open = { action: 'add' } | { action: 'edit' | 'delete'; item: ContentItem }

export function ContentSettings() {
  const { t } = useTranslation('settings')
  const kindLabel = useKindLabel()
  const queryClient = useQueryClient()
  const content = useContent()
  const [query, setQuery] = useState('')
  const [stage, setStage] = useState<JourneyStage | 'none' | ''>('')
  const [open, setOpen] = useState<Open | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const close = () => setOpen(null)

  const items = useMemo(() => {
    const needle = query.trim().toLowerCase()
    return (content.data ?? []).filter(
      (item) =>
        (stage === '' || (stage === 'none' ? item.journeyStage === null : item.journeyStage === stage)) &&
        (!needle ||
          [item.id, item.title, item.kind, ...item.topics].some((text) =>
            text.toLowerCase().includes(needle),
          )),
    )
  }, [content.data, query, stage])
  const remove = useMutation({
    mutationFn: (item: ContentItem) =>
      unwrap(api.DELETE('/api/v1/content/{id}', { params: { path: { id: item.id } } })),
    onSuccess: (_nothing, item) => {
      close()
      setNotice({ kind: 'ok', text: t('content.deleted', { title: item.title }) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: CONTENT_KEY }),
  })

  return (
    <section className="settings-screen" aria-labelledby="content-title">
      <div className="screen-head">
        <div>
          <h2 id="content-title">{t('content.title')}</h2>
          <p className="muted">{t('content.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => setOpen({ action: 'add' })}>
          {t('content.add')}
        </button>
      </div>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="content-search">{t('content.search')}</label>
          <input
            id="content-search"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="content-stage-filter">{t('content.stage')}</label>
          <select
            id="content-stage-filter"
            value={stage}
            onChange={(event) => setStage(event.target.value as JourneyStage | 'none' | '')}
          >
            <option value="">{t('content.allStages')}</option>
            {JOURNEY_STAGES.map((option) => (
              <option key={option} value={option}>
                {t(`content.stages.${option}`)}
              </option>
            ))}
            <option value="none">{t('content.noStage')}</option>
          </select>
        </div>
        <p className="muted filter-count" aria-live="polite">
          {content.data ? t('content.count', { count: items.length, total: content.data.length }) : ''}
        </p>
      </div>
      <NoticeLine notice={notice} />
      <QueryStates
        query={content}
        rows={6}
        empty={content.data?.length === 0 ? t('content.empty') : t('content.emptyFiltered')}
        isEmpty={() => items.length === 0}
      >
        {() => (
          <SettingsTable
            testId="content-table"
            columns={[
              { label: t('content.titleField'), className: 'col-title' },
              t('content.kind'),
              t('content.stage'),
              t('content.topics'),
              t('content.url'),
            ]}
            actions
          >
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <strong>{item.title}</strong>
                  <div className="muted small">
                    <code>{item.id}</code>
                  </div>
                </td>
                <td>{kindLabel(item.kind)}</td>
                <td>
                  {item.journeyStage ? (
                    <span className={`badge stage-${item.journeyStage}`}>
                      {t(`content.stages.${item.journeyStage}`)}
                    </span>
                  ) : (
                    <span className="muted">{t('content.noStage')}</span>
                  )}
                </td>
                <td>
                  {item.topics.length === 0
                    ? '–'
                    : item.topics.map((topic) => (
                        <span key={topic} className="badge topic">
                          {topic}
                        </span>
                      ))}
                </td>
                <td className="url-cell">
                  {item.url ? (
                    <a href={item.url} target="_blank" rel="noreferrer noopener" title={item.url}>
                      {item.url.replace(/^https?:\/\//, '')}
                    </a>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    onClick={() => setOpen({ action: 'edit', item })}
                    aria-label={t('content.editLabel', { title: item.title })}
                  >
                    {t('edit')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      remove.reset()
                      setOpen({ action: 'delete', item })
                    }}
                    aria-label={t('content.deleteLabel', { title: item.title })}
                  >
                    {t('delete')}
                  </button>
                </td>
              </tr>
            ))}
          </SettingsTable>
        )}
      </QueryStates>
      {(open?.action === 'add' || open?.action === 'edit') && (
        <ContentDialog
          item={open.action === 'edit' ? open.item : undefined}
          existingIds={new Set(content.data?.map((item) => item.id))}
          onClose={close}
          onSaved={(item) => {
            close()
            setNotice({ kind: 'ok', text: t('content.saved', { title: item.title }) })
          }}
        />
      )}
      {open?.action === 'delete' && (
        <ConfirmDialog
          title={t('content.deleteTitle', { title: open.item.title })}
          confirmLabel={t('delete')}
          pending={remove.isPending}
          error={remove.isError ? remove.error.message : null}
          onConfirm={() => remove.mutate(open.item)}
          onClose={close}
        >
          <p>{t('content.deleteText', { id: open.item.id })}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
