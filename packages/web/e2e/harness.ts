// End-to-end harness: Takt on an in-memory PGlite with the seeded demo workspace, served with the built
// web app over real HTTP, and Debian's Chromium driven by playwright-core.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../server/src/db/tables.ts'
import { ensureWebBuild } from '../../../scripts/build-web.ts'
import { createTestDatabase } from '../../server/src/testing/test-database.ts'
import { seedDemoWorkspace, DEMO_PASSWORD } from '../../server/src/demo/seed-demo-workspace.ts'
import { buildApp } from '../../server/src/http/app.ts'
import { listenOnFreePort } from '../../server/src/testing/listen.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export type E2e = {
  baseUrl: string
  /** the demo workspace's keys, for setting up data through the API */
  keys: { ingest: string; read: string }
  browser: Browser
  app: FastifyInstance
  /** the server's database, for tests that work beside the app (a job queue) */
  db: Kysely<Database>
  /** a fresh page signed in as `email` of the demo workspace, in `language`, at 1366×768 unless told */
  signIn: (
    email: string,
    options?: { language?: 'de' | 'en'; viewport?: { width: number; height: number } },
  ) => Promise<Page>
  /** an API call with a key, for setting up and checking data; bodies are read loosely */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  api: (method: string, path: string, key: string, body?: unknown) => Promise<{ status: number; body: any }>
  close: () => Promise<void>
}

/** The demo users the tests sign in as (see core/demo/users.ts). */
export const DEMO = {
  workspace: 'demo',
  password: DEMO_PASSWORD,
  marketing: 'lena.hoffmann@demo.takt.dev',
  rep: 'jonas.becker@demo.takt.dev',
  otherRep: 'lukas.maier@demo.takt.dev',
  manager: 'martina.wolf@demo.takt.dev',
  admin: 'admin@demo.takt.dev',
}

export async function startE2e(options: { leads?: number } = {}): Promise<E2e> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`)
  await ensureWebBuild({ quiet: true })
  // The test run's migrated template when there is one (scripts/run-tests.ts), else migrated here.
  const database = await createTestDatabase('pglite')
  const now = new Date()
  const demo = await seedDemoWorkspace(database.db, { leads: options.leads ?? 400, now })
  const app = await buildApp({
    db: database.db,
    clock: () => new Date(),
    secureCookies: false,
    logLevel: 'silent',
  })
  const baseUrl = await listenOnFreePort(app)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })

  const signIn: E2e['signIn'] = async (
    email,
    { language = 'de', viewport = { width: 1366, height: 768 } } = {},
  ) => {
    const context = await browser.newContext({ viewport, locale: language })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/`)
    await page.getByRole('button', { name: language.toUpperCase(), exact: true }).click()
    await page.locator('input[name="workspace"]').fill(DEMO.workspace)
    await page.locator('input[name="email"]').fill(email)
    await page.locator('input[name="password"]').fill(DEMO.password)
    await page.locator('button[type="submit"]').click()
    // Attached, not visible: on a phone the name sits in the closed menu.
    await page.getByTestId('signed-in-as').waitFor({ state: 'attached' })
    return page
  }

  const api: E2e['api'] = async (method, path, key, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  }

  return {
    baseUrl,
    api,
    keys: { ingest: demo.ingestKey, read: demo.readKey },
    browser,
    app,
    db: database.db,
    signIn,
    close: async () => {
      await browser.close()
      await app.close()
      await database.close()
    },
  }
}

/** Who the fresh leads are: long German names and titles put layouts to the test. */
export type FreshPerson = {
  firstName: string
  lastName: string
  title: string
  company: string
  domain: string
}

/**
 * Four fresh demo requests in the north territory: round-robin gives each northern rep two. Returns
 * the leads as the list shows them.
 */
export async function handOffFreshLeads(
  e2e: E2e,
  options: {
    person?: (index: number, stamp: number) => FreshPerson
    properties?: Record<string, string>
  } = {},
) {
  const stamp = Date.now()
  const person =
    options.person ??
    ((index: number) => ({
      firstName: ['Nina', 'Ole', 'Pia', 'Rolf'][index]!,
      lastName: 'Testfall',
      title: 'Produktionsleiter',
      company: `Nordwerk ${index} GmbH`,
      domain: `nordwerk-${stamp}.de`,
    }))
  const events = Array.from({ length: 4 }, (_, index) => {
    const who = person(index, stamp)
    return {
      id: `e2e-${stamp}-${index}`,
      type: 'demo_request',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      source: 'website',
      contentId: 'demo',
      ...(options.properties ? { properties: options.properties } : {}),
      lead: {
        email: `e2e${index}@${who.domain}`,
        firstName: who.firstName,
        lastName: who.lastName,
        title: who.title,
        company: {
          name: who.company,
          domain: who.domain,
          industry: 'maschinenbau',
          employees: 450,
          country: 'DE',
          postcode: '20095',
        },
      },
    }
  })
  const ingested = await e2e.api('POST', '/api/v1/events', e2e.keys.ingest, { events })
  assert.equal(ingested.status, 200, JSON.stringify(ingested.body))
  return Promise.all(
    events.map(async (event) => {
      const found = await e2e.api('GET', `/api/v1/leads?q=${event.lead.email}`, e2e.keys.read)
      return found.body.items[0] as { id: string; email: string; ownerId: string | null; stage: string }
    }),
  )
}
