// The deal board: open deals (leads in stage opportunity) by the agreement's deal stages, with each
// column's total per currency and, where the stage has a probability, the total weighted by it.
// A deal that names no stage, or one a later agreement version dropped, sits in the first column.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import type { DealStage, LocalizedLabel } from '#core/agreement/agreement-document.ts'
import { matchesLeadFilters, type LeadFilters } from '../lead-filters.ts'

// More cards than a person can scan; the totals still count every deal (see `truncated`).
export const DEAL_BOARD_CARDS = 1000

/** The column of deals when the agreement lists no deal stages. */
export const OPEN_DEALS_STAGE: DealStage = { id: 'open', label: { de: 'Offen', en: 'Open' } }

export type DealCard = {
  leadId: string
  email: string
  firstName: string | null
  lastName: string | null
  companyName: string | null
  ownerId: string | null
  dealStage: string
  amount: number
  currency: string
  expectedCloseDate: string | null
}

export type DealColumn = {
  id: string
  label: LocalizedLabel
  /** in %, or null when the agreement gives none */
  probability: number | null
  count: number
  totals: Array<{ currency: string; amount: number; weighted: number | null }>
}

export type DealBoard = {
  /** whether deals can be moved between columns: the agreement lists deal stages */
  movable: boolean
  columns: DealColumn[]
  deals: DealCard[]
  /** more deals match than `deals` holds; the columns count them all */
  truncated: boolean
}

type DealJson = { amount?: unknown; currency?: unknown; expectedCloseDate?: unknown; stage?: unknown }

export async function dealBoard(
  db: Kysely<Database>,
  workspaceId: string,
  filters: LeadFilters,
): Promise<DealBoard> {
  const active = await agreementRepository.findActive(db, workspaceId)
  const defined = active?.document.deals?.stages ?? []
  const stages = defined.length > 0 ? defined : [OPEN_DEALS_STAGE]
  const rows = await db
    .selectFrom('leads')
    .select([
      'id',
      'email',
      'first_name',
      'last_name',
      'company_name',
      'owner_id',
      sql<DealJson | null>`state->'deal'`.as('deal'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where(matchesLeadFilters({ ...filters, stage: ['opportunity'] }))
    .orderBy(sql`state->'deal'->>'expectedCloseDate'`, 'asc')
    .orderBy('id')
    .execute()
  const known = new Set(stages.map((stage) => stage.id))
  const deals = rows.map((row): DealCard => {
    const deal = row.deal ?? {}
    const stage = typeof deal.stage === 'string' && known.has(deal.stage) ? deal.stage : stages[0]!.id
    return {
      leadId: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      companyName: row.company_name,
      ownerId: row.owner_id,
      dealStage: stage,
      amount: typeof deal.amount === 'number' ? deal.amount : 0,
      currency: typeof deal.currency === 'string' ? deal.currency : 'EUR',
      expectedCloseDate: typeof deal.expectedCloseDate === 'string' ? deal.expectedCloseDate : null,
    }
  })
  const columns = stages.map((stage): DealColumn => {
    const inColumn = deals.filter((deal) => deal.dealStage === stage.id)
    const probability = stage.probability ?? null
    const byCurrency = new Map<string, number>()
    for (const deal of inColumn)
      byCurrency.set(deal.currency, (byCurrency.get(deal.currency) ?? 0) + deal.amount)
    return {
      id: stage.id,
      label: stage.label,
      probability,
      count: inColumn.length,
      totals: [...byCurrency]
        .sort(([a], [b]) => (a === 'EUR' ? -1 : b === 'EUR' ? 1 : a.localeCompare(b)))
        .map(([currency, amount]) => ({
          currency,
          amount,
          weighted: probability === null ? null : Math.round(amount * probability) / 100,
        })),
    }
  })
  return {
    movable: defined.length > 0,
    columns,
    deals: deals.slice(0, DEAL_BOARD_CARDS),
    truncated: deals.length > DEAL_BOARD_CARDS,
  }
}
