// The demo workspace: the example agreement, the demo team, months of generated touchpoints sent through
// the real ingestion path, and the reps' decisions on the leads that reached them.
import { issueApiKey } from '../services/issue-api-key.ts'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database, UserRole } from '../db/tables.ts'
import { generateDemoData, DEMO_ADMIN_EMAIL } from '#core/demo/generate-demo-data.ts'
import { simulateSales, type SimulatedDecision } from '#core/demo/simulate-sales.ts'
import type { Decision } from '#core/lifecycle/replay-lead.ts'
import { userRepository } from '../db/user.repository.ts'
import { workspaceRepository } from '../db/workspace.repository.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository, type StoredDecision } from '../db/decision.repository.ts'
import { hashPassword } from '../auth/password.ts'
import { createWorkspace } from '../services/create-workspace.ts'
import { ingestEvents } from '../services/ingest-events.ts'
import { projectionContext } from '../services/projection-context.ts'
import { reprojectLeads } from '../services/lead-projection.ts'
import { routeWaitingMqls } from '../services/route-waiting-mqls.ts'
import { fireSlaBreaches } from '../services/fire-sla-breaches.ts'
import { slaBreachJob } from '../jobs/sla-breach.job.ts'
import { seedDemoProposal } from './seed-demo-proposal.ts'
import { seedDemoWork } from './seed-demo-work.ts'
import { seedDemoNotifications } from './seed-demo-notifications.ts'
import { recentHandRaisers } from './recent-hand-raisers.ts'

export const DEMO_PASSWORD = 'takt-demo'
export const DEMO_AGREEMENT_PATH = fileURLToPath(
  new URL('../../../core/src/agreement/fixtures/dach-production-planning.yaml', import.meta.url),
)
const INGEST_BATCH = 2000
const DECISION_PAGE = 500
// A lead whose reps keep missing the SLA is handed on at most this often; then someone answers.
const MAX_SLA_ROUNDS = 4

export type DemoCredentials = {
  workspace: string
  password: string
  users: Array<{ email: string; name: string; role: string }>
  ingestKey: string
  readKey: string
}

export type DemoProgress = (phase: 'events' | 'decisions', done: number, total: number) => void

export async function seedDemoWorkspace(
  db: Kysely<Database>,
  options: { slug?: string; leads: number; seed?: number; now: Date; onProgress?: DemoProgress },
): Promise<DemoCredentials> {
  const slug = options.slug ?? 'demo'
  const data = generateDemoData({ seed: options.seed ?? 42, leads: options.leads, now: options.now })
  const recent = recentHandRaisers(options.now)
  const events = [...data.events, ...recent.events]
  const plans = [...data.plans, ...recent.plans]
  const workspace = await createStaffedWorkspace(db, {
    slug,
    name: 'Demo – Fertigungsplanung',
    password: DEMO_PASSWORD,
    users: data.users,
    content: data.contentItems,
    at: options.now,
  })
  const ingestKey = await issueApiKey(db, workspace.id, { name: 'Demo ingestion', scope: 'ingest' })
  const readKey = await issueApiKey(db, workspace.id, { name: 'Demo read', scope: 'read' })

  for (let start = 0; start < events.length; start += INGEST_BATCH) {
    await ingestEvents(db, workspace.id, events.slice(start, start + INGEST_BATCH), options.now)
    options.onProgress?.('events', Math.min(start + INGEST_BATCH, events.length), events.length)
  }
  await simulateDecisions(db, workspace.id, plans, options)
  // Austria and Switzerland are at a trade fair this week: their new MQLs wait in the team queue, so the
  // sales manager's inbox shows one (and the users' settings an absence).
  await markAwayAtTradeFair(db, workspace.id, options.now)
  await ingestEvents(db, workspace.id, tradeFairWeekRequests(options.now), options.now)
  // The reps' inboxes: MQLs nobody has taken yet are handed out as the agreement's routing says.
  await routeWaitingMqls(db, workspace.id, options.now)
  // What the SLA job finds due at start-up it fires now, as a live server's first round would.
  await slaBreachJob.handle(db, options.now)
  await seedDemoNotifications(db, workspace.id, options.now)
  await seedDemoWork(db, workspace.id, options.now)
  await seedDemoProposal(db, workspace.id, options.now)
  return {
    workspace: slug,
    password: DEMO_PASSWORD,
    users: data.users.map((user) => ({ email: user.email, name: user.name, role: user.role })),
    ingestKey,
    readKey,
  }
}

const TRADE_FAIR_TEAM = ['david.gruber@demo.takt.dev', 'laura.keller@demo.takt.dev']

/** Two demo requests from Austria and Switzerland this morning, for the team queue. */
function tradeFairWeekRequests(now: Date) {
  const request = (id: string, minutesAgo: number, lead: Record<string, unknown>) => ({
    id,
    type: 'demo_request',
    occurredAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
    source: 'website',
    contentId: 'demo',
    lead,
  })
  return [
    request('demo-team-queue-at', 170, {
      email: 'katharina.steiner@alpenland-praezision.at',
      firstName: 'Katharina',
      lastName: 'Steiner',
      title: 'Leiterin Arbeitsvorbereitung',
      company: {
        name: 'Alpenland Präzisionstechnik GmbH',
        domain: 'alpenland-praezision.at',
        industry: 'maschinenbau',
        employees: 380,
        country: 'AT',
      },
    }),
    request('demo-team-queue-ch', 95, {
      email: 'reto.baumann@zuercher-antriebe.ch',
      firstName: 'Reto',
      lastName: 'Baumann',
      title: 'Head of Operations',
      company: {
        name: 'Zürcher Antriebstechnik AG',
        domain: 'zuercher-antriebe.ch',
        industry: 'maschinenbau',
        employees: 620,
        country: 'CH',
      },
    }),
  ]
}

/** The trade fair week: from two days before `now`'s UTC day to four days after it. */
function tradeFairAbsence(now: Date) {
  const day = 86_400_000
  const start = Math.floor(now.getTime() / day) * day
  return { from: start - 2 * day, until: start + 4 * day }
}

/** While the fair runs, routing passes its reps over, in the simulated history as at start-up. */
function isAwayAtTradeFair(now: Date) {
  const { from, until } = tradeFairAbsence(now)
  return (repEmail: string, at: number) => TRADE_FAIR_TEAM.includes(repEmail) && at >= from && at < until
}

async function markAwayAtTradeFair(db: Kysely<Database>, workspaceId: string, now: Date) {
  const { from, until } = tradeFairAbsence(now)
  const absence = {
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    note: 'Messe Wien',
  }
  await db
    .updateTable('users')
    .set({ out_of_office: JSON.stringify([absence]) })
    .where('workspace_id', '=', workspaceId)
    .where('email', 'in', TRADE_FAIR_TEAM)
    .execute()
}

async function simulateDecisions(
  db: Kysely<Database>,
  workspaceId: string,
  plans: ReturnType<typeof generateDemoData>['plans'],
  options: { now: Date; seed?: number; onProgress?: DemoProgress },
) {
  const planByEmail = new Map(plans.map((plan, index) => [plan.email.toLowerCase(), { plan, index }]))
  const users = await userRepository.list(db, workspaceId)
  const userIdByEmail = new Map(users.map((user) => [user.email, user.id]))
  const context = await projectionContext(db, workspaceId)
  const total = plans.length
  const isAway = isAwayAtTradeFair(options.now)
  let done = 0
  let after: string | null = null
  for (;;) {
    const leads = await db
      .selectFrom('leads')
      .select(['id', 'email', 'account_id'])
      .where('workspace_id', '=', workspaceId)
      .$if(after !== null, (query) => query.where('id', '>', after!))
      .orderBy('id')
      .limit(DECISION_PAGE)
      .execute()
    if (leads.length === 0) break
    after = leads.at(-1)!.id
    const touchpoints = await eventRepository.listForLeads(
      db,
      workspaceId,
      leads.map((lead) => lead.id),
    )
    const decisions: StoredDecision[] = []
    for (const lead of leads) {
      const entry = planByEmail.get(lead.email)
      if (!entry) continue
      const toStored = (simulated: SimulatedDecision[]) =>
        simulated.flatMap((decision): StoredDecision[] => {
          const userId = decision.actorEmail === null ? undefined : userIdByEmail.get(decision.actorEmail)
          if (decision.actorEmail !== null && !userId) return []
          const actor = userId ? { type: 'user' as const, id: userId } : decision.actor
          return [{ id: decision.id, leadId: lead.id, at: decision.at, actor, command: decision.command }]
        })
      let history: Decision[] = []
      for (let round = 0; ; round++) {
        const simulation = simulateSales({
          plan: entry.plan,
          touchpoints: touchpoints.get(lead.id) ?? [],
          versions: context.versions,
          seed: (options.seed ?? 42) * 100_003 + entry.index,
          now: options.now.getTime(),
          history,
          isAway,
        })
        if (simulation.slaStepAt === undefined || round === MAX_SLA_ROUNDS) {
          decisions.push(...toStored(simulation.decisions))
          break
        }
        // The rep let the SLA run out: the SLA job fires the breach as it would have then (a notice
        // to the team lead, the lead handed to a colleague), and the reps go on from there.
        await decisionRepository.insertMany(db, workspaceId, toStored(simulation.decisions))
        const identity = { id: lead.id, email: lead.email, accountId: lead.account_id }
        await fireSlaBreaches(db, workspaceId, [identity], new Date(simulation.slaStepAt))
        history = (await decisionRepository.listForLeads(db, workspaceId, [lead.id])).get(lead.id) ?? []
      }
    }
    await decisionRepository.insertMany(db, workspaceId, decisions)
    await reprojectLeads(
      db,
      workspaceId,
      leads.map((lead) => ({ id: lead.id, email: lead.email, accountId: lead.account_id })),
      context,
      options.now,
    )
    done += leads.length
    options.onProgress?.('decisions', Math.min(done, total), total)
  }
}

/** On first start: seeds the demo workspace and remembers its credentials in the data folder. */
export async function ensureDemoWorkspace(
  db: Kysely<Database>,
  options: { dataDir: string; leads: number; now: Date; log: (line: string) => void },
): Promise<DemoCredentials | undefined> {
  const file = join(options.dataDir, 'demo-credentials.json')
  if (await workspaceRepository.findBySlug(db, 'demo')) {
    return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as DemoCredentials) : undefined
  }
  if ((await db.selectFrom('workspaces').select('id').limit(1).execute()).length > 0) return undefined
  options.log(`Creating the demo workspace with ${options.leads} leads (first start only)…`)
  const credentials = await seedDemoWorkspace(db, { leads: options.leads, now: options.now })
  // The demo's keys are shown at every start; they are demo secrets, kept beside the embedded database.
  await mkdir(options.dataDir, { recursive: true })
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 })
  return credentials
}

/**
 * A workspace with the demo agreement (or `agreementText`), the given content and people, the admin
 * among them, all with one password: the demo's, and the benches' (bench/demo-workspace.ts).
 */
export async function createStaffedWorkspace(
  db: Kysely<Database>,
  options: {
    slug: string
    name: string
    password: string
    users: ReadonlyArray<{ email: string; name: string; role: UserRole; region?: string | null }>
    content: Parameters<typeof createWorkspace>[1]['content']
    at: Date
    agreementText?: string
  },
) {
  const admin = options.users.find((user) => user.email === DEMO_ADMIN_EMAIL)!
  const { workspace } = await createWorkspace(
    db,
    {
      slug: options.slug,
      name: options.name,
      admin: { email: admin.email, name: admin.name, password: options.password },
      agreement: {
        text: options.agreementText ?? (await readFile(DEMO_AGREEMENT_PATH, 'utf8')),
        format: 'yaml',
      },
      content: options.content,
    },
    options.at,
  )
  const passwordHash = await hashPassword(options.password)
  for (const user of options.users) {
    if (user.email === admin.email) continue
    await userRepository.insert(db, workspace.id, {
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash,
      region: user.region ?? null,
    })
  }
  return workspace
}
