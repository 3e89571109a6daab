// The board's list as a table: sortable by the scores and dates, a page at a time ("mehr laden").
// The lead's name is the link to its page; a click anywhere on the row opens it too. People who work
// leads select rows (one by one, or all loaded ones) for the bulk actions above the table.
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useFormat } from '../../hooks/format.ts'
import type { BoardFilters, Sort } from './use-board-filters.ts'
import type { BoardLead, Pipeline } from './use-pipeline.ts'

export type RowSelection = {
  selected: ReadonlySet<string>
  onToggle: (leadId: string) => void
  /** selects all the given leads, or clears them when all are selected already */
  onToggleAll: (leadIds: string[]) => void
}

export function BoardTable({
  leads,
  owners,
  filters,
  busy,
  onSort,
  selection,
}: {
  leads: BoardLead[]
  owners: Pipeline['owners']
  filters: BoardFilters
  busy: boolean
  onSort: (sort: Sort, order: 'asc' | 'desc') => void
  /** none for people who cannot act on leads (marketing) */
  selection?: RowSelection
}) {
  const { t, i18n } = useTranslation('board')
  const format = useFormat()
  const percent = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
    style: 'percent',
    maximumFractionDigits: 0,
  })
  const navigate = useNavigate()
  const ownerName = new Map(owners.map((owner) => [owner.id, owner.name]))
  const order = filters.order === 'asc' ? t('table.ascending') : t('table.descending')

  const header = (sort: Sort, numeric = false) => {
    const active = filters.sort === sort
    // Scores and dates read best highest and newest first; a second click turns the order round.
    const next = active && filters.order === 'desc' ? 'asc' : 'desc'
    return (
      <th
        scope="col"
        className={numeric ? 'board-sortable board-numeric' : 'board-sortable'}
        aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <button type="button" className="board-sort" onClick={() => onSort(sort, next)}>
          {t(`table.${sort}`)}
          <span className="board-sort-mark" aria-hidden="true">
            {active ? (filters.order === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    )
  }

  return (
    <table className="table board-table" aria-busy={busy} data-testid="board-table">
      <caption className="visually-hidden">
        {t('table.caption', { column: t(`table.${filters.sort}`), order })}
      </caption>
      <colgroup>
        {selection && <col className="board-col-select" />}
        <col className="board-col-lead" />
        <col className="board-col-stage" />
        <col className="board-col-score" />
        <col className="board-col-score" />
        <col className="board-col-source" />
        <col className="board-col-owner" />
        <col className="board-col-date" />
        <col className="board-col-date" />
      </colgroup>
      <thead>
        <tr>
          {selection && (
            <th scope="col" className="board-cell-select board-select-all">
              <input
                type="checkbox"
                aria-label={t('bulk.selectAll', { count: leads.length })}
                checked={leads.length > 0 && leads.every((lead) => selection.selected.has(lead.id))}
                ref={(box) => {
                  if (box)
                    box.indeterminate =
                      leads.some((lead) => selection.selected.has(lead.id)) &&
                      !leads.every((lead) => selection.selected.has(lead.id))
                }}
                onChange={() => selection.onToggleAll(leads.map((lead) => lead.id))}
              />
            </th>
          )}
          <th scope="col">{t('table.lead')}</th>
          <th scope="col">{t('table.stage')}</th>
          {header('fit', true)}
          {header('engagement', true)}
          {header('predicted', true)}
          <th scope="col">{t('table.source')}</th>
          <th scope="col">{t('table.owner')}</th>
          {header('stageEntered')}
          {header('lastTouch')}
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => {
          const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ')
          const about = [lead.companyName, lead.title].filter(Boolean).join(' · ') || (name ? lead.email : '')
          const source = lead.source && t(`common:source.${lead.source}`, { defaultValue: lead.source })
          return (
            <tr
              key={lead.id}
              data-lead-email={lead.email}
              onClick={(event) => {
                // Links, checkboxes and selected text keep their own behaviour.
                const target = event.target as HTMLElement
                if (target.closest('a, .board-cell-select') || getSelection()?.toString()) return
                navigate(`/leads/${lead.id}`)
              }}
            >
              {selection && (
                <td className="board-cell-select">
                  <input
                    type="checkbox"
                    aria-label={t('bulk.select', { name: name || lead.email })}
                    checked={selection.selected.has(lead.id)}
                    onChange={() => selection.onToggle(lead.id)}
                  />
                </td>
              )}
              <td className="board-cell-lead">
                <div className="board-lead">
                  <Link to={`/leads/${lead.id}`} className="lead-name">
                    {name || lead.email}
                  </Link>
                  <span className="muted" title={about}>
                    {about}
                  </span>
                </div>
              </td>
              <td className="board-cell-stage">
                <span
                  className="board-stage-badge"
                  data-stage={lead.stage}
                  title={t(`common:stage.${lead.stage}`)}
                >
                  {t(`stageShort.${lead.stage}`)}
                </span>
              </td>
              <td className="board-numeric" data-label={t('table.fit')}>
                {format.score(lead.fit)}
              </td>
              <td className="board-numeric" data-label={t('table.engagement')}>
                {format.score(lead.engagement)}
              </td>
              <td className="board-numeric" data-label={t('table.predicted')}>
                {lead.predicted === null ? '–' : percent.format(lead.predicted)}
              </td>
              <td title={source ?? undefined} data-label={t('table.source')}>
                {source ?? '–'}
              </td>
              <td data-label={t('table.owner')}>
                {lead.ownerId === null ? (
                  <span className="muted">{t('table.unassigned')}</span>
                ) : (
                  (ownerName.get(lead.ownerId) ?? <span className="muted">{t('table.formerOwner')}</span>)
                )}
              </td>
              <td data-label={t('table.stageEntered')}>{format.date(lead.stageEnteredAt)}</td>
              <td data-label={t('table.lastTouch')}>
                {lead.lastTouchAt ? format.date(lead.lastTouchAt) : t('table.lastTouchNever')}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
