// The report bench's workspace: N leads (1,000,000 by default) with ~23 touchpoints each and the read
// model the reports count from (leads, events, decisions, transitions, notifications), written with
// PostgreSQL's COPY. The slow path (the fold) runs only for a pool of template leads: the demo
// generator's touchpoints, the demo reps' decisions (simulateSales), the SLA breach steps the breach job
// would have fired on late answers, and projectLead's row and stage history. Every seeded lead is a
// template's copy with its own ids and e-mail, moved back or forth by whole weeks (weekdays and office
// hours stay as generated) inside the year, so the sources, lead mix, journeys, outcomes and reasons
// are the generator's and each lead's row, log and history agree with each other.
// A template's rows are rendered once as COPY text bytes with slots for what a copy has of its own (ids,
// e-mail, dates); copies are written through 1 MB chunks, so memory holds the templates and a chunk per
// table. The plain indexes are dropped before the COPY and built after it: with random lead ids that
// is faster than keeping them up to date row by row (100,000 leads: 123 s against 177 s, and the gap
// grows with the size; TAKT_BENCH_REPORT_KEEP_INDEXES=1 measures the other way).
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { generateDemoData } from '../packages/core/src/demo/generate-demo-data.ts'
import { createRandom, type Random } from '../packages/core/src/demo/random.ts'
import { simulateSales } from '../packages/core/src/demo/simulate-sales.ts'
import { agreementVersionAt, replayLead, type Decision } from '../packages/core/src/lifecycle/replay-lead.ts'
import { projectLead, type ProjectionContext } from '../packages/core/src/projection/projected-lead.ts'
import { compileRouting } from '../packages/core/src/routing/compile-routing.ts'
import { pendingBreachSteps, type SlaStep } from '../packages/core/src/sla/sla-deadline.ts'
import { slaPolicyFor } from '../packages/core/src/sla/sla-policies.ts'
import type { StoredTouchpoint } from '../packages/core/src/touchpoint/touchpoint.ts'
import type { Database } from '../packages/server/src/db/tables.ts'
import { leadRepository } from '../packages/server/src/db/lead.repository.ts'

const DAY = 86_400_000
const WEEK = 7 * DAY
/** Leads the generator makes at once (as in backtest-data.ts: ~280 MB per 10,000 while they are folded). */
const TEMPLATE_CHUNK = 5_000

export type ReportSeedUser = { id: string; email: string; region: string | null }

export type ReportSeedOptions = {
  leads: number
  /** distinct leads folded the slow way, at most `leads`; the others are their copies */
  templates: number
  /** keep the plain indexes up to date during the COPY instead of building them after it */
  keepIndexes?: boolean
  now: Date
  context: ProjectionContext
  users: readonly ReportSeedUser[]
  onProgress?: (phase: string, done: number) => void
}

export type ReportSeed = {
  leads: number
  templates: number
  events: number
  decisions: number
  transitions: number
  notifications: number
  /** seconds per phase: templates (the fold), copy (and this process's CPU in it), indexes, cluster, vacuum analyze */
  seconds: Record<string, number>
}

/** The tables the seed writes, in COPY column order (everything a copy renders itself comes first). */
const COLUMNS = {
  leads: [
    'workspace_id',
    'id',
    'email',
    'created_at',
    'updated_at',
    'first_touch_at',
    'last_touch_at',
    'stage_entered_at',
    'scored_at',
    'next_check_at',
    'sla_check_at',
    'profile',
    'state',
    'first_name',
    'last_name',
    'title',
    'phone',
    'company_name',
    'country',
    'lane',
    'stage',
    'owner_id',
    'fit_score',
    'engagement_score',
    'engagement_terms',
    'engagement_ceiling',
    'agreement_version',
    'touchpoint_count',
  ],
  events: [
    'workspace_id',
    'client_id',
    'lead_id',
    'occurred_at',
    'received_at',
    'lead_fields',
    'type',
    'source',
    'content_id',
    'journey_stage',
    'topics',
    'properties',
    'payload_hash',
  ],
  decisions: [
    'workspace_id',
    'id',
    'lead_id',
    'decided_at',
    'created_at',
    'dedupe_key',
    'kind',
    'actor_type',
    'actor_id',
    'reason',
    'note',
    'data',
  ],
  transitions: [
    'workspace_id',
    'lead_id',
    'seq',
    'at',
    'trigger',
    'from_stage',
    'to_stage',
    'actor_type',
    'actor_id',
    'agreement_version',
    'reason',
    'fit_score',
    'engagement_score',
    'source',
    'lane',
    'owner_id',
    'from_at',
  ],
  notifications: [
    'workspace_id',
    'user_id',
    'lead_id',
    'created_at',
    'read_at',
    'data',
    'dedupe_key',
    'kind',
  ],
} as const
type Table = keyof typeof COLUMNS
const TABLES = Object.keys(COLUMNS) as Table[]

/** What each copy of a template renders itself, in a row that is otherwise fixed bytes. */
type Slot =
  | { kind: 'lead' }
  | { kind: 'email' }
  /** an instant as ISO text, moved by the copy's weeks: only the date changes */
  | { kind: 'time'; day: number; clock: Buffer }
  /** epoch milliseconds (in lead state and dedupe keys), moved */
  | { kind: 'instant'; at: number }
  /** a notification read two hours after it came, unless that is still ahead */
  | { kind: 'readAt'; at: number }
  /** the copy's client id of the template's touchpoint number `index` */
  | { kind: 'event'; index: number }
  /** the copy's id of the template's decision number `index` */
  | { kind: 'decision'; index: number }
/** One row in COPY text format. */
type Row = ReadonlyArray<Buffer | Slot>

/** A template lead's rows, rendered once. */
type Template = {
  email: string
  /** earliest and latest instant of its history (up to now): the weeks a copy may move */
  first: number
  last: number
  decisions: number
  rows: Record<Table, Row[]>
}

export async function seedReportWorkspace(
  db: Kysely<Database>,
  databaseUrl: string,
  workspaceId: string,
  options: ReportSeedOptions,
): Promise<ReportSeed> {
  const seconds: Record<string, number> = {}
  const timed = async <T>(phase: string, work: () => Promise<T> | T): Promise<T> => {
    const began = performance.now()
    const result = await work()
    seconds[phase] = Math.round((performance.now() - began) / 100) / 10
    return result
  }
  const templates = await timed('templates', () =>
    buildTemplates(Math.min(options.leads, options.templates), options),
  )
  const indexes = options.keepIndexes ? [] : await timed('dropIndexes', () => dropIndexes(db))
  const cpu = process.cpuUsage()
  const counts = await timed('copy', () => copyLeads(databaseUrl, workspaceId, templates, options))
  // This process's share of the copy (rendering rows); the rest is PostgreSQL's.
  const used = process.cpuUsage(cpu)
  seconds.copyNodeCpu = Math.round((used.user + used.system) / 1e5) / 10
  await timed('createIndexes', () => createIndexes(databaseUrl, indexes))
  // The reports' read models, as the projection keeps them, by the same SQL functions. Planned without
  // statistics of the copied tables, a batch took 76 s instead of 3 s: analyze first, as autovacuum
  // would have by then.
  await timed('analyze', () => sql.raw(`analyze ${TABLES.join(', ')}`).execute(db))
  await timed('reportRows', () => refreshAllReportRows(db, workspaceId))
  // Live transitions are appended as time goes on, so a period's rows sit together on disk, as
  // clustering by (workspace_id, at) puts them; a copy written lead by lead would scatter them.
  await timed('cluster', () => sql`cluster transitions using transitions_at_idx`.execute(db))
  // As autovacuum leaves tables in steady use: statistics and the visibility map.
  await timed('vacuumAnalyze', () =>
    sql.raw(`vacuum analyze ${[...TABLES, 'lead_milestones', 'hand_offs'].join(', ')}`).execute(db),
  )
  return { leads: options.leads, templates: templates.length, ...counts, seconds }
}

async function refreshAllReportRows(db: Kysely<Database>, workspaceId: string) {
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const ids = (
      await db
        .selectFrom('leads')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(20_000)
        .execute()
    ).map((row) => row.id)
    if (ids.length === 0) return
    await leadRepository.refreshReportRows(db, workspaceId, ids)
    after = ids.at(-1)!
  }
}

// --- Templates: the demo generator and the fold --------------------------------------------------

function buildTemplates(count: number, options: ReportSeedOptions): Template[] {
  const { now, context } = options
  const nowMs = now.getTime()
  const idByEmail = new Map(options.users.map((user) => [user.email, user.id]))
  const templates: Template[] = []
  for (let chunk = 0; templates.length < count; chunk++) {
    const size = Math.min(TEMPLATE_CHUNK, count - templates.length)
    const data = generateDemoData({ seed: 13_000 + chunk, leads: size, now, months: 12 })
    const catalog = new Map(data.contentItems.map((item) => [item.id, item]))
    const byEmail = new Map<string, StoredTouchpoint[]>()
    for (const event of data.events) {
      const email = event.lead.email.toLowerCase()
      const item = event.contentId === undefined ? undefined : catalog.get(event.contentId)
      const occurredAt = Date.parse(event.occurredAt)
      // As ingestion stores a touchpoint: stage and topics from the catalog, the lead's fields as sent.
      const touchpoint: StoredTouchpoint = {
        id: event.id,
        leadId: '',
        seq: 0,
        receivedAt: new Date(occurredAt),
        type: event.type,
        occurredAt,
        source: event.source,
        ...(event.contentId === undefined ? {} : { contentId: event.contentId }),
        ...(item?.journeyStage ? { journeyStage: item.journeyStage } : {}),
        ...(item ? { topics: item.topics } : {}),
        properties: event.properties ?? {},
        leadFields: { ...event.lead, email },
      }
      const list = byEmail.get(email)
      if (list) list.push(touchpoint)
      else byEmail.set(email, [touchpoint])
    }
    for (const [index, plan] of data.plans.entries()) {
      const email = plan.email.toLowerCase()
      const touchpoints = byEmail.get(email)
      if (!touchpoints) continue
      touchpoints.forEach((touchpoint, seq) => (touchpoint.seq = seq + 1))
      const log = simulateLead(plan, touchpoints, context, chunk * 100_003 + index, nowMs)
      // Stored as the server stores them: reps by user id.
      const decisions = log.decisions.flatMap((decision): Decision[] => {
        const actor = decision.actor
        if (actor.type !== 'user') return [decision]
        const userId = idByEmail.get(actor.id)
        return userId ? [{ ...decision, actor: { type: 'user', id: userId } }] : []
      })
      const lead = { id: `t${chunk}-${index}`, email, accountId: null }
      const projection = projectLead(lead, touchpoints, decisions, context, nowMs)
      const notifications = log.notifications.flatMap((notification) => {
        const userId = idByEmail.get(notification.userEmail)
        if (!userId) return []
        const suffix = `:${notification.key.step}:${notification.kind}:${userId}`
        return [{ ...notification, userId, key: { assignedAt: notification.key.assignedAt, suffix } }]
      })
      templates.push(
        templateOf(email, touchpoints, { decisions, dedupe: log.dedupe, notifications }, projection, nowMs),
      )
    }
    options.onProgress?.('templates', templates.length)
  }
  return templates
}

/** A lead whose reps keep missing the SLA is handed on at most this often (as the demo seed does). */
const MAX_SLA_ROUNDS = 4

type SlaNotification = {
  at: number
  userEmail: string
  kind: string
  data: Record<string, unknown>
  /** the hand-off's instant and the step: the dedupe key's parts besides lead, kind and user */
  key: { assignedAt: number; step: number }
}

type SimulatedLog = {
  /** reps by e-mail, as the simulation names them */
  decisions: Decision[]
  /** the SLA job's decisions by id: their dedupe keys */
  dedupe: Map<string, { assignedAt: number; suffix: string }>
  notifications: SlaNotification[]
}

/**
 * The demo's sales side for one lead (simulateSales), with the SLA job in between: when a rep lets the
 * SLA run out, the breach steps due then are fired as services/fire-sla-breaches.ts fires them (the
 * team lead told, the lead handed to a colleague), and the reps go on from there.
 */
function simulateLead(
  plan: Parameters<typeof simulateSales>[0]['plan'],
  touchpoints: readonly StoredTouchpoint[],
  context: ProjectionContext,
  seed: number,
  now: number,
): SimulatedLog {
  const log: SimulatedLog = { decisions: [], dedupe: new Map(), notifications: [] }
  const random = createRandom(seed + 104_729)
  for (let round = 0; ; round++) {
    const simulation = simulateSales({
      plan,
      touchpoints,
      versions: context.versions,
      seed,
      now,
      history: log.decisions,
    })
    for (const decision of simulation.decisions) log.decisions.push(decision)
    if (simulation.slaStepAt === undefined || round === MAX_SLA_ROUNDS) return log
    fireSlaSteps(log, plan.email, touchpoints, context, simulation.slaStepAt, random)
  }
}

/** fireSlaBreaches without the database: the steps due at `at`, recorded in `log`. */
function fireSlaSteps(
  log: SimulatedLog,
  email: string,
  touchpoints: readonly StoredTouchpoint[],
  context: ProjectionContext,
  at: number,
  random: Random,
): void {
  const replay = replayLead({
    email,
    touchpoints,
    decisions: log.decisions,
    versions: context.versions,
    until: at,
  })
  const state = replay.state
  if (!state || state.assignedAt === undefined || state.ownerRef === undefined) return
  const owner = state.ownerRef
  const version = agreementVersionAt(context.versions, at)
  const document = version.agreement.document
  const policy = slaPolicyFor(document.sla, context.regionOf(context.resolveOwner(owner)))
  if (!policy) return
  const routing = document.routing ? compileRouting(document.routing, document.signals) : undefined
  const assignment = state.assignments.at(-1)
  const team =
    (assignment?.team ? routing?.teamById.get(assignment.team) : undefined) ?? routing?.teamOfRep(owner)
  const system = { type: 'system' as const, agreementVersion: version.version }
  const assignedAt = state.assignedAt
  const tell = (
    userEmail: string | undefined,
    kind: string,
    step: SlaStep,
    extra: Record<string, unknown> = {},
  ) => {
    if (!userEmail) return
    log.notifications.push({
      at,
      userEmail,
      kind,
      data: { rep: owner, action: step.action, afterBusinessHours: step.afterBusinessHours, ...extra },
      key: { assignedAt, step: step.index },
    })
  }
  const record = (command: Decision['command'], suffix: string) => {
    const decision: Decision = { id: randomUUID(), at, actor: system, command }
    log.decisions.push(decision)
    log.dedupe.set(decision.id, { assignedAt, suffix })
  }
  for (const step of pendingBreachSteps(policy, state).filter((due) => due.at <= at)) {
    record(
      {
        kind: 'sla_breach',
        step: step.index,
        action: step.action,
        afterBusinessHours: step.afterBusinessHours,
        ...(step.reason ? { reason: step.reason } : {}),
      },
      `:${step.index}`,
    )
    if (step.action === 'notify') {
      tell(step.notify === 'team_lead' ? (team?.lead ?? owner) : owner, 'sla_breached', step)
      continue
    }
    if (step.action === 'return_to_marketing') {
      tell(owner, 'sla_returned_to_marketing', step)
      break
    }
    // The team's next rep; the breach job asks routing, which passes over the one who missed it.
    const others = (team?.members ?? []).filter((member) => member !== owner)
    if (others.length === 0) {
      tell(team?.lead ?? owner, 'sla_reassign_failed', step)
      break
    }
    const next = random.pick(others)
    record(
      {
        kind: 'assign',
        rep: next,
        ...(team ? { team: team.id } : {}),
        reasons: [{ code: 'sla_lapsed', rep: owner }],
      },
      `:${step.index}:assign`,
    )
    tell(owner, 'sla_reassigned', step, { to: next })
    tell(next, 'sla_reassigned_to_you', step, { from: owner })
    break
  }
}

function templateOf(
  email: string,
  touchpoints: readonly StoredTouchpoint[],
  log: {
    decisions: readonly Decision[]
    dedupe: ReadonlyMap<string, { assignedAt: number; suffix: string }>
    notifications: ReadonlyArray<
      Omit<SlaNotification, 'key'> & { userId: string; key: { assignedAt: number; suffix: string } }
    >
  },
  projection: ReturnType<typeof projectLead>,
  now: number,
): Template {
  const { row, transitions } = projection
  const instants: number[] = []
  const time = (iso: string | null): Cell => {
    if (iso === null) return null
    const at = Date.parse(iso)
    instants.push(at)
    return timeSlot(at)
  }
  const eventIndex = new Map(touchpoints.map((touchpoint, index) => [touchpoint.id, index]))
  const decisionIndex = new Map(log.decisions.map((decision, index) => [decision.id, index]))
  const lead: Slot = { kind: 'lead' }
  const rows: Record<Table, Row[]> = {
    leads: [],
    events: [],
    decisions: [],
    transitions: [],
    notifications: [],
  }
  const firstTouch = time(row.first_touch_at)
  rows.leads.push(
    rowOf(email, [
      lead,
      { kind: 'email' },
      firstTouch,
      new Date(now).toISOString(),
      firstTouch,
      time(row.last_touch_at),
      time(row.stage_entered_at),
      new Date(now).toISOString(),
      time(row.next_check_at),
      time(row.sla_check_at),
      { json: row.profile },
      { json: row.state, instants: true },
      row.first_name,
      row.last_name,
      row.title,
      row.phone,
      row.company_name,
      row.country,
      row.lane,
      row.stage,
      row.owner_id,
      row.fit_score,
      row.engagement_score,
      { json: row.engagement_terms },
      row.engagement_ceiling,
      row.agreement_version,
      row.touchpoint_count,
    ]),
  )
  for (const [index, touchpoint] of touchpoints.entries()) {
    const at = time(new Date(touchpoint.occurredAt).toISOString())
    rows.events.push(
      rowOf(email, [
        { kind: 'event', index },
        lead,
        at,
        at,
        { json: touchpoint.leadFields ?? {} },
        touchpoint.type,
        touchpoint.source ?? null,
        touchpoint.contentId ?? null,
        touchpoint.journeyStage ?? null,
        touchpoint.topics ? { json: touchpoint.topics } : null,
        { json: touchpoint.properties },
        'bench',
      ]),
    )
  }
  for (const [index, decision] of log.decisions.entries()) {
    const { kind, ...data } = decision.command
    const at = time(new Date(decision.at).toISOString())
    const dedupe = log.dedupe.get(decision.id)
    rows.decisions.push(
      rowOf(email, [
        { kind: 'decision', index },
        lead,
        at,
        at,
        dedupe ? ['sla:', lead, ':', { kind: 'instant', at: dedupe.assignedAt }, dedupe.suffix] : null,
        kind,
        decision.actor.type,
        decision.actor.type === 'system' ? null : decision.actor.id,
        'reason' in data && data.reason !== undefined ? data.reason : null,
        data.note ?? null,
        { json: data },
      ]),
    )
  }
  for (const [index, transition] of transitions.entries()) {
    const trigger = transition.trigger as { kind: string; id?: string }
    const ref =
      trigger.id === undefined
        ? undefined
        : trigger.kind === 'touchpoint'
          ? eventIndex.get(trigger.id)
          : decisionIndex.get(trigger.id)
    const refSlot: Slot | undefined =
      ref === undefined
        ? undefined
        : trigger.kind === 'touchpoint'
          ? { kind: 'event', index: ref }
          : { kind: 'decision', index: ref }
    rows.transitions.push(
      rowOf(email, [
        lead,
        transition.seq,
        time(transition.at),
        { json: trigger, ...(refSlot ? { id: refSlot } : {}) },
        transition.from_stage,
        transition.to_stage,
        transition.actor_type,
        transition.actor_id,
        transition.agreement_version,
        transition.reason,
        transition.fit_score,
        transition.engagement_score,
        transition.source,
        transition.lane,
        transition.owner_id,
        time(transitions[index - 1]?.at ?? null),
      ]),
    )
  }
  for (const notification of log.notifications) {
    rows.notifications.push(
      rowOf(email, [
        notification.userId,
        lead,
        time(new Date(notification.at).toISOString()),
        { kind: 'readAt', at: notification.at },
        { json: { lead: { email }, ...notification.data } },
        ['sla:', lead, ':', { kind: 'instant', at: notification.key.assignedAt }, notification.key.suffix],
        notification.kind,
      ]),
    )
  }
  const past = instants.filter((at) => at <= now)
  return {
    email,
    first: Math.min(...instants),
    last: Math.max(...past),
    decisions: log.decisions.length,
    rows,
  }
}

/** A column's value: text and numbers as they are, a slot, JSON, or parts of one text value. */
type Cell =
  | null
  | string
  | number
  | Slot
  | ReadonlyArray<string | Slot>
  /** `instants`: numbers under the lead state's instant keys are moved; `id`: the trigger's reference */
  | { json: unknown; instants?: true; id?: Slot }

// Slots sit in a row's text as SLOT<n>SLOT until it is cut into bytes and slots (private-use
// characters: JSON.stringify leaves them alone, unlike control characters).
const SLOT = '\ue000'
const QUOTED_SLOT = new RegExp(`"${SLOT}(\\d+)${SLOT}"`, 'g')
const ANY_SLOT = new RegExp(`${SLOT}(\\d+)${SLOT}`)

function rowOf(email: string, cells: readonly Cell[]): Row {
  const slots: Slot[] = []
  const mark = (slot: Slot) => `${SLOT}${slots.push(slot) - 1}${SLOT}`
  const emailMark = mark({ kind: 'email' })
  const text = cells
    .map((cell): string => {
      if (cell === null) return '\\N'
      if (typeof cell === 'number') return String(cell)
      if (typeof cell === 'string') return copyText(cell).replaceAll(email, emailMark)
      if (isParts(cell))
        return cell.map((part) => (typeof part === 'string' ? copyText(part) : mark(part))).join('')
      if ('kind' in cell) return mark(cell)
      const top = cell.json
      const json = JSON.stringify(top, function (this: unknown, key: string, value: unknown) {
        if (cell.id && this === top && key === 'id') return mark(cell.id)
        if (cell.instants && isInstantKey(key) && typeof value === 'number')
          return mark({ kind: 'instant', at: value })
        return value
      })
      // Slots stood in for numbers and ids as JSON strings: the instants lose their quotes.
      const unquoted = json.replace(QUOTED_SLOT, (whole, index: string) =>
        slots[Number(index)]!.kind === 'instant' ? `${SLOT}${index}${SLOT}` : whole,
      )
      return copyText(unquoted).replaceAll(email, emailMark)
    })
    .join('\t')
  const parts = `${text}\n`.split(ANY_SLOT)
  // split with a capture group: text, slot index, text, …
  return parts.flatMap((part, index): Array<Buffer | Slot> =>
    index % 2 === 1 ? [slots[Number(part)]!] : part === '' ? [] : [Buffer.from(part, 'utf8')],
  )
}

function isParts(cell: Cell): cell is ReadonlyArray<string | Slot> {
  return Array.isArray(cell)
}

function timeSlot(at: number): Slot {
  const day = Math.floor(at / DAY)
  return { kind: 'time', day, clock: Buffer.from(new Date(at).toISOString().slice(10), 'latin1') }
}

// --- Copies: COPY text rows ---------------------------------------------------------------------

async function copyLeads(
  databaseUrl: string,
  workspaceId: string,
  templates: readonly Template[],
  options: ReportSeedOptions,
): Promise<Omit<ReportSeed, 'leads' | 'templates' | 'seconds'>> {
  // The touchpoints take most of the time PostgreSQL spends (jsonb parsing): two streams, two backends.
  const targets: Table[] = [...TABLES, 'events']
  const clients = await Promise.all(targets.map(() => connect(databaseUrl)))
  const counts = { events: 0, decisions: 0, transitions: 0, notifications: 0 }
  try {
    const streams = await Promise.all(
      targets.map(async (table, index) => {
        // Each copy is consistent by construction: the foreign keys' per-row triggers would only
        // double the time (session_replication_role = replica skips them; a superuser may set it).
        await clients[index]!.query('set session_replication_role = replica')
        return copyFrom(clients[index]!, `copy ${table} (${COLUMNS[table].join(', ')}) from stdin`)
      }),
    )
    const writers = streams.map((stream) => new CopyWriter(stream))
    const writerOf = Object.fromEntries(
      TABLES.map((table) => [table, writers[targets.indexOf(table)]!]),
    ) as Record<Table, CopyWriter>
    const secondEvents = writers.at(-1)!
    const nowMs = options.now.getTime()
    const windowStart = monthsBefore(options.now, 12)
    const random = createRandom(13)
    const ws = Buffer.from(`${workspaceId}\t`, 'latin1')
    const days = new Map<number, Buffer>()
    const copy = { leadNo: 0, leadId: '', email: '', shift: 0, shiftDays: 0, decisionIds: [] as string[] }
    const render = (out: CopyWriter, row: Row) => {
      out.bytes(ws)
      for (const piece of row) {
        if (Buffer.isBuffer(piece)) {
          out.bytes(piece)
          continue
        }
        switch (piece.kind) {
          case 'lead':
            out.text(copy.leadId)
            break
          case 'email':
            out.text(copy.email)
            break
          case 'time': {
            const day = piece.day + copy.shiftDays
            let date = days.get(day)
            if (!date)
              days.set(day, (date = Buffer.from(new Date(day * DAY).toISOString().slice(0, 10), 'latin1')))
            out.bytes(date)
            out.bytes(piece.clock)
            break
          }
          case 'instant':
            out.text(String(piece.at + copy.shift))
            break
          case 'readAt': {
            const read = piece.at + copy.shift + 2 * 3_600_000
            out.text(read < nowMs ? new Date(read).toISOString() : '\\N')
            break
          }
          case 'event':
            out.text(`b${copy.leadNo}-${piece.index + 1}`)
            break
          case 'decision':
            out.text(copy.decisionIds[piece.index]!)
            break
        }
      }
    }
    for (let leadNo = 0; leadNo < options.leads; leadNo++) {
      const template = templates[leadNo % templates.length]!
      // The first copy is the template itself; later ones move by whole weeks within the year.
      const lowest = Math.ceil((windowStart - template.first) / WEEK)
      const highest = Math.floor((nowMs - template.last) / WEEK)
      const weeks = leadNo < templates.length || highest < lowest ? 0 : random.int(lowest, highest)
      copy.leadNo = leadNo
      copy.leadId = randomUUID()
      copy.email = `l${leadNo}.${template.email}`
      copy.shift = weeks * WEEK
      copy.shiftDays = weeks * 7
      copy.decisionIds = Array.from({ length: template.decisions }, () => randomUUID())
      const events = leadNo % 2 === 0 ? writerOf.events : secondEvents
      for (const table of TABLES) {
        const out = table === 'events' ? events : writerOf[table]
        for (const row of template.rows[table]) render(out, row)
      }
      counts.events += template.rows.events.length
      counts.decisions += template.rows.decisions.length
      counts.transitions += template.rows.transitions.length
      counts.notifications += template.rows.notifications.length
      if (writers.some((writer) => writer.needsDrain()))
        await Promise.all(writers.map((writer) => writer.drained()))
      if ((leadNo + 1) % 20_000 === 0) options.onProgress?.('copy', leadNo + 1)
    }
    for (const writer of writers) writer.flush()
    await Promise.all(streams.map((stream) => stream.end()))
  } finally {
    await Promise.all(clients.map((client) => client.end()))
  }
  return counts
}

/** Rows are gathered into chunks of this size before they are sent as one CopyData message. */
const CHUNK_BYTES = 1 << 20
const SMALL = 64

/** Bytes for one COPY stream, sent a chunk at a time. */
class CopyWriter {
  readonly #stream: CopyStream
  readonly #buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  #length = 0

  constructor(stream: CopyStream) {
    this.#stream = stream
  }

  bytes(chunk: Buffer): void {
    if (this.#length + chunk.length > CHUNK_BYTES) this.flush()
    if (chunk.length > CHUNK_BYTES) return this.#stream.send(chunk)
    const buffer = this.#buffer
    let at = this.#length
    // Most pieces are a few bytes: a loop beats a call into C++ for each.
    if (chunk.length > SMALL) chunk.copy(buffer, at)
    else for (let index = 0; index < chunk.length; index++) buffer[at + index] = chunk[index]!
    this.#length = at += chunk.length
  }

  text(text: string): void {
    if (this.#length + text.length * 3 > CHUNK_BYTES) this.flush()
    const buffer = this.#buffer
    const at = this.#length
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code > 0x7f) {
        this.#length = at + index + buffer.write(text.slice(index), at + index, 'utf8')
        return
      }
      buffer[at + index] = code
    }
    this.#length = at + text.length
  }

  /** Sends what is gathered (pg copies it into its own message buffer: this one is reused). */
  flush(): void {
    if (this.#length === 0) return
    this.#stream.send(this.#buffer.subarray(0, this.#length))
    this.#length = 0
  }

  needsDrain(): boolean {
    return this.#stream.needsDrain()
  }

  drained(): Promise<void> {
    return this.#stream.drained()
  }
}

/** Times in the lead state the fold writes as epoch milliseconds (recycling, hand-offs, breaches). */
function isInstantKey(key: string): boolean {
  return (
    key === 'at' ||
    key === 'assignedAt' ||
    key === 'respondedAt' ||
    key === 'recycledAt' ||
    key === 'coolDownUntil'
  )
}

/** Calendar months back, as the generator counts its window (generate-demo-data.ts). */
function monthsBefore(now: Date, months: number): number {
  const start = new Date(now.getTime())
  start.setUTCMonth(start.getUTCMonth() - months)
  return start.getTime()
}

/** COPY text format escapes backslashes, tabs and line breaks; \N is null. */
function copyText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]!) : text
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

// --- COPY through node-postgres -----------------------------------------------------------------

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  return client
}

type CopyStream = {
  /** sends a CopyData message now (pg copies the bytes) */
  send(chunk: Buffer): void
  needsDrain(): boolean
  drained(): Promise<void>
  /** CopyDone; resolves with the rows copied */
  end(): Promise<number>
}

/** The parts of pg's Connection a COPY FROM STDIN needs (pg has no public COPY API). */
type CopyConnection = {
  query(text: string): void
  sendCopyFromChunk(chunk: Buffer): void
  endCopyFrom(): void
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean }
}

/**
 * COPY … FROM STDIN on one client. node-postgres speaks the COPY sub-protocol (CopyData, CopyDone)
 * but wraps it only in the pg-copy-streams package, which this project does not depend on; a
 * "submittable" (the hook pg-cursor uses) gets the connection and sends the rows itself.
 */
function copyFrom(client: pg.Client, statement: string): Promise<CopyStream> {
  return new Promise((resolveStart, rejectStart) => {
    let connection: CopyConnection | undefined
    let failure: Error | undefined
    let started = false
    let rows = 0
    let settle: { resolve: (rows: number) => void; reject: (error: Error) => void } | undefined
    const done = new Promise<number>((resolve, reject) => (settle = { resolve, reject }))
    done.catch(() => {}) // surfaced by write() or end()
    const submittable = {
      submit(target: CopyConnection) {
        connection = target
        target.query(statement)
      },
      handleCopyInResponse() {
        started = true
        resolveStart(stream)
      },
      handleCommandComplete(message: { text?: string }) {
        rows = Number(message.text?.split(' ')[1] ?? 0)
      },
      handleReadyForQuery() {
        if (failure) settle!.reject(failure)
        else settle!.resolve(rows)
      },
      handleError(error: Error) {
        failure = error
        settle!.reject(error)
        if (!started) rejectStart(error)
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    }
    const socket = () => connection!.stream
    const stream: CopyStream = {
      send(chunk) {
        if (failure) throw failure
        connection!.sendCopyFromChunk(chunk)
      },
      needsDrain: () => failure !== undefined || socket().writableNeedDrain === true,
      async drained() {
        if (failure) throw failure
        if (socket().writableNeedDrain) await new Promise((resolve) => socket().once('drain', resolve))
      },
      async end() {
        if (failure) throw failure
        connection!.endCopyFrom()
        return done
      },
    }
    ;(client as unknown as { query(submittable: object): unknown }).query(submittable)
  })
}

// --- Indexes around the load --------------------------------------------------------------------

type IndexDefinition = { name: string; definition: string }

/**
 * Drops the plain (non-constraint) indexes of the seeded tables: built once after the load they take
 * a fraction of keeping them up to date row by row with random lead ids. Constraint indexes stay.
 */
async function dropIndexes(db: Kysely<Database>): Promise<IndexDefinition[]> {
  const { rows } = await sql<IndexDefinition>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indrelid
    where c.relnamespace = 'public'::regnamespace and c.relname = any(${TABLES})
      and not exists (select from pg_constraint k where k.conindid = i.indexrelid)`.execute(db)
  for (const index of rows) await sql.raw(`drop index ${index.name}`).execute(db)
  return rows
}

/** Builds the dropped indexes again, on two connections (the machine has two cores). */
async function createIndexes(databaseUrl: string, indexes: readonly IndexDefinition[]): Promise<void> {
  const queue = [...indexes]
  await Promise.all(
    [0, 1].map(async () => {
      const client = await connect(databaseUrl)
      try {
        await client.query(`set maintenance_work_mem = '512MB'`)
        for (let index = queue.shift(); index; index = queue.shift()) await client.query(index.definition)
      } finally {
        await client.end()
      }
    }),
  )
}
