// Open deals as a kanban by the agreement's deal stages, beside the table. A card moves by drag and drop
// or, on a keyboard or a phone, with its stage menu; both send the lead action move_deal, and a refusal
// is shown above the board. Each column totals its deals, weighted by the stage's probability where the
// agreement gives one. On a phone one column shows at a time, chosen above it: the page never scrolls
// sideways.
import { useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiProblem } from '../../api/client.ts'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { useFormat } from '../../hooks/format.ts'
import { useLabel } from '../../hooks/use-agreement.ts'
import type { BoardFilters } from './use-board-filters.ts'
import { useDealBoard, useMoveDeal, type DealCard, type DealColumn } from './use-deal-board.ts'

const DRAG_TYPE = 'application/x-takt-lead'

export function DealBoard({ filters, canMove }: { filters: BoardFilters; canMove: boolean }) {
  const { t } = useTranslation('board')
  const label = useLabel()
  const board = useDealBoard(filters)
  const move = useMoveDeal()
  const [shown, setShown] = useState<string | undefined>(undefined)
  const [dropTarget, setDropTarget] = useState<string | null>(null)

  if (board.isPending) return <Loading rows={6} />
  if (board.isError) return <ErrorMessage error={board.error} />
  const { columns, deals, movable, truncated } = board.data
  const movesAllowed = canMove && movable
  const active = columns.find((column) => column.id === shown)?.id ?? columns[0]?.id
  const moveTo = (leadId: string, dealStage: string) => {
    const deal = deals.find((entry) => entry.leadId === leadId)
    if (deal && deal.dealStage !== dealStage) move.mutate({ leadId, dealStage })
  }
  const onDrop = (event: DragEvent, stage: string) => {
    event.preventDefault()
    setDropTarget(null)
    const leadId = event.dataTransfer.getData(DRAG_TYPE)
    if (leadId) moveTo(leadId, stage)
  }

  return (
    <div className="deal-board" data-testid="deal-board">
      {move.isError &&
        (move.error instanceof ApiProblem ? (
          <p className="error deal-board-refusal" role="alert">
            {t(`deals.refused.${move.error.code}`, { defaultValue: move.error.message })}
          </p>
        ) : (
          <ErrorMessage error={move.error} />
        ))}
      {!movable && <p className="muted">{t('deals.noStages')}</p>}
      {truncated && <p className="muted">{t('deals.truncated', { shown: deals.length })}</p>}
      {deals.length === 0 && <Empty>{t('deals.empty')}</Empty>}
      {/* Phones: the columns as a choice, one column below it. */}
      <div className="deal-column-picker" role="group" aria-label={t('deals.columns')}>
        {columns.map((column) => (
          <button
            key={column.id}
            type="button"
            aria-pressed={column.id === active}
            onClick={() => setShown(column.id)}
          >
            {label(column.label, column.id)} <span className="deal-count">{column.count}</span>
          </button>
        ))}
      </div>
      <div className="deal-columns" style={{ ['--deal-columns' as string]: columns.length }}>
        {columns.map((column) => (
          <section
            key={column.id}
            className={column.id === active ? 'deal-column is-active' : 'deal-column'}
            data-drop={dropTarget === column.id ? 'over' : undefined}
            data-column={column.id}
            aria-labelledby={`deal-column-${column.id}`}
            onDragOver={(event) => {
              if (!movesAllowed || !event.dataTransfer.types.includes(DRAG_TYPE)) return
              event.preventDefault()
              event.dataTransfer.dropEffect = 'move'
              setDropTarget(column.id)
            }}
            onDragLeave={() => setDropTarget((current) => (current === column.id ? null : current))}
            onDrop={(event) => onDrop(event, column.id)}
          >
            <ColumnHead column={column} />
            <ul className="deal-cards">
              {deals
                .filter((deal) => deal.dealStage === column.id)
                .map((deal) => (
                  <DealCardItem
                    key={deal.leadId}
                    deal={deal}
                    columns={columns}
                    movable={movesAllowed}
                    busy={move.isPending && move.variables?.leadId === deal.leadId}
                    onMove={(stage) => moveTo(deal.leadId, stage)}
                  />
                ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  )
}

function ColumnHead({ column }: { column: DealColumn }) {
  const { t } = useTranslation('board')
  const label = useLabel()
  const format = useFormat()
  return (
    <header className="deal-column-head">
      <h2 id={`deal-column-${column.id}`}>
        {label(column.label, column.id)} <span className="deal-count">{column.count}</span>
      </h2>
      {column.probability !== null && (
        <span className="muted">
          {t('deals.probability', { percent: format.number(column.probability) })}
        </span>
      )}
      <dl className="deal-totals" data-testid="deal-column-total">
        {column.totals.length === 0 ? (
          <div>
            <dt className="visually-hidden">{t('deals.total')}</dt>
            <dd>{format.money(0)}</dd>
          </div>
        ) : (
          column.totals.map((total) => (
            <div key={total.currency}>
              <dt className="visually-hidden">{t('deals.total')}</dt>
              <dd>{format.money(total.amount, total.currency)}</dd>
              {total.weighted !== null && (
                <dd className="muted">
                  {t('deals.weighted', { amount: format.money(total.weighted, total.currency) })}
                </dd>
              )}
            </div>
          ))
        )}
      </dl>
    </header>
  )
}

function DealCardItem({
  deal,
  columns,
  movable,
  busy,
  onMove,
}: {
  deal: DealCard
  columns: DealColumn[]
  movable: boolean
  busy: boolean
  onMove: (stage: string) => void
}) {
  const { t } = useTranslation('board')
  const label = useLabel()
  const format = useFormat()
  const name = [deal.firstName, deal.lastName].filter(Boolean).join(' ') || deal.email
  return (
    <li
      className="deal-card"
      data-lead-email={deal.email}
      aria-busy={busy}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, deal.leadId)
        event.dataTransfer.effectAllowed = 'move'
      }}
    >
      <Link to={`/leads/${deal.leadId}`} className="lead-name" draggable={false}>
        {name}
      </Link>
      {deal.companyName && <span className="muted">{deal.companyName}</span>}
      <span className="deal-amount">{format.money(deal.amount, deal.currency)}</span>
      {deal.expectedCloseDate && (
        <span className="muted">{t('deals.closes', { date: format.date(deal.expectedCloseDate) })}</span>
      )}
      {movable && (
        <label className="deal-move">
          <span>{t('deals.stage')}</span>
          <select
            value={deal.dealStage}
            disabled={busy}
            aria-label={t('deals.moveLabel', { name })}
            onChange={(event) => onMove(event.target.value)}
          >
            {columns.map((column) => (
              <option key={column.id} value={column.id}>
                {label(column.label, column.id)}
              </option>
            ))}
          </select>
        </label>
      )}
    </li>
  )
}
