// The bell in a real browser, on a phone (390×844) and a laptop (1440×900): it shows how many
// notifications are unread, its panel fits the window, opening one marks it read, "mark all read"
// clears the badge, and each person chooses which kinds notify them. The demo seeds the notifications.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO, handOffFreshLeads, startE2e, type E2e } from './harness.ts'

const VIEWPORTS = [
  { width: 390, height: 844, who: DEMO.rep },
  { width: 1440, height: 900, who: DEMO.manager },
] as const

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
function sidewaysScroll(page: Page): Promise<number> {
  // A string: the e2e files are type-checked without the DOM library.
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>
}

async function unreadByApi(page: Page, baseUrl: string): Promise<number> {
  const response = await page.request.get(`${baseUrl}/api/v1/notifications?limit=1`)
  assert.equal(response.status(), 200)
  return ((await response.json()) as { unread: number }).unread
}

describe('notifications end to end', () => {
  let e2e: E2e
  const pages: Page[] = []

  before(async () => {
    e2e = await startE2e({ leads: 120 })
  })
  after(async () => {
    for (const page of pages) await page.context().close()
    await e2e?.close()
  })

  for (const viewport of VIEWPORTS) {
    const size = { width: viewport.width, height: viewport.height }
    test(`at ${viewport.width}×${viewport.height} the bell counts, the panel fits, opening and "mark all read" clear the badge`, async () => {
      const page = await e2e.signIn(viewport.who, { language: 'de', viewport: size })
      pages.push(page)
      await page.goto(`${e2e.baseUrl}/board`)
      const unread = await unreadByApi(page, e2e.baseUrl)
      assert.ok(unread >= 1, 'the demo seeds unread notifications')

      const bell = page.getByRole('button', { name: /^Benachrichtigungen/ })
      // The count arrives with the first answer; the label says it to screen readers.
      await page
        .getByRole('button', { name: `Benachrichtigungen, ${unread} ungelesen`, exact: true })
        .waitFor()
      assert.equal(await page.getByTestId('notifications-unread').textContent(), String(unread))
      const bellBox = (await bell.boundingBox())!
      assert.ok(bellBox.x >= 0 && bellBox.x + bellBox.width <= viewport.width, 'the bell is on screen')

      await bell.click()
      const panel = page.getByRole('region', { name: 'Benachrichtigungen' })
      await panel.waitFor()
      const box = (await panel.boundingBox())!
      assert.ok(box.x >= 0, `panel starts at ${box.x}`)
      assert.ok(box.x + box.width <= viewport.width, `panel ends at ${box.x + box.width}`)
      assert.ok(box.y + box.height <= viewport.height, `panel ends at y ${box.y + box.height}`)
      assert.equal(await sidewaysScroll(page), 0)

      // Each notification is a sentence with the lead's name as the link to its page.
      const first = panel.locator('li.unread').first()
      const link = first.getByRole('link')
      assert.match((await link.getAttribute('href')) ?? '', /^\/leads\/[0-9a-f-]{36}$/)
      assert.ok(((await first.locator('.notification-text').textContent()) ?? '').length > 20)

      // Opening one marks it read.
      await link.click()
      await page.waitForURL(/\/leads\//)
      await page.getByRole('button', { name: /^Benachrichtigungen/ }).waitFor()
      await waitFor(async () => (await unreadByApi(page, e2e.baseUrl)) === unread - 1)
      const expected = unread - 1 === 0 ? 'Benachrichtigungen' : `Benachrichtigungen, ${unread - 1} ungelesen`
      await page.getByRole('button', { name: expected, exact: true }).waitFor()

      if (unread - 1 > 0) {
        await bell.click()
        await panel.getByRole('button', { name: 'Alle als gelesen markieren' }).click()
        await page.getByRole('button', { name: 'Benachrichtigungen', exact: true }).waitFor()
        assert.equal(await page.getByTestId('notifications-unread').count(), 0, 'no badge')
        assert.equal(await unreadByApi(page, e2e.baseUrl), 0)
        assert.equal(await panel.getByRole('button', { name: 'Alle als gelesen markieren' }).count(), 0)
        await page.keyboard.press('Escape')
        await panel.waitFor({ state: 'detached' })
      }
    })
  }

  test('a rep switches hand-raiser alerts off from the bell, and the choice is kept', async () => {
    const page = await e2e.signIn(DEMO.otherRep, { language: 'de', viewport: { width: 390, height: 844 } })
    pages.push(page)
    await page.getByRole('button', { name: /^Benachrichtigungen/ }).click()
    const panel = page.getByRole('region', { name: 'Benachrichtigungen' })
    await panel.getByRole('button', { name: 'Einstellungen' }).click()
    const handRaisers = panel.getByRole('checkbox', { name: /^Hand-Raiser/ })
    assert.equal(await handRaisers.isChecked(), true)
    await handRaisers.uncheck()
    await panel.getByText('Gespeichert.').waitFor()
    const response = await page.request.get(`${e2e.baseUrl}/api/v1/me/notification-settings`)
    assert.equal(((await response.json()) as { enabled: Record<string, boolean> }).enabled.hand_raiser, false)
    const box = (await panel.boundingBox())!
    assert.ok(box.x >= 0 && box.x + box.width <= 390, 'the settings fit the phone')
    assert.equal(await sidewaysScroll(page), 0)
  })

  test('the inbox in the navigation counts the MQLs waiting for the rep', async () => {
    await handOffFreshLeads(e2e)
    const page = await e2e.signIn(DEMO.rep, { language: 'de', viewport: { width: 1440, height: 900 } })
    pages.push(page)
    const response = await page.request.get(`${e2e.baseUrl}/api/v1/inbox`)
    const waiting = ((await response.json()) as { items: unknown[] }).items.length
    const inbox = page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', {
      name: 'Eingang',
      exact: true,
    })
    await inbox.waitFor()
    assert.ok(waiting > 0, 'fresh MQLs were handed to the rep')
    await page.getByTestId('inbox-count').waitFor()
    assert.equal(await page.getByTestId('inbox-count').textContent(), String(waiting))
    assert.match((await inbox.getAttribute('aria-describedby')) ?? '', /inbox-count/)
  })
})

describe('handing a held-back lead to sales end to end', () => {
  let e2e: E2e
  const pages: Page[] = []
  before(async () => {
    e2e = await startE2e({ leads: 120 })
  })
  after(async () => {
    for (const page of pages) await page.context().close()
    await e2e?.close()
  })

  test('a sales manager hands a recycled lead to sales with a reason; a rep is not offered it', async () => {
    // One the demo rep sent back (My work lists it): a rep still reads it, and is not offered the hand-over.
    const rep = await e2e.signIn(DEMO.rep, { language: 'de' })
    pages.push(rep)
    const work = (await (await rep.request.get(`${e2e.baseUrl}/api/v1/my-work`)).json()) as {
      sections: { recycled: Array<{ id: string; stage: string }> }
    }
    const id = work.sections.recycled.find((lead) => lead.stage === 'recycled')?.id
    assert.ok(id, 'a lead the demo rep recycled')
    await rep.goto(`${e2e.baseUrl}/leads/${id}`)
    await rep.locator('.lead-header #lead-title').waitFor()
    assert.equal(await rep.getByRole('button', { name: 'An den Vertrieb übergeben …' }).count(), 0)

    const manager = await e2e.signIn(DEMO.manager, { language: 'de', viewport: { width: 390, height: 844 } })
    pages.push(manager)
    await manager.goto(`${e2e.baseUrl}/leads/${id}`)
    await manager.getByRole('button', { name: 'An den Vertrieb übergeben …' }).click()
    await manager.getByRole('button', { name: 'An den Vertrieb übergeben', exact: true }).click()
    await manager.getByText('Bitte nennen Sie einen Grund.').waitFor()
    await manager.getByLabel('Grund').fill('Demo angefragt während der Abkühlphase')
    await manager.getByRole('button', { name: 'An den Vertrieb übergeben', exact: true }).click()
    await waitFor(
      async () => (await e2e.api('GET', `/api/v1/leads/${id}`, e2e.keys.read)).body.stage === 'mql',
    )
    const detail = (await e2e.api('GET', `/api/v1/leads/${id}`, e2e.keys.read)).body
    const last = detail.history.at(-1)
    assert.deepEqual(
      [last.from, last.to, last.reason],
      ['recycled', 'mql', 'Demo angefragt während der Abkühlphase'],
    )
    assert.equal(last.actor.user.email, DEMO.manager)
    assert.equal(await sidewaysScroll(manager), 0)
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
