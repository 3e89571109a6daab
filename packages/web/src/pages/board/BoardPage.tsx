// The pipeline board: how many leads sit in each stage, and the leads themselves, under filters for
// source, owner, scores, period and text. The view is the URL, so a link shares it. At 1366 px the eight
// stages fit as one strip above a full-width table, where eight narrow columns of cards would not.
// Beside the table, the deal board shows the open deals by deal stage under the same filters.
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useSession } from '../../session/session.tsx'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { useFormat } from '../../hooks/format.ts'
import { BoardFilters, BoardViewActions } from './BoardFilters.tsx'
import { BoardTable } from './BoardTable.tsx'
import { StageStrip } from './StageStrip.tsx'
import { BulkActions } from './BulkActions.tsx'
import { DealBoard } from './DealBoard.tsx'
import { SavedViews } from './SavedViews.tsx'
import {
  isFiltered,
  useBoardFilters,
  writeBoardFilters,
  type BoardFilters as Filters,
} from './use-board-filters.ts'
import { usePipelineCounts, usePipelineLeads } from './use-pipeline.ts'
import './board.css'

export function BoardPage() {
  const { t } = useTranslation('board')
  const format = useFormat()
  const { filters, update, reset } = useBoardFilters()
  const rights = can(useSession().user.role)
  const counts = usePipelineCounts(filters)
  const list = usePipelineLeads(filters)
  const leads = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const owners = counts.data?.owners ?? []
  // What the list holds in all: the counts of the chosen stages (all stages when none is chosen).
  const total = counts.data?.stages
    .filter((entry) => filters.stage.length === 0 || filters.stage.includes(entry.stage))
    .reduce((sum, entry) => sum + entry.count, 0)
  const updating = (list.isPlaceholderData || counts.isPlaceholderData) && !list.isFetchingNextPage
  const selection = useSelection(filters)

  return (
    <section className="page board" aria-labelledby="board-title">
      <div className="page-head">
        <h1 id="board-title">{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
        <div className="board-view-switch" role="group" aria-label={t('viewSwitch.label')}>
          <button type="button" aria-pressed={!filters.view} onClick={() => update({ view: undefined })}>
            {t('viewSwitch.table')}
          </button>
          <button
            type="button"
            aria-pressed={filters.view === 'deals'}
            onClick={() => update({ view: 'deals' })}
          >
            {t('viewSwitch.deals')}
          </button>
        </div>
      </div>
      {/* The deal board holds opportunities only: a stage choice would change nothing there. */}
      {counts.isError ? (
        <ErrorMessage error={counts.error} />
      ) : filters.view === 'deals' ? null : (
        <StageStrip pipeline={counts.data} selected={filters.stage} onChange={(stage) => update({ stage })} />
      )}
      <BoardFilters filters={filters} owners={owners} onChange={update} />
      <div className="board-toolbar">
        <p className="muted" role="status" aria-live="polite">
          {filters.view === 'deals'
            ? ''
            : updating
              ? t('updating')
              : list.isSuccess && total !== undefined
                ? t('shown', { shown: format.number(leads.length), total: format.number(total) })
                : ''}
        </p>
        <div className="board-tools">
          <SavedViews filters={filters} />
          <a className="board-export" href={exportUrl(filters)} download>
            {t('export')}
          </a>
          <BoardViewActions filters={filters} onReset={reset} />
        </div>
      </div>
      {filters.view === 'deals' ? (
        <DealBoard filters={filters} canMove={rights.work} />
      ) : list.isPending ? (
        <Loading rows={8} />
      ) : list.isError && leads.length === 0 ? (
        <div className="board-error">
          <ErrorMessage error={list.error} />
          <button type="button" onClick={() => void list.refetch()}>
            {t('retry')}
          </button>
        </div>
      ) : leads.length === 0 ? (
        <Empty>
          {isFiltered(filters) ? (
            <>
              {t('empty')}{' '}
              <button type="button" className="link-button" onClick={reset}>
                {t('filters.reset')}
              </button>
            </>
          ) : (
            t('emptyWorkspace')
          )}
        </Empty>
      ) : (
        <>
          {rights.work && (
            <BulkActions
              selected={selection.selected}
              leads={leads}
              canAssign={rights.manage}
              onDone={(failed) => selection.set(new Set(failed))}
              onClear={() => selection.set(new Set())}
            />
          )}
          <BoardTable
            leads={leads}
            owners={owners}
            filters={filters}
            busy={updating}
            onSort={(sort, order) => update({ sort, order })}
            {...(rights.work ? { selection } : {})}
          />
          {list.isFetchNextPageError && <ErrorMessage error={list.error} />}
          {list.hasNextPage && (
            <div className="board-load-more">
              <button
                type="button"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage ? t('loadingMore') : t('more')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  )
}

/** The export of the list as it is filtered and sorted now: every page, as CSV. */
function exportUrl(filters: Filters): string {
  const query = writeBoardFilters({ ...filters, view: undefined }).toString()
  return `/api/v1/leads/export.csv${query ? `?${query}` : ''}`
}

/** The rows chosen for a bulk action; other filters show other leads, so a change clears the choice. */
function useSelection(filters: Filters) {
  const [selected, set] = useState<ReadonlySet<string>>(new Set())
  const key = writeBoardFilters(filters).toString()
  useEffect(() => set(new Set()), [key])
  return {
    selected,
    set,
    onToggle: (leadId: string) =>
      set((current) => {
        const next = new Set(current)
        if (!next.delete(leadId)) next.add(leadId)
        return next
      }),
    onToggleAll: (leadIds: string[]) =>
      set((current) =>
        leadIds.every((id) => current.has(id))
          ? new Set([...current].filter((id) => !leadIds.includes(id)))
          : new Set([...current, ...leadIds]),
      ),
  }
}
