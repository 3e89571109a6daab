// A running Takt on a fresh database, reached over real HTTP, with a clock the test moves.
import { issueApiKey } from '../services/issue-api-key.ts'
import { listenOnFreePort } from './listen.ts'
import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { buildApp, type AppOptions } from '../http/app.ts'
import { createWorkspace } from '../services/create-workspace.ts'
import { userRepository, type Role } from '../db/user.repository.ts'
import { hashPassword } from '../auth/password.ts'
import { DEMO_AGREEMENT_PATH } from '../demo/seed-demo-workspace.ts'
import { createTestDatabase, type TestDialect } from './test-database.ts'
import type { ContentItem } from '../db/content.repository.ts'
import type { AgreementInput } from '../services/replace-agreement.ts'

export const TEST_PASSWORD = 'correct horse battery staple'

export type TestClock = { now: () => Date; set: (iso: string | Date) => void; advance: (ms: number) => void }

export function testClock(start = '2026-11-02T09:00:00Z'): TestClock {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (value) => {
      current = new Date(value)
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms)
    },
  }
}

export const TEST_CONTENT: ContentItem[] = [
  { id: 'pricing', title: 'Preise', kind: 'page', journeyStage: 'decision', topics: ['preise'], url: null },
  { id: 'careers', title: 'Karriere', kind: 'page', journeyStage: null, topics: [], url: null },
  {
    id: 'blog-oee',
    title: 'OEE verstehen',
    kind: 'blog',
    journeyStage: 'orientation',
    topics: ['oee'],
    url: null,
  },
  {
    id: 'wp-feinplanung',
    title: 'Whitepaper Feinplanung',
    kind: 'whitepaper',
    journeyStage: 'consideration',
    topics: ['feinplanung'],
    url: null,
  },
  {
    id: 'case-study-kunststoff',
    title: 'Fallstudie Kunststoff',
    kind: 'case_study',
    journeyStage: 'decision',
    topics: ['feinplanung'],
    url: null,
  },
  { id: 'demo', title: 'Demo anfragen', kind: 'form', journeyStage: 'decision', topics: [], url: null },
]

export type TestSession = { cookie: string; csrf: string }

export type TestWorkspace = {
  id: string
  slug: string
  keys: { ingest: string; read: string; admin: string }
  users: Record<'admin' | 'marketing' | 'sales' | 'sales2' | 'manager', { id: string; email: string }>
}

export type TestApp = {
  baseUrl: string
  db: Kysely<Database>
  /** PostgreSQL only: the database's address, for a second server instance on it */
  databaseUrl: string | undefined
  clock: TestClock
  workspace: TestWorkspace
  addWorkspace: (slug: string) => Promise<TestWorkspace>
  request: (
    method: string,
    path: string,
    options?: {
      key?: string
      session?: TestSession
      body?: unknown
      contentType?: string
      headers?: Record<string, string>
    },
    // Test bodies are read loosely; each test asserts the fields it cares about.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ) => Promise<{ status: number; headers: Headers; body: any }>
  /** activates a new agreement version: the current YAML as `change` rewrites it (e.g. staffed with test reps) */
  replaceAgreement: (change: (source: string) => string) => Promise<void>
  /** signs in and returns the session cookie and CSRF token, to pass as `session` */
  login: (email: string, workspace?: string) => Promise<TestSession>
  close: () => Promise<void>
}

export async function startTestApp(
  dialect: TestDialect,
  appOptions: Partial<
    Pick<
      AppOptions,
      | 'rateLimitPerMinute'
      | 'corsOrigins'
      | 'logStream'
      | 'logLevel'
      | 'webhookTargets'
      | 'timeouts'
      | 'metricsPublic'
    >
  > = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect)
  const clock = testClock()
  const app = await buildApp({
    db: database.db,
    clock: clock.now,
    secureCookies: false,
    logLevel: 'silent',
    ...appOptions,
  })
  const baseUrl = await listenOnFreePort(app)
  const agreementText = await readFile(DEMO_AGREEMENT_PATH, 'utf8')

  const addWorkspace = (slug: string) =>
    seedTestWorkspace(database.db, slug, {
      agreement: { text: agreementText, format: 'yaml' },
      at: new Date('2026-01-01T00:00:00Z'),
    })

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {}
    if (options.key) headers.authorization = `Bearer ${options.key}`
    if (options.session) {
      headers.cookie = options.session.cookie
      headers['x-csrf-token'] = options.session.csrf
    }
    Object.assign(headers, options.headers)
    let body: string | undefined
    if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json'
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed }
  }

  const workspace = await addWorkspace('acme')
  return {
    baseUrl,
    db: database.db,
    databaseUrl: database.url,
    clock,
    workspace,
    addWorkspace,
    request,
    replaceAgreement: async (change) => {
      const current = await request('GET', '/api/v1/agreement', { key: workspace.keys.read })
      // Replacing in one step is one party deciding alone: allowed for the call, as it was before after.
      const governance = (key: string, body?: unknown) =>
        request(body === undefined ? 'GET' : 'PUT', '/api/v1/settings/governance', { key, body })
      const { singlePartyActivation } = (await governance(workspace.keys.read)).body
      await governance(workspace.keys.admin, { singlePartyActivation: true })
      const replaced = await request('PUT', '/api/v1/agreement', {
        key: workspace.keys.admin,
        body: change(current.body.source),
        contentType: 'application/yaml',
      })
      await governance(workspace.keys.admin, { singlePartyActivation })
      if (replaced.status !== 200) throw new Error(`agreement refused: ${JSON.stringify(replaced.body)}`)
    },
    login: async (email, slug = workspace.slug) => {
      const response = await request('POST', '/api/v1/session', {
        body: { workspace: slug, email, password: TEST_PASSWORD },
      })
      if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`)
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!
      return { cookie, csrf: response.body.csrfToken }
    },
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

/**
 * A workspace with its admin, a marketing user, two reps and a sales manager (`{role}@{slug}.test`, all with
 * TEST_PASSWORD) and one API key per scope; `at` is when its agreement takes effect.
 */
export async function seedTestWorkspace(
  db: Kysely<Database>,
  slug: string,
  options: { agreement: AgreementInput; at: Date },
): Promise<TestWorkspace> {
  const { workspace, adminId } = await createWorkspace(
    db,
    {
      slug,
      name: `Test ${slug}`,
      admin: { email: `admin@${slug}.test`, name: 'Admin', password: TEST_PASSWORD },
      agreement: options.agreement,
      content: TEST_CONTENT,
    },
    options.at,
  )
  const passwordHash = await hashPassword(TEST_PASSWORD)
  const addUser = async (local: string, role: Role) => {
    const email = `${local}@${slug}.test`
    return {
      id: await userRepository.insert(db, workspace.id, { email, name: local, role, passwordHash }),
      email,
    }
  }
  const keys = { ingest: '', read: '', admin: '' }
  for (const scope of ['ingest', 'read', 'admin'] as const) {
    keys[scope] = await issueApiKey(db, workspace.id, { name: scope, scope })
  }
  return {
    id: workspace.id,
    slug,
    keys,
    users: {
      admin: { id: adminId, email: `admin@${slug}.test` },
      marketing: await addUser('marketing', 'marketing'),
      sales: await addUser('sales', 'sales'),
      sales2: await addUser('sales2', 'sales'),
      manager: await addUser('manager', 'sales_manager'),
    },
  }
}
