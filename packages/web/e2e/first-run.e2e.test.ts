// A fresh production install in a real browser: with no workspace, the sign-in page gives way to the
// first-run page (German and English) that explains `takt init`; once the operator has run it, "check
// again" brings back the sign-in form and the new admin signs in.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { ensureWebBuild } from '../../../scripts/build-web.ts'
import { buildApp } from '../../server/src/http/app.ts'
import { listenOnFreePort } from '../../server/src/testing/listen.ts'
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.ts'
import { initWorkspace } from '../../server/src/services/init-workspace.ts'
import { CHROMIUM, CHROMIUM_ARGS } from './harness.ts'

const PASSWORD = 'correct horse battery staple'

describe('first run end to end', () => {
  let database: TestDatabase
  let app: FastifyInstance
  let browser: Browser
  let page: Page
  before(async () => {
    await ensureWebBuild({ quiet: true })
    database = await createTestDatabase('pglite')
    app = await buildApp({
      db: database.db,
      clock: () => new Date(),
      secureCookies: false,
      logLevel: 'silent',
    })
    const baseUrl = await listenOnFreePort(app)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await (await browser.newContext({ locale: 'de' })).newPage()
    await page.goto(`${baseUrl}/`)
  })
  after(async () => {
    await browser?.close()
    await app?.close()
    await database?.close()
  })

  test('an installation without a workspace explains how to create one, in German and English', async () => {
    await page.getByRole('heading', { name: 'Willkommen bei Takt' }).waitFor()
    assert.equal(
      await page.locator('input[name="password"]').count(),
      0,
      'no sign-in form that can only fail',
    )
    assert.match((await page.locator('pre').first().textContent()) ?? '', /^takt init --workspace acme/)
    await page.getByRole('button', { name: 'EN', exact: true }).click()
    await page.getByRole('heading', { name: 'Welcome to Takt' }).waitFor()
    await page.getByRole('heading', { name: 'Or with environment variables at the next start' }).waitFor()
  })

  test('after `takt init`, checking again shows the sign-in form, and the new admin signs in', async () => {
    const created = await initWorkspace(
      database.db,
      {
        slug: 'acme',
        name: 'Acme GmbH',
        timezone: 'Europe/Berlin',
        admin: { email: 'ops@acme.example', name: 'Olga Ops', password: PASSWORD },
      },
      new Date(),
    )
    assert.ok(created.ok)
    await page.getByRole('button', { name: 'Check again' }).click()
    await page.locator('input[name="workspace"]').fill('acme')
    await page.locator('input[name="email"]').fill('ops@acme.example')
    await page.locator('input[name="password"]').fill(PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.getByTestId('signed-in-as').waitFor()
  })
})
