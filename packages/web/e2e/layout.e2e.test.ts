// Every main screen, for every demo role, on phones (390×844, 360×740), a tablet (768×1024) and laptops
// (1366×768, 1440×900):
// the page never scrolls sideways, no visible element reaches past the window's right edge, and the
// screen's main action is on screen. One server and one browser for the whole file; one signed-in
// context per role, resized from viewport to viewport.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'
import { DEMO, handOffFreshLeads, startE2e, type E2e } from './harness.ts'
import { findOverflow } from './fits.ts'

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const
type Viewport = (typeof VIEWPORTS)[number]
// Below 1100 px (phones, tablets) the navigation folds behind the menu button (app.css).
const foldsMenu = (viewport: Viewport) => viewport.width < 1100

type Role = 'marketing' | 'rep' | 'manager' | 'admin'

/** Problems found on one screen; a test collects them all, so one run names every misfit at once. */
type Problems = string[]

async function checkFits(page: Page, where: string, problems: Problems) {
  for (const problem of await page.evaluate(findOverflow)) problems.push(`${where}: ${problem}`)
}

/** Visible, and wholly inside the window sideways (a long page may put it below the fold). */
async function checkOnScreen(page: Page, locator: Locator, where: string, what: string, problems: Problems) {
  await locator.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined)
  const box = (await locator.isVisible()) ? await locator.boundingBox() : null
  if (!box) return void problems.push(`${where}: ${what} is not visible`)
  const width = page.viewportSize()!.width
  if (box.x < -0.5 || box.x + box.width > width + 0.5) {
    problems.push(
      `${where}: ${what} spans ${Math.round(box.x)}–${Math.round(box.x + box.width)} px in a ${width} px window`,
    )
  }
}

/** The navigation: in the top bar on laptops, behind the menu button on phones and tablets; every item on screen. */
async function checkNavigation(
  page: Page,
  role: Role,
  viewport: Viewport,
  where: string,
  problems: Problems,
) {
  const items = [
    'Start',
    'Pipeline',
    'Berichte',
    'Vereinbarung',
    ...(role === 'marketing' ? [] : ['Meine Arbeit', 'Eingang']),
  ]
  if (role === 'admin') items.push('Einstellungen')
  const menu = page.getByRole('button', { name: 'Menü' })
  if (foldsMenu(viewport)) {
    await checkOnScreen(page, menu, where, 'the menu button', problems)
    if (!(await menu.isVisible())) return
    await menu.click()
  }
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
  for (const item of items) {
    const link = nav.getByRole('link', { name: item, exact: true })
    await checkOnScreen(page, link, where, `the nav item ${item}`, problems)
  }
  await checkOnScreen(page, page.getByRole('button', { name: 'Abmelden' }), where, 'sign out', problems)
  await checkFits(page, `${where} (menu open)`, problems)
  if (foldsMenu(viewport)) await menu.click()
}

type Screen = {
  name: string
  path: string
  roles: readonly Role[]
  /** waits for the screen and returns its main action */
  ready: (page: Page, role: Role) => Promise<Locator>
}

describe('layout on phones and laptops', () => {
  let e2e: E2e
  const contexts = new Map<Role, Page>()
  /** the ids the screens' paths name: a lead per stage, the demo's proposal */
  const idOf: Record<string, string> = {}

  before(async () => {
    e2e = await startE2e()
    // Two fresh demo requests in the north: round-robin gives one to the demo rep, so the inbox has cards.
    const session = await handOffFreshLeads(e2e, {
      properties: { utm_medium: 'cpc', utm_campaign: 'fruehjahr-messe-hannover-2027' },
      person: (index, stamp) => ({
        firstName: 'Maximiliane',
        lastName: 'Schwarzenberger-Oberhausen',
        title: 'Leiterin Produktionsplanung und Fertigungssteuerung',
        company: `Hanseatische Werkzeugmaschinenfabrik ${index} GmbH & Co. KG`,
        domain: `hanseatische-werkzeugmaschinen-${stamp}.de`,
      }),
    })
    const owners = await Promise.all(
      session.map(async (lead) => (await e2e.api('GET', `/api/v1/leads/${lead.id}`, e2e.keys.read)).body),
    )
    const mine = owners.find((lead) => lead.owner?.email === DEMO.rep)
    assert.ok(mine, 'the demo routing hands one of the fresh leads to the demo rep')
    idOf.mql = mine.id
    const repId = mine.owner.id as string
    for (const stage of ['customer', 'opportunity', 'disqualified', 'sal'] as const) {
      const found = await e2e.api('GET', `/api/v1/leads?stage=${stage}&owner=${repId}&limit=1`, e2e.keys.read)
      const any = await e2e.api('GET', `/api/v1/leads?stage=${stage}&limit=1`, e2e.keys.read)
      const lead = found.body.items[0] ?? any.body.items[0]
      if (lead) idOf[stage] = lead.id
    }
    // The demo's proposal that waits for sales: its page, with the manager's approval as the main action.
    const versions = (await e2e.api('GET', '/api/v1/agreement/versions', e2e.keys.read)).body
    const proposal = versions.find((version: { status: string }) => version.status === 'proposed')
    assert.ok(proposal, 'the demo has a proposed agreement version')
    idOf.proposal = String(proposal.version)
  })
  after(async () => e2e?.close())

  const page = async (role: Role) => {
    let signedIn = contexts.get(role)
    if (!signedIn) {
      signedIn = await e2e.signIn(DEMO[role], { viewport: VIEWPORTS[0] })
      contexts.set(role, signedIn)
    }
    return signedIn
  }

  const screens: Screen[] = [
    {
      name: 'home',
      path: '/home',
      roles: ['marketing', 'rep', 'manager', 'admin'],
      ready: async (page, role) => {
        // The last chart of the role's home has drawn: the page has its full height and width. An admin's
        // home runs the most reports of any screen (both sections), on PGlite's one connection.
        const last =
          role === 'rep' ? 'funnel-chart' : role === 'marketing' ? 'sources-chart' : 'pipeline-chart'
        await page
          .getByTestId(last)
          .last()
          .locator('svg.recharts-surface')
          .first()
          .waitFor({ timeout: 60_000 })
        return page.getByRole('heading', { name: 'Start', level: 1 })
      },
    },
    {
      name: 'inbox',
      path: '/inbox',
      roles: ['rep', 'manager', 'admin'],
      ready: async (page, role) => {
        await page.getByRole('heading', { name: 'Eingang', level: 1 }).waitFor()
        if (role !== 'rep') return page.getByRole('heading', { name: 'Eingang', level: 1 })
        const card = page.getByTestId('inbox-list').locator('li').first()
        return card.getByRole('button', { name: 'Annehmen' })
      },
    },
    {
      name: 'my work',
      path: '/work',
      roles: ['rep', 'manager', 'admin'],
      ready: async (page) => {
        await page.getByRole('heading', { name: 'Meine Arbeit', level: 1 }).waitFor()
        await page.getByRole('heading', { name: /Meine Aufgaben/ }).waitFor()
        return page.getByRole('heading', { name: 'Meine Arbeit', level: 1 })
      },
    },
    {
      name: 'pipeline',
      path: '/board',
      roles: ['marketing', 'rep', 'manager', 'admin'],
      ready: async (page) => {
        const first = page.getByTestId('board-table').locator('tbody tr').first()
        await first.waitFor()
        return first.locator('a.lead-name')
      },
    },
    ...(['mql', 'sal', 'opportunity', 'customer', 'disqualified'] as const).map((stage) => ({
      name: `lead page (${stage})`,
      path: `/leads/{${stage}}`,
      roles:
        stage === 'mql'
          ? (['rep', 'marketing', 'admin'] as const)
          : (['marketing', 'manager', 'admin'] as const),
      ready: async (page: Page, role: Role) => {
        await page.locator('#lead-title').waitFor()
        await page.getByRole('heading', { name: /Touchpoints/ }).waitFor()
        if (stage === 'mql' && role === 'rep') {
          return page.getByRole('region', { name: 'Aktionen' }).getByRole('button', { name: 'Annehmen' })
        }
        return page.locator('#lead-title')
      },
    })),
    {
      name: 'agreement',
      path: '/agreement',
      roles: ['marketing', 'rep', 'manager', 'admin'],
      ready: async (page, role) => {
        await page.getByTestId('agreement-meta').getByText('Version').waitFor()
        await page.locator('.agreement-view').waitFor()
        if (role === 'marketing' || role === 'admin') {
          return page.getByRole('button', { name: 'Neuer Entwurf' })
        }
        return page.locator('#agreement-title')
      },
    },
    {
      name: 'agreement version',
      path: '/agreement/versions/{proposal}',
      roles: ['marketing', 'rep', 'manager', 'admin'],
      ready: async (page, role) => {
        await page.getByTestId('version-approvals').waitFor()
        await page.locator('#version-history-title').waitFor()
        if (role === 'manager') {
          return page.locator('.version-actions').getByRole('button', { name: 'Freigeben', exact: true })
        }
        return page.locator('#version-title')
      },
    },
    {
      name: 'reports',
      path: '/reports',
      roles: ['marketing', 'rep', 'manager', 'admin'],
      ready: async (page) => page.getByTestId('report-list').getByRole('link', { name: 'Funnel' }),
    },
    // A report lays out alike for every role: each is checked once, half of them for each role that reads them most.
    ...(
      [
        ['funnel', 'marketing'],
        ['calibration', 'marketing'],
        ['sources', 'marketing'],
        ['velocity', 'manager'],
        ['sla', 'manager'],
        ['reasons', 'manager'],
      ] as const
    ).map(([report, role]) => ({
      name: `report (${report})`,
      path: `/reports/${report}${report === 'funnel' ? '?by=source' : ''}`,
      roles: [role] as const,
      ready: async (page: Page) => {
        // The charts have drawn and the tables are filled: the page has its full width.
        await page.getByTestId('report-chart').last().locator('svg.recharts-surface').first().waitFor()
        await page.locator('.report-table tbody tr').first().waitFor()
        return page.getByTestId('report-csv')
      },
    })),
    ...(['users', 'api-keys', 'webhooks', 'content', 'audit', 'jobs'] as const).map((part) => ({
      name: `settings (${part})`,
      path: `/settings/${part}`,
      roles: ['admin'] as const,
      ready: async (page: Page) => {
        await page.locator('.settings-body h2').first().waitFor()
        await page
          .locator('.settings-body table, .settings-body .empty, .settings-body .card')
          .first()
          .waitFor()
        const action = page.locator('.settings-body .screen-head button').first()
        return (await action.count()) > 0 ? action : page.locator('.settings-body h2').first()
      },
    })),
  ]

  for (const role of ['marketing', 'rep', 'manager', 'admin'] as const) {
    test(`every screen fits the window for ${role}`, async () => {
      const problems: Problems = []
      const signedIn = await page(role)
      for (const screen of screens.filter((entry) => entry.roles.includes(role))) {
        const path = screen.path.replace(/\{(\w+)\}/, (_, stage: string) => idOf[stage] ?? '')
        if (path.endsWith('/')) continue
        await signedIn.setViewportSize(VIEWPORTS[0])
        await signedIn.goto(`${e2e.baseUrl}${path}`)
        for (const viewport of VIEWPORTS) {
          const where = `${screen.name} for ${role} at ${viewport.width}×${viewport.height}`
          await signedIn.setViewportSize(viewport)
          const action = await screen.ready(signedIn, role)
          await checkFits(signedIn, where, problems)
          await checkOnScreen(signedIn, action, where, 'the main action', problems)
          if (screen.name === 'pipeline') {
            await checkNavigation(signedIn, role, viewport, where, problems)
            // German stage labels ("Verkaufschance") fit their column on a laptop, uncut.
            const cut = await signedIn
              .locator('.board-stage-badge')
              .evaluateAll((badges) =>
                (badges as unknown as { scrollWidth: number; clientWidth: number; textContent: string }[])
                  .filter((badge) => badge.scrollWidth > badge.clientWidth)
                  .map((badge) => badge.textContent),
              )
            if (cut.length > 0) problems.push(`${where}: stage labels cut: ${cut.join(', ')}`)
          }
        }
      }
      assert.deepEqual(problems, [])
    })
  }

  test('the notifications panel fits on a phone and a laptop', async () => {
    const problems: Problems = []
    const signedIn = await page('rep')
    await signedIn.goto(`${e2e.baseUrl}/board`)
    for (const viewport of VIEWPORTS) {
      const where = `notifications at ${viewport.width}×${viewport.height}`
      await signedIn.setViewportSize(viewport)
      const bell = signedIn.getByRole('button', { name: /Benachrichtigungen/ })
      await checkOnScreen(signedIn, bell, where, 'the notifications button', problems)
      await bell.click()
      const panel = signedIn.getByRole('region', { name: 'Benachrichtigungen' })
      await checkOnScreen(signedIn, panel, where, 'the notifications panel', problems)
      await checkFits(signedIn, where, problems)
      await bell.click()
    }
    assert.deepEqual(problems, [])
  })

  test('sign-in and first-run fit the window', async () => {
    const problems: Problems = []
    const context = await e2e.browser.newContext({ locale: 'de', viewport: VIEWPORTS[0] })
    const signInPage = await context.newPage()
    await signInPage.goto(`${e2e.baseUrl}/`)
    for (const viewport of VIEWPORTS) {
      const where = `sign-in at ${viewport.width}×${viewport.height}`
      await signInPage.setViewportSize(viewport)
      const submit = signInPage.locator('button[type="submit"]')
      await checkOnScreen(signInPage, submit, where, 'the sign-in button', problems)
      await checkFits(signInPage, where, problems)
    }
    // An installation without a workspace shows the first-run page; the answer is faked, the server kept.
    const firstRun = await context.newPage()
    await firstRun.route('**/api/v1/setup', (route) => route.fulfill({ json: { workspaces: false } }))
    await firstRun.goto(`${e2e.baseUrl}/`)
    await firstRun.getByRole('heading', { name: 'Willkommen bei Takt' }).waitFor()
    for (const viewport of VIEWPORTS) {
      const where = `first run at ${viewport.width}×${viewport.height}`
      await firstRun.setViewportSize(viewport)
      const again = firstRun.getByRole('button', { name: 'Erneut prüfen' })
      await checkOnScreen(firstRun, again, where, 'check again', problems)
      await checkFits(firstRun, where, problems)
    }
    await context.close()
    assert.deepEqual(problems, [])
  })
})
