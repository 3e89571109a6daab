// What activating a version would change right now, without changing anything: every lead is folded
// on from its stored snapshot with the version in force from now (as activation's re-projection does,
// with the same pure projectLead), and the MQLs that would then wait for a rep are routed in memory
// with the same routing (as the next hand-off run would), so people see the leads that become MQL at
// once and the load each rep would get before they decide. Reads only: no lead is locked or written.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { compileAgreement } from '#core/agreement/compile-agreement.ts'
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'
import { DomainError } from '#core/errors.ts'
import type { LeadProfile } from '#core/lead/lead-profile.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { EMPTY_SNAPSHOT } from '#core/lifecycle/replay-lead.ts'
import { projectLead } from '#core/projection/projected-lead.ts'
import { routeLead } from '#core/routing/route-lead.ts'
import { expectStatus } from './agreement-governance-step.ts'
import { readDraft, textOf } from './agreement-draft-text.ts'
import { projectionContext } from './projection-context.ts'
import { loadRoutingState, noteAssignment } from './routing-state.ts'

export type ActivationPreview = {
  version: number
  activeVersion: number
  /** leads looked at: every lead of the workspace */
  leads: number
  becomeMql: number
  leaveMql: number
  /** up to EXAMPLES leads whose stage activation changes, those becoming MQL first */
  examples: Array<{
    leadId: string
    name: string | null
    email: string
    company: string | null
    from: LeadStage
    to: LeadStage
  }>
  /** every rep of the routing's teams and every rep who would get a lead, with their open MQL + SAL leads */
  perRep: Array<{
    userId: string
    name: string
    /** the id of the first team the rep is a member of */
    team: string | null
    openNow: number
    added: number
    capacity: number | null
  }>
  /** MQLs that would wait without a rep: their team is at capacity or no territory matched */
  unrouted: number
}

const PAGE = 500
const EXAMPLES = 10

type Waiting = { profile: LeadProfile; accountOwnerId: string | null; ripeness: number; since: number }

/**
 * The forecast for activating `version` at `now`; refused as activation would be for a version that
 * cannot be activated (409) or does not validate (422).
 */
export async function previewActivation(
  db: Kysely<Database>,
  workspaceId: string,
  version: number,
  now: Date,
): Promise<ActivationPreview> {
  const stored = await agreementRepository.find(db, workspaceId, version)
  if (!stored) {
    throw new DomainError('AGREEMENT_NOT_FOUND', `No agreement version ${version} in this workspace.`, {
      version,
    })
  }
  expectStatus(stored, ['draft', 'proposed', 'approved'], 'activated')
  const draft = readDraft(textOf(stored))
  if (draft.errors.length > 0) {
    throw new DomainError('AGREEMENT_INVALID', `Version ${version} has ${draft.errors.length} error(s).`, {
      errors: draft.errors,
    })
  }
  const document = draft.document as AgreementDocument
  // Without an active version there is nothing to compare with (409 NO_ACTIVE_AGREEMENT).
  const live = await projectionContext(db, workspaceId)
  const active = live.versions.at(-1)!
  const context = {
    ...live,
    versions: [
      ...live.versions,
      { version, activatedAt: now.getTime(), agreement: compileAgreement(document) },
    ],
  }

  const preview: ActivationPreview = {
    version,
    activeVersion: active.version,
    leads: 0,
    becomeMql: 0,
    leaveMql: 0,
    examples: [],
    perRep: [],
    unrouted: 0,
  }
  const leaving: typeof preview.examples = []
  const waiting: Waiting[] = []
  // Open leads a rep would no longer hold once their MQL leaves (a SAL stays theirs either way).
  const released = new Map<string, number>()
  let after: string | null = null
  for (;;) {
    const rows = await db
      .selectFrom('leads')
      .leftJoin('accounts', (join) =>
        join
          .onRef('accounts.workspace_id', '=', 'leads.workspace_id')
          .onRef('accounts.id', '=', 'leads.account_id'),
      )
      .select([
        'leads.id',
        'leads.email',
        'leads.account_id',
        'leads.stage',
        'leads.owner_id',
        'leads.first_name',
        'leads.last_name',
        'leads.company_name',
        'accounts.owner_id as account_owner_id',
      ])
      .where('leads.workspace_id', '=', workspaceId)
      .$if(after !== null, (query) => query.where('leads.id', '>', after!))
      .orderBy('leads.id')
      .limit(PAGE)
      .execute()
    if (rows.length === 0) break
    after = rows.at(-1)!.id
    const ids = rows.map((row) => row.id)
    const [touchpoints, decisions, projections] = await Promise.all([
      eventRepository.listForLeads(db, workspaceId, ids),
      decisionRepository.listForLeads(db, workspaceId, ids),
      leadRepository.storedProjections(db, workspaceId, ids),
    ])
    for (const row of rows) {
      const stored = projections.get(row.id)
      const projection = projectLead(
        { id: row.id, email: row.email, accountId: row.account_id },
        touchpoints.get(row.id) ?? [],
        decisions.get(row.id) ?? [],
        context,
        now.getTime(),
        stored?.snapshot ?? EMPTY_SNAPSHOT,
        stored?.checkpoints ?? [],
      )
      const next = projection.row
      preview.leads++
      if (next.stage === 'mql' && next.owner_id === null) {
        waiting.push({
          profile: { email: row.email, ...(next.profile as Partial<LeadProfile>) },
          accountOwnerId: row.account_owner_id,
          ripeness: next.fit_score + next.engagement_score,
          since: Date.parse(next.stage_entered_at),
        })
      }
      if (next.stage === row.stage) continue
      const example = {
        leadId: row.id,
        name: [row.first_name, row.last_name].filter(Boolean).join(' ') || null,
        email: row.email,
        company: row.company_name,
        from: row.stage,
        to: next.stage,
      }
      if (next.stage === 'mql') {
        preview.becomeMql++
        if (preview.examples.length < EXAMPLES) preview.examples.push(example)
      } else if (row.stage === 'mql') {
        preview.leaveMql++
        if (leaving.length < EXAMPLES) leaving.push(example)
        if (row.owner_id) released.set(row.owner_id, (released.get(row.owner_id) ?? 0) + 1)
      }
    }
    if (rows.length < PAGE) break
  }
  preview.examples.push(...leaving.slice(0, EXAMPLES - preview.examples.length))
  await routeInMemory(db, workspaceId, context.versions, document, now, waiting, released, preview)
  return preview
}

/** The hand-off run's order and routing, with nothing written: cursors and loads move in memory only. */
async function routeInMemory(
  db: Kysely<Database>,
  workspaceId: string,
  versions: Parameters<typeof loadRoutingState>[2],
  document: AgreementDocument,
  now: Date,
  waiting: Waiting[],
  released: ReadonlyMap<string, number>,
  preview: ActivationPreview,
) {
  const state = await loadRoutingState(db, workspaceId, versions, now)
  if (!state) {
    preview.unrouted = waiting.length
    return
  }
  const idByEmail = new Map(state.users.map((user) => [user.email, user.id]))
  for (const [userId, count] of released) {
    const rep = state.reps.get(state.emailById.get(userId) ?? '')
    if (rep) state.reps.set(rep.email, { ...rep, openLeads: Math.max(0, rep.openLeads - count) })
  }
  const openNow = new Map([...state.reps.values()].map((rep) => [rep.email, rep.openLeads]))
  const added = new Map<string, number>()
  waiting.sort((a, b) => b.ripeness - a.ripeness || a.since - b.since)
  for (const lead of waiting) {
    const ownerEmail = lead.accountOwnerId ? state.emailById.get(lead.accountOwnerId) : undefined
    const decision = routeLead(state.routing, {
      profile: lead.profile,
      ...(ownerEmail ? { account: { owner: ownerEmail } } : {}),
      reps: [...state.reps.values()],
      cursors: state.cursors,
      at: now.getTime(),
    })
    noteAssignment(state, decision, now.getTime())
    if (decision.kind === 'assigned') added.set(decision.rep, (added.get(decision.rep) ?? 0) + 1)
    else preview.unrouted++
  }
  const teamOf = new Map<string, string>()
  for (const team of document.routing?.teams ?? []) {
    for (const member of team.members) {
      const email = member.toLowerCase()
      if (!teamOf.has(email)) teamOf.set(email, team.id)
    }
  }
  const capacity = document.routing?.maxOpenLeadsPerRep ?? null
  const nameByEmail = new Map(state.users.map((user) => [user.email, user.name]))
  preview.perRep = [...openNow.keys()]
    .filter((email) => teamOf.has(email) || (added.get(email) ?? 0) > 0)
    .map((email) => ({
      userId: idByEmail.get(email)!,
      name: nameByEmail.get(email) ?? email,
      team: teamOf.get(email) ?? null,
      openNow: openNow.get(email) ?? 0,
      added: added.get(email) ?? 0,
      capacity,
    }))
    .sort((a, b) => b.added - a.added || a.name.localeCompare(b.name))
}
