// The board beyond the table, on a phone (390×844) and a laptop (1440×900): the deal board with its
// columns and totals and no sideways scrolling, a deal moved with its stage menu (and by drag and drop on
// the laptop), two rows of the table selected and assigned to a rep, and a person found with the search
// (Ctrl-K on the laptop, the search button on the phone) and opened.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'
import { assertFits } from './fits.ts'

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const
const COLUMNS = [
  ['discovery', 'Bedarfsanalyse'],
  ['demo', 'Demo & Workshop'],
  ['proposal', 'Angebot'],
  ['negotiation', 'Verhandlung'],
] as const

type Deal = { leadId: string; email: string; dealStage: string }

describe('deal board, bulk actions and search', () => {
  let e2e: E2e
  before(async () => {
    e2e = await startE2e()
  })
  after(async () => e2e?.close())

  const deals = async (): Promise<Deal[]> => {
    const board = await e2e.api('GET', '/api/v1/pipeline/deals', e2e.keys.read)
    assert.equal(board.status, 200, JSON.stringify(board.body))
    return board.body.deals
  }

  /** Opens the column on a phone, where one shows at a time; on a laptop all stand side by side. */
  const showColumn = async (page: Page, name: string, phone: boolean) => {
    if (phone) await page.getByRole('group', { name: 'Deal-Phasen' }).getByRole('button', { name }).click()
  }

  for (const viewport of VIEWPORTS) {
    const phone = viewport.width < 600
    const where = `${viewport.width}×${viewport.height}`

    test(`${where}: the deal board shows its columns with € totals, fits the window, and moves a deal`, async () => {
      const open = await deals()
      assert.ok(open.length >= 3, 'the demo has open deals')
      const page = await e2e.signIn(DEMO.manager, { viewport })
      await page.goto(`${e2e.baseUrl}/board`)
      await page.getByRole('button', { name: 'Deal-Board' }).click()
      await page.waitForURL(/view=deals/)
      const board = page.getByTestId('deal-board')
      await board.waitFor()
      for (const [id, name] of COLUMNS) {
        await showColumn(page, name, phone)
        const column = board.locator(`section[data-column="${id}"]`)
        await column.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor()
        assert.match(await column.getByTestId('deal-column-total').innerText(), /€/, `${name} has a € total`)
      }
      await showColumn(page, 'Bedarfsanalyse', phone)
      // The first column's weighted total: 10 % of its sum, as the agreement says.
      assert.match(await board.locator('section[data-column="discovery"]').innerText(), /gewichtet .*€/)
      await assertFits(page, `deal board at ${where}`)

      // The keyboard and phone way: the card's stage menu.
      const deal = open[phone ? 0 : 1]!
      const [, fromName] = COLUMNS.find(([id]) => id === deal.dealStage)!
      const [toId, toName] = COLUMNS.find(([id]) => id !== deal.dealStage)!
      await showColumn(page, fromName, phone)
      const card = board.locator(`section[data-column="${deal.dealStage}"] [data-lead-email="${deal.email}"]`)
      await card.scrollIntoViewIfNeeded()
      await card.getByRole('combobox').selectOption(toId)
      await showColumn(page, toName, phone)
      await board.locator(`section[data-column="${toId}"] [data-lead-email="${deal.email}"]`).waitFor()
      assert.equal((await deals()).find((entry) => entry.leadId === deal.leadId)?.dealStage, toId)

      if (!phone) {
        // Drag and drop between columns sends the same action.
        const dragged = open[2]!
        const [dropId] = COLUMNS.find(([id]) => id !== dragged.dealStage)!
        const source = board.locator(
          `section[data-column="${dragged.dealStage}"] [data-lead-email="${dragged.email}"]`,
        )
        await source.scrollIntoViewIfNeeded()
        await source.locator('.deal-amount').hover()
        await page.mouse.down()
        const target = board.locator(`section[data-column="${dropId}"] .deal-column-head`)
        await target.hover()
        await target.hover({ position: { x: 10, y: 10 } })
        await page.mouse.up()
        await board.locator(`section[data-column="${dropId}"] [data-lead-email="${dragged.email}"]`).waitFor()
        assert.equal((await deals()).find((entry) => entry.leadId === dragged.leadId)?.dealStage, dropId)

        // A deal won elsewhere meanwhile cannot move: the API's refusal is shown, the card stays put.
        const won = open[0]!
        const { csrfToken } = await (await page.request.get(`${e2e.baseUrl}/api/v1/session`)).json()
        const win = await page.request.post(`${e2e.baseUrl}/api/v1/leads/${won.leadId}/actions`, {
          headers: { 'x-csrf-token': csrfToken },
          data: { action: 'win' },
        })
        assert.equal(win.status(), 200, await win.text())
        const [wonStage] = COLUMNS.find(([id]) => id === won.dealStage)!
        const [otherStage] = COLUMNS.find(([id]) => id !== won.dealStage)!
        await board
          .locator(`section[data-column="${wonStage}"] [data-lead-email="${won.email}"]`)
          .getByRole('combobox')
          .selectOption(otherStage)
        await board
          .getByRole('alert')
          .getByText(/Diese Verkaufschance ist nicht mehr offen/)
          .waitFor()
      }
      await page.context().close()
    })

    test(`${where}: a manager selects two rows of the table and assigns them to a rep`, async () => {
      const page = await e2e.signIn(DEMO.manager, { viewport })
      await page.goto(`${e2e.baseUrl}/board?stage=sal&sort=email&order=${phone ? 'asc' : 'desc'}`)
      const table = page.getByTestId('board-table')
      await table.locator('tbody tr').first().waitFor()
      const rows = table.locator('tbody tr')
      const emails = [
        await rows.nth(0).getAttribute('data-lead-email'),
        await rows.nth(1).getAttribute('data-lead-email'),
      ]
      for (const index of [0, 1]) await rows.nth(index).getByRole('checkbox').check()
      const bulk = page.getByTestId('bulk-actions')
      await bulk.getByText('Ausgewählt: 2').waitFor()
      await assertFits(page, `bulk bar at ${where}`)
      await bulk.getByRole('button', { name: 'Zuweisen …' }).click()
      await bulk.getByRole('combobox', { name: 'Vertriebsmitarbeiter:in' }).selectOption(DEMO.otherRep)
      await bulk.getByRole('button', { name: 'Ausführen' }).click()
      await page.getByTestId('bulk-result').getByText('2 erledigt, 0 nicht möglich.').waitFor()
      const rep = await e2e.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', DEMO.otherRep)
        .executeTakeFirstOrThrow()
      for (const email of emails) {
        const found = await e2e.api('GET', `/api/v1/leads?q=${encodeURIComponent(email!)}`, e2e.keys.read)
        assert.equal(found.body.items[0].ownerId, rep.id, `${email} now belongs to ${DEMO.otherRep}`)
      }
      await page.context().close()
    })

    test(`${where}: the search finds a person and opens the lead`, async () => {
      const list = await e2e.api(
        'GET',
        `/api/v1/leads?stage=sql&limit=${phone ? 1 : 2}&sort=email`,
        e2e.keys.read,
      )
      const person = list.body.items.at(-1)
      const name = `${person.firstName} ${person.lastName}`
      const page = await e2e.signIn(DEMO.manager, { viewport })
      await page.goto(`${e2e.baseUrl}/board`)
      await page.getByRole('heading', { name: 'Pipeline' }).waitFor()
      if (phone) await page.getByRole('button', { name: 'Suchen' }).click()
      else await page.keyboard.press('Control+k')
      const dialog = page.getByRole('dialog', { name: 'Personen und Firmen suchen' })
      await dialog.getByRole('combobox').fill(name)
      const option = dialog.getByRole('option', { name: new RegExp(person.email.replace(/[.+]/g, '\\$&')) })
      await option.waitFor()
      await assertFits(page, `search at ${where}`)
      // Arrow keys move through the results; Enter opens the one chosen.
      const options = dialog.getByRole('option')
      const index = (await options.allInnerTexts()).findIndex((text) => text.includes(person.email))
      for (let step = 0; step < index; step++) await page.keyboard.press('ArrowDown')
      assert.equal(await option.getAttribute('aria-selected'), 'true')
      await page.keyboard.press('Enter')
      await page.waitForURL(new RegExp(`/leads/${person.id}$`))
      await page.getByRole('heading', { name, exact: false }).first().waitFor()
      await page.context().close()
    })
  }
})
