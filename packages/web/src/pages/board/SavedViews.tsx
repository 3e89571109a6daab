// The view picker: choosing a saved view puts its filters into the URL (so the board, the counts and a
// copied link follow); "save as view" names the current filters, for oneself or the whole workspace.
// The owner (or an admin) may delete a view.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { ErrorMessage } from '../../components/States.tsx'
import { readBoardFilters, writeBoardFilters, type BoardFilters } from './use-board-filters.ts'
import { useDeleteView, useSaveView, useSavedViews } from './use-saved-views.ts'
import { viewFiltersOf, viewParams, type SavedView } from './saved-view-filters.ts'

export function SavedViews({ filters }: { filters: BoardFilters }) {
  const { t } = useTranslation('board')
  const [, setParams] = useSearchParams()
  const views = useSavedViews()
  const save = useSaveView()
  const remove = useDeleteView()
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const [shared, setShared] = useState(false)
  // The view whose filters the board shows now, if any: recognised by its parameters.
  const current = writeBoardFilters({ ...filters, view: undefined }).toString()
  const active = (views.data ?? []).find(
    (view) => writeBoardFilters({ ...readFilters(view, filters), view: undefined }).toString() === current,
  )
  const mine = (views.data ?? []).filter((view) => !view.shared)
  const team = (views.data ?? []).filter((view) => view.shared)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    save.mutate(
      { name: name.trim(), shared, filters: viewFiltersOf(filters) },
      {
        onSuccess: () => {
          setNaming(false)
          setName('')
          setShared(false)
        },
      },
    )
  }

  return (
    <div className="saved-views-block">
      <div className="saved-views">
        <select
          aria-label={t('views.pick')}
          value={active?.id ?? ''}
          onChange={(event) => {
            const view = views.data?.find((entry) => entry.id === event.target.value)
            if (view) setParams(viewParams(view.filters, filters), { replace: true })
          }}
        >
          <option value="">{views.isPending ? t('views.loading') : t('views.none')}</option>
          {mine.length > 0 && (
            <optgroup label={t('views.mine')}>
              {mine.map((view) => (
                <option key={view.id} value={view.id}>
                  {view.name}
                </option>
              ))}
            </optgroup>
          )}
          {team.length > 0 && (
            <optgroup label={t('views.shared')}>
              {team.map((view) => (
                <option key={view.id} value={view.id}>
                  {view.name}
                  {view.ownerName ? ` · ${view.ownerName}` : ''}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {!naming && (
          <button type="button" onClick={() => setNaming(true)}>
            {t('views.save')}
          </button>
        )}
        {active?.editable && (
          <button
            type="button"
            className="link-button"
            disabled={remove.isPending}
            onClick={() => {
              if (confirm(t('views.confirmDelete', { name: active.name }))) remove.mutate(active.id)
            }}
          >
            {t('views.delete')}
          </button>
        )}
      </div>
      {naming && (
        <form className="saved-view-form" onSubmit={submit} aria-label={t('views.save')}>
          <input
            type="text"
            required
            autoFocus
            maxLength={100}
            value={name}
            placeholder={t('views.name')}
            aria-label={t('views.name')}
            onChange={(event) => setName(event.target.value)}
          />
          <label>
            <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} />{' '}
            {t('views.shareWithWorkspace')}
          </label>
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('views.saveButton')}
          </button>
          <button type="button" onClick={() => setNaming(false)}>
            {t('bulk.cancel')}
          </button>
        </form>
      )}
      {save.isError && <ErrorMessage error={save.error} />}
      {remove.isError && <ErrorMessage error={remove.error} />}
    </div>
  )
}

/** A view's filters read the way the board reads its URL, so a stored view and the same URL compare equal. */
function readFilters(view: SavedView, current: BoardFilters): BoardFilters {
  return readBoardFilters(viewParams(view.filters, current))
}
