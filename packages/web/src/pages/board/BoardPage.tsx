// The pipeline board: how many leads sit in each stage, and the leads themselves, under filters for
// source, owner, scores, period and text. The view is the URL, so a link shares it. At 1366 px the eight
// stages fit as one strip above a full-width table, where eight narrow columns of cards would not.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { useFormat } from '../../hooks/format.ts'
import { BoardFilters, BoardViewActions } from './BoardFilters.tsx'
import { BoardTable } from './BoardTable.tsx'
import { StageStrip } from './StageStrip.tsx'
import { isFiltered, useBoardFilters } from './use-board-filters.ts'
import { usePipelineCounts, usePipelineLeads } from './use-pipeline.ts'
import './board.css'

export function BoardPage() {
  const { t } = useTranslation('board')
  const format = useFormat()
  const { filters, update, reset } = useBoardFilters()
  const counts = usePipelineCounts(filters)
  const list = usePipelineLeads(filters)
  const leads = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const owners = counts.data?.owners ?? []
  // What the list holds in all: the counts of the chosen stages (all stages when none is chosen).
  const total = counts.data?.stages
    .filter((entry) => filters.stage.length === 0 || filters.stage.includes(entry.stage))
    .reduce((sum, entry) => sum + entry.count, 0)
  const updating = (list.isPlaceholderData || counts.isPlaceholderData) && !list.isFetchingNextPage

  return (
    <section className="page board" aria-labelledby="board-title">
      <div className="page-head">
        <h1 id="board-title">{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      {counts.isError ? (
        <ErrorMessage error={counts.error} />
      ) : (
        <StageStrip pipeline={counts.data} selected={filters.stage} onChange={(stage) => update({ stage })} />
      )}
      <BoardFilters filters={filters} owners={owners} onChange={update} />
      <div className="board-toolbar">
        <p className="muted" role="status" aria-live="polite">
          {updating
            ? t('updating')
            : list.isSuccess && total !== undefined
              ? t('shown', { shown: format.number(leads.length), total: format.number(total) })
              : ''}
        </p>
        <BoardViewActions filters={filters} onReset={reset} />
      </div>
      {list.isPending ? (
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
          <BoardTable
            leads={leads}
            owners={owners}
            filters={filters}
            busy={updating}
            onSort={(sort, order) => update({ sort, order })}
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
