// Safer actions in a real browser, on a phone and a laptop: rejecting from the inbox asks for the reason
// and a note before anything is sent, and the toast's "Rückgängig" brings the lead back into the inbox.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { handOffFreshLeads, startE2e, type E2e } from './harness.ts'

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
]

async function assertNoHorizontalScroll(page: Page) {
  // Runs in the page; this file is type-checked without the DOM's types.
  type Document = { documentElement: { scrollWidth: number } }
  const width = await page.evaluate(
    () => (globalThis as unknown as { document: Document }).document.documentElement.scrollWidth,
  )
  assert.ok(width <= page.viewportSize()!.width, `the page is ${width} px wide`)
}

describe('safer actions end to end', () => {
  let e2e: E2e
  before(async () => {
    e2e = await startE2e()
  })
  after(async () => e2e?.close())

  const leadOf = async (id: string) => (await e2e.api('GET', `/api/v1/leads/${id}`, e2e.keys.read)).body

  for (const viewport of VIEWPORTS) {
    test(`reject asks for a reason and a note, and undo brings the lead back (${viewport.width}×${viewport.height})`, async () => {
      const leads = await handOffFreshLeads(e2e)
      const lead = leads[0]!
      const owner = (await leadOf(lead.id)).owner
      assert.ok(owner, 'the demo routing hands the lead to a rep')
      const page = await e2e.signIn(owner.email, { viewport })
      await page.goto(`${e2e.baseUrl}/inbox`)
      const row = page.locator(`[data-lead-email="${lead.email}"]`)
      await row.waitFor()

      await row.getByRole('button', { name: 'Ablehnen' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor()
      assert.match(await dialog.getByRole('heading').innerText(), /ablehnen$/)
      await assertNoHorizontalScroll(page)
      // Confirming without a reason sends nothing and says what is missing.
      await dialog.getByRole('button', { name: 'Ablehnen' }).click()
      await dialog.getByRole('alert').filter({ hasText: 'Bitte einen Grund wählen.' }).waitFor()
      assert.equal((await leadOf(lead.id)).stage, 'mql')
      // Escape cancels: nothing happened.
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      assert.equal((await leadOf(lead.id)).stage, 'mql')

      await row.getByRole('button', { name: 'Ablehnen' }).click()
      await dialog.getByRole('radio', { name: 'Kein Budget' }).check()
      await dialog.getByLabel('Notiz (optional)').fill('Budget erst im nächsten Geschäftsjahr')
      await dialog.getByRole('button', { name: 'Ablehnen' }).click()
      await row.waitFor({ state: 'detached' })
      const rejected = await leadOf(lead.id)
      assert.equal(rejected.stage, 'recycled')
      const decision = await e2e.db
        .selectFrom('decisions')
        .select(['reason', 'note'])
        .where('lead_id', '=', lead.id)
        .where('kind', '=', 'reject')
        .executeTakeFirstOrThrow()
      assert.deepEqual(decision, { reason: 'no_budget', note: 'Budget erst im nächsten Geschäftsjahr' })

      const toast = page.getByTestId('inbox-toast')
      await toast.getByText(/abgelehnt/).waitFor()
      await assertNoHorizontalScroll(page)
      await toast.getByRole('button', { name: 'Rückgängig' }).click()
      await toast.getByText(/^Rückgängig gemacht: .* ist wieder MQL\.$/).waitFor()
      await row.waitFor()
      const restored = await leadOf(lead.id)
      assert.equal(restored.stage, 'mql')
      assert.equal(restored.owner.id, owner.id)
      await page.context().close()
    })
  }

  test('on the lead page: the ways out ask in a dialog, accept can be undone, a rep’s assign is disabled with why', async () => {
    const leads = await handOffFreshLeads(e2e)
    const lead = leads[0]!
    const owner = (await leadOf(lead.id)).owner
    const page = await e2e.signIn(owner.email, { viewport: VIEWPORTS[0] })
    await page.goto(`${e2e.baseUrl}/leads/${lead.id}`)
    const actions = page.getByRole('region', { name: 'Aktionen' })
    const assign = actions.getByRole('button', { name: /^Neu zuweisen/ })
    await assign.waitFor()
    assert.ok(await assign.isDisabled())
    assert.match(
      await page.locator(`#${await assign.getAttribute('aria-describedby')}`).innerText(),
      /Nur die Vertriebsleitung/,
    )

    await actions.getByRole('button', { name: /^Ablehnen/ }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('combobox', { name: /Ablehnungsgrund/ }).waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    assert.equal((await leadOf(lead.id)).stage, 'mql')

    await actions.getByRole('button', { name: 'Annehmen' }).click()
    await page.getByRole('status').filter({ hasText: 'Vom Vertrieb akzeptiert (SAL)' }).waitFor()
    assert.equal((await leadOf(lead.id)).stage, 'sal')
    await page.getByRole('button', { name: 'Rückgängig' }).click()
    await page.getByRole('status').filter({ hasText: 'wieder MQL' }).waitFor()
    const restored = await leadOf(lead.id)
    assert.equal(restored.stage, 'mql')
    assert.equal(restored.owner.id, owner.id)
    await assertNoHorizontalScroll(page)
    await page.context().close()
  })

  test('from the keyboard: r opens the dialog, Enter needs a reason, a digit picks one, Enter rejects', async () => {
    const leads = await handOffFreshLeads(e2e)
    const owner = (await leadOf(leads[0]!.id)).owner
    const page = await e2e.signIn(owner.email, { viewport: VIEWPORTS[1] })
    await page.goto(`${e2e.baseUrl}/inbox`)
    const rows = page.locator('[data-testid="inbox-list"] > li')
    await rows.first().waitFor()
    const email = (await rows.nth(0).getAttribute('data-lead-email'))!
    await page.keyboard.press('r')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    // Focus starts inside the dialog and Tab keeps it there.
    for (let step = 0; step < 6; step++) await page.keyboard.press('Tab')
    assert.equal(await dialog.locator(':focus').count(), 1, 'focus is inside the dialog')
    await dialog.getByRole('radio').first().focus()
    await page.keyboard.press('Enter')
    await dialog.getByText('Bitte einen Grund wählen.').waitFor()
    await page.keyboard.press('1')
    assert.ok(await dialog.getByRole('radio').first().isChecked())
    await page.keyboard.press('Enter')
    await page.locator(`[data-lead-email="${email}"]`).waitFor({ state: 'detached' })
    const found = await e2e.api('GET', `/api/v1/leads?q=${encodeURIComponent(email)}`, e2e.keys.read)
    assert.equal(found.body.items[0].stage, 'recycled')
    await page.context().close()
  })
})
