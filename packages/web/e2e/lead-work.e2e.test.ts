// A rep's day in a real browser, on a laptop and on a phone: accept a lead, log a call with a follow-up
// task, see the call in the lead's timeline and the task in My work, and tick it off there. An admin
// exports and erases a person from the lead page.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO, handOffFreshLeads, startE2e, type E2e } from './harness.ts'
import { assertFits } from './fits.ts'

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

describe('activities, tasks and My work in the browser', () => {
  let e2e: E2e
  let mine: Array<{ id: string; email: string }>

  before(async () => {
    e2e = await startE2e({ leads: 60 })
    const leads = await handOffFreshLeads(e2e)
    const owners = await Promise.all(
      leads.map(async (lead) => (await e2e.api('GET', `/api/v1/leads/${lead.id}`, e2e.keys.read)).body),
    )
    mine = owners.filter((lead) => lead.owner?.email === DEMO.rep)
    assert.equal(mine.length, 2, 'round-robin hands two of the four fresh leads to the demo rep')
  })
  after(async () => e2e?.close())

  for (const [index, viewport] of VIEWPORTS.entries()) {
    test(`a rep logs a call with a follow-up, sees both, and completes the task (${viewport.width} px)`, async () => {
      const lead = mine[index]!
      const page = await e2e.signIn(DEMO.rep, { viewport })
      await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor()
      assert.match(page.url(), /\/home$/, 'a rep starts the day on the home page')
      await page.goto(`${e2e.baseUrl}/leads/${lead.id}`)
      await page.getByRole('region', { name: 'Aktionen' }).getByRole('button', { name: 'Annehmen' }).click()
      await page.locator('.lead-header .stage-badge', { hasText: 'SAL' }).waitFor()

      const panel = page.getByRole('region', { name: 'Aktivität erfassen' })
      await panel.getByRole('radio', { name: 'Anruf' }).check()
      await panel.getByLabel('Ergebnis').selectOption('reached')
      const note = `Interesse an Feinplanung, Rückruf vereinbart (${viewport.width})`
      await panel.getByLabel('Inhalt').fill(note)
      await panel.getByLabel('Folgeaufgabe anlegen').check()
      const title = `Angebot senden ${viewport.width}`
      await panel.getByLabel('Folgeaufgabe', { exact: true }).fill(title)
      await panel.getByRole('button', { name: 'Erfassen' }).click()

      const entry = page.getByTestId('activity-entry').filter({ hasText: note })
      await entry.waitFor()
      assert.match((await entry.textContent()) ?? '', /Anruf · Erreicht/)
      await panel.getByText(title).waitFor()
      await assertFits(page, 'the lead page with the call logged')

      await page.goto(`${e2e.baseUrl}/work`)
      const section = page.getByRole('region', { name: /In Qualifizierung/ })
      await section.locator(`a[href="/leads/${lead.id}"]`).waitFor()
      assert.match((await section.textContent()) ?? '', new RegExp(`Nächste Aufgabe: ${title}`))
      const tasks = page.getByRole('complementary', { name: /Meine Aufgaben/ })
      const box = tasks.getByRole('checkbox', { name: `„${title}“ als erledigt markieren` })
      await box.waitFor()
      await assertFits(page, 'My work')
      await box.click()
      await box.waitFor({ state: 'detached' })
      assert.doesNotMatch((await section.textContent()) ?? '', new RegExp(`Nächste Aufgabe: ${title}`))

      const open = await page.request.get(`${e2e.baseUrl}/api/v1/tasks`)
      const titles = ((await open.json()) as { items: Array<{ title: string }> }).items.map(
        (task) => task.title,
      )
      assert.ok(!titles.includes(title), 'the task is done on the server too')
      await page.context().close()
    })
  }

  test('an admin exports the person and erases them after typing their address', async () => {
    const page = await e2e.signIn(DEMO.admin, { viewport: VIEWPORTS[1] })
    const lead = mine[0]!
    await page.goto(`${e2e.baseUrl}/leads/${lead.id}`)
    // A note logged by mistake is taken back from the toast.
    const panel = page.getByRole('region', { name: 'Aktivität erfassen' })
    await panel.getByRole('radio', { name: 'Notiz' }).check()
    await panel.getByLabel('Inhalt').fill('Falscher Lead notiert')
    await panel.getByRole('button', { name: 'Erfassen' }).click()
    const entry = page.getByTestId('activity-entry').filter({ hasText: 'Falscher Lead notiert' })
    await entry.waitFor()
    await page.locator('.lead-toast').getByRole('button', { name: 'Rückgängig' }).click()
    await entry.waitFor({ state: 'detached' })
    const left = await e2e.api('GET', `/api/v1/leads/${lead.id}/activities`, e2e.keys.read)
    assert.ok(!left.body.items.some((item: { body: string | null }) => item.body === 'Falscher Lead notiert'))
    // The toast at the bottom would cover the buttons below it on a phone: the user puts it away.
    await page.locator('.lead-toast').getByRole('button', { name: 'Schließen' }).click()

    const privacy = page.getByRole('region', { name: 'Datenschutz' })
    const download = page.waitForEvent('download')
    await privacy.getByRole('button', { name: /Daten exportieren/ }).click()
    assert.equal((await download).suggestedFilename(), `takt-lead-${lead.id}.json`)

    // The toast at the bottom would cover the buttons below it on a phone: the user puts it away.
    await page.locator('.lead-toast').getByRole('button', { name: 'Schließen' }).click()
    await privacy.getByRole('button', { name: 'Person löschen …' }).click()
    const dialog = page.getByRole('dialog', { name: 'Person endgültig löschen?' })
    const confirm = dialog.getByRole('button', { name: 'Endgültig löschen' })
    assert.equal(await confirm.isDisabled(), true, 'nothing is erased before the address is typed')
    await dialog.getByLabel('Zur Bestätigung die E-Mail-Adresse eingeben').fill(lead.email)
    await assertFits(page, 'the erasure dialog')
    await confirm.click()
    await dialog.waitFor({ state: 'detached' })
    const after = await e2e.api('GET', `/api/v1/leads/${lead.id}`, e2e.keys.read)
    assert.equal(after.body.stage, 'disqualified')
    assert.notEqual(after.body.email, lead.email)
    await page.context().close()
  })
})
