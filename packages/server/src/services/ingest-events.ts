// POST /api/v1/events: stores a batch of touchpoints idempotently and brings every touched lead up to date
// before answering, in a fixed number of round trips per batch. The steps after validation are shared
// with the asynchronous path (queue-events.ts acknowledges, apply-queued-events.ts applies later).
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { accountRepository, type AccountFacts } from '../db/account.repository.ts'
import { contentRepository, type ContentItem } from '../db/content.repository.ts'
import { eventRepository, type NewEventRow } from '../db/event.repository.ts'
import { ingestQueueRepository } from '../db/ingest-queue.repository.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { emailDomain } from '#core/lead/lead-profile.ts'
import { accountDomain } from '#core/projection/projected-lead.ts'
import { isFreeMailDomain } from '#core/lead/free-mail-domains.ts'
import type { IngestResult } from './ingest-contract.ts'
import { validateIngestItems, type ItemError, type ValidItem } from './validate-ingest-items.ts'
import { projectionContext } from './projection-context.ts'
import { reprojectLeads } from './lead-projection.ts'
import { alertHandRaisers } from './hand-raiser-alerts.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import type { TransitionRecord } from '#core/lifecycle/replay-lead.ts'

/** The API's answer, plus the stage changes the batch caused (for metrics; not part of the answer). */
export type IngestOutcome = IngestResult & { moved: TransitionRecord[] }

/** A checked batch: the items to store, and the counts and errors of the rest. */
export type SortedBatch = {
  accepted: ValidItem[]
  duplicate: number
  errors: ItemError[]
  /** the catalog entries the accepted items name */
  content: Map<string, ContentItem>
}

export async function ingestEvents(
  db: Kysely<Database>,
  workspaceId: string,
  items: readonly unknown[],
  now: Date,
): Promise<IngestOutcome> {
  return inTransaction(db, async (trx) => {
    const batch = await sortBatch(trx, workspaceId, items, now)
    const { inserted, leads, moved } = await storeAndProject(
      trx,
      workspaceId,
      batch.accepted,
      now,
      batch.content,
    )
    return {
      accepted: inserted.size,
      // A twin inserted by a concurrent batch between our check and our insert counts as a duplicate.
      duplicate: batch.duplicate + batch.accepted.length - inserted.size,
      rejected: batch.errors.length,
      errors: batch.errors,
      leads,
      moved,
    }
  })
}

/**
 * Validates each item, and sorts the valid ones into new, duplicate (an id seen before with the same
 * payload, in this batch, in the log or in the queue) and conflicting (the same id, another payload),
 * and refuses those that name content the catalog lacks.
 */
export async function sortBatch(
  trx: Kysely<Database>,
  workspaceId: string,
  items: readonly unknown[],
  now: Date,
): Promise<SortedBatch> {
  const { valid, errors } = validateIngestItems(items, now)
  let duplicate = 0
  const firstById = new Map<string, ValidItem>()
  const fresh: ValidItem[] = []
  for (const item of valid) {
    const earlier = firstById.get(item.event.id)
    if (!earlier) {
      firstById.set(item.event.id, item)
      fresh.push(item)
    } else if (earlier.hash === item.hash) duplicate++
    else errors.push(conflict(item))
  }
  const ids = fresh.map((item) => item.event.id)
  const known = await ingestQueueRepository.knownHashes(trx, workspaceId, ids)
  const candidates: ValidItem[] = []
  for (const item of fresh) {
    const hash = known.get(item.event.id)
    if (hash === undefined) candidates.push(item)
    else if (hash === item.hash) duplicate++
    else errors.push(conflict(item))
  }
  const content = await contentRepository.findByIds(trx, workspaceId, contentIdsOf(candidates))
  const accepted = candidates.filter((item) => {
    const contentId = item.event.contentId
    if (contentId === undefined || content.has(contentId)) return true
    errors.push({
      index: item.index,
      id: item.event.id,
      code: 'unknown_content',
      errors: [
        { path: `/events/${item.index}/contentId`, message: `no content item "${contentId}" in the catalog` },
      ],
    })
    return false
  })
  errors.sort((a, b) => a.index - b.index)
  return { accepted, duplicate, errors, content }
}

/**
 * Stores accepted touchpoints (accounts and leads upserted, events inserted; one whose id is in the log
 * already is skipped) and brings their leads up to date. Returns the client ids it inserted.
 */
export async function storeAndProject(
  trx: Kysely<Database>,
  workspaceId: string,
  accepted: readonly ValidItem[],
  now: Date,
  known?: Map<string, ContentItem>,
): Promise<{ inserted: Set<string>; leads: IngestResult['leads']; moved: TransitionRecord[] }> {
  if (accepted.length === 0) return { inserted: new Set(), leads: [], moved: [] }
  // The asynchronous path looks the catalog up again: it stores touchpoints a while after they were
  // checked, and one whose content was removed from the catalog since is stored without its stage.
  const content = known ?? (await contentRepository.findByIds(trx, workspaceId, contentIdsOf(accepted)))
  const companies = accepted.flatMap(accountFacts)
  const knownAccounts = await accountRepository.idsByDomain(
    trx,
    workspaceId,
    companies.map((company) => company.domain),
  )
  // Sorted, so concurrent batches lock the same leads in the same order and cannot deadlock.
  const emails = [...new Set(accepted.map((item) => item.event.lead.email.toLowerCase()))].sort()
  const leads = await leadRepository.upsertByEmail(trx, workspaceId, emails, now)
  const leadIds = new Map([...leads].map(([email, lead]) => [email, lead.id]))
  const rows: NewEventRow[] = accepted.map((item) => {
    const { event } = item
    const catalogEntry = event.contentId ? content.get(event.contentId) : undefined
    return {
      clientId: event.id,
      leadId: leadIds.get(event.lead.email.toLowerCase())!,
      type: event.type,
      occurredAt: item.occurredAt,
      source: event.source ?? null,
      contentId: event.contentId ?? null,
      journeyStage: catalogEntry?.journeyStage ?? null,
      topics: catalogEntry ? catalogEntry.topics : null,
      properties: event.properties ?? {},
      leadFields: { ...event.lead, email: event.lead.email.toLowerCase() },
      payloadHash: item.hash,
    }
  })
  const inserted = await eventRepository.insertMany(trx, workspaceId, rows)
  // A lead's earliest new event says where its stored history can have changed (a late event).
  const changedFrom = new Map<string, number>()
  for (const row of rows) {
    if (!inserted.has(row.clientId)) continue
    const at = row.occurredAt.getTime()
    changedFrom.set(row.leadId, Math.min(at, changedFrom.get(row.leadId) ?? at))
  }
  const touched = emails.map((email) => {
    const id = leadIds.get(email)!
    const from = changedFrom.get(id)
    const stored = leads.get(email)!.stored
    return { id, email, accountId: null, stored, ...(from === undefined ? {} : { changedFrom: from }) }
  })
  const context = await projectionContext(trx, workspaceId, knownAccounts)
  const projections = await reprojectLeads(trx, workspaceId, touched, context, now)
  await alertHandRaisers(trx, workspaceId, projections, inserted, context, now)
  // Companies are written last: a new account is locked until the batch commits, and a concurrent
  // batch naming the same new company waits that long (measured: when they were written first, nearly
  // every batch of the ingest bench waited for the other's whole transaction). Leads of a company new
  // to the workspace get its account now.
  const accountIds = await accountRepository.upsertByDomain(trx, workspaceId, companies)
  await leadRepository.linkAccounts(
    trx,
    workspaceId,
    projections.flatMap(({ row, replay }) => {
      const accountId = row.account_id === null ? accountIds.get(accountDomain(replay.profile)) : undefined
      return accountId === undefined ? [] : [{ leadId: row.id, accountId }]
    }),
  )
  return {
    inserted,
    // Transitions triggered by an event stored just now. A late event that lands before a transition
    // the lead had already made re-attributes it, and it counts again: rare, and metrics only.
    moved: projections.flatMap(({ replay }) =>
      replay.transitions.filter(({ trigger }) => trigger.kind === 'touchpoint' && inserted.has(trigger.id)),
    ),
    leads: projections.map((projection) => ({
      email: projection.lead.email,
      id: projection.lead.id,
      stage: projection.row.stage,
    })),
  }
}

function contentIdsOf(items: readonly ValidItem[]): string[] {
  return [...new Set(items.flatMap((item) => (item.event.contentId ? [item.event.contentId] : [])))]
}

function conflict(item: ValidItem): ItemError {
  return {
    index: item.index,
    id: item.event.id,
    code: 'idempotency_conflict',
    errors: [
      {
        path: `/events/${item.index}/id`,
        message: `id "${item.event.id}" was already used for a different payload`,
      },
    ],
  }
}

function accountFacts(item: ValidItem): AccountFacts[] {
  const company = item.event.lead.company
  const fromEmail = emailDomain(item.event.lead.email)
  const domain = company?.domain ?? (isFreeMailDomain(fromEmail) ? undefined : fromEmail)
  if (!domain) return []
  return [
    {
      domain,
      name: company?.name,
      industry: company?.industry,
      employees: company?.employees,
      country: company?.country,
    },
  ]
}
