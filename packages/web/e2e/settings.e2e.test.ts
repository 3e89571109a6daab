// The admin settings in a real browser against a server on the demo workspace: an API key shown once
// and revoked, a webhook to a private address refused in German, an absence typed as a German date in
// an English browser, and the audit log listing all of it. One server and one signed-in page for the
// file; the tests run in order and build on each other.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO, startE2e, type E2e } from './harness.ts'

const DAY_MS = 86_400_000
const KEY_NAME = 'E2E-Import'
const REP = 'Jonas Becker'

/** A calendar date `days` from now: as the API and forms keep it, and as German writes it. */
function dayFromNow(days: number) {
  const iso = new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)
  const [year, month, day] = iso.split('-')
  return { iso, german: `${day}.${month}.${year}` }
}

describe('settings end to end', () => {
  let e2e: E2e
  let page: Page
  before(async () => {
    e2e = await startE2e({ leads: 40 })
    // An English browser, as many admins have, with the UI switched to German: native date inputs
    // would show 03/04/2026 here.
    page = await e2e.signIn(DEMO.admin, { language: 'en' })
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor()
    await page.getByRole('button', { name: 'DE', exact: true }).click()
    await page.getByRole('heading', { name: 'Benutzer und Rollen' }).waitFor()
  })
  after(async () => {
    await page?.context().close()
    await e2e?.close()
  })

  test('an API key is shown once, is gone after a reload, works until it is revoked', async () => {
    await page.getByRole('link', { name: 'API-Schlüssel' }).click()
    await page.getByLabel('Name', { exact: true }).fill(KEY_NAME)
    await page.getByLabel('Berechtigung').selectOption('read')
    await page.getByRole('button', { name: 'Schlüssel erstellen' }).click()
    const once = page.getByTestId('secret-once')
    await once.getByRole('heading', { name: `API-Schlüssel „${KEY_NAME}“ erstellt` }).waitFor()
    const secret = await once.locator('input').inputValue()
    assert.match(secret, /^takt_read_\S{20,}$/)
    const row = page.getByTestId('api-keys-table').locator('tr', { hasText: KEY_NAME })
    await row.waitFor()
    const prefix = (await row.locator('code').textContent())!.replace('…', '')
    assert.ok(secret.startsWith(prefix) && prefix.length < secret.length, prefix)
    assert.equal((await e2e.api('GET', '/api/v1/content', secret)).status, 200)

    await page.reload()
    await row.waitFor()
    assert.equal(await page.getByTestId('secret-once').count(), 0)
    assert.ok(!(await page.content()).includes(secret), 'the key is not on the page any more')

    await row.getByRole('button', { name: `„${KEY_NAME}“ widerrufen` }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Widerrufen' }).click()
    await page.getByText(`API-Schlüssel „${KEY_NAME}“ widerrufen.`).waitFor()
    await row.locator('.badge', { hasText: 'Widerrufen' }).waitFor()
    assert.equal((await e2e.api('GET', '/api/v1/content', secret)).status, 401)
  })

  test('a webhook to a private address is refused, with the reason in German', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click()
    const dialog = page.getByRole('dialog')
    const url = dialog.getByLabel('Empfänger-URL')
    // A fresh dialog for each address, so the error read is the one for that address.
    const refusal = async (address: string) => {
      await page.getByRole('button', { name: 'Webhook anlegen' }).click()
      await url.fill(address)
      await dialog.getByRole('button', { name: 'Webhook anlegen' }).click()
      const error = dialog.locator('#webhook-url-error')
      await error.waitFor()
      assert.equal(await url.getAttribute('aria-invalid'), 'true')
      const text = await error.textContent()
      await dialog.getByRole('button', { name: 'Abbrechen' }).click()
      return text
    }
    assert.equal(
      await refusal('http://192.168.1.10/hooks'),
      '192.168.1.10 ist keine öffentliche Adresse. Webhooks gehen nur an öffentlich erreichbare Adressen.',
    )
    assert.match(
      (await refusal('http://localhost:8080/hooks')) ?? '',
      /^localhost zeigt auf (127\.0\.0\.1|::1), eine interne Adresse\. Webhooks gehen nur an öffentlich/,
    )
    await page.getByText('Noch keine Webhooks.').waitFor()
  })

  test('an absence typed as a German date is saved for a rep', async () => {
    const from = dayFromNow(30)
    const until = dayFromNow(34)
    await page.getByRole('link', { name: 'Benutzer und Rollen' }).click()
    await page.getByRole('button', { name: `${REP} bearbeiten` }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Abwesenheit hinzufügen' }).click()
    const first = dialog.getByLabel('Erster Tag').last()
    const last = dialog.getByLabel('Letzter Tag').last()
    assert.equal(await first.getAttribute('placeholder'), 'TT.MM.JJJJ')
    await dialog.getByRole('button', { name: 'Kalender öffnen' }).first().waitFor()

    // Short forms are read the German way and written out in full once the field is left.
    const [day, month, year] = from.german.split('.')
    await first.fill(`${Number(day)}.${Number(month)}.${year!.slice(2)}`)
    await last.fill('31.02.2027')
    await last.blur()
    assert.equal(await first.inputValue(), from.german)
    await dialog.getByRole('button', { name: 'Speichern' }).click()
    await dialog.getByText('Bitte geben Sie ein Datum als TT.MM.JJJJ ein, z. B. 04.03.2026.').waitFor()
    assert.equal(await last.getAttribute('aria-invalid'), 'true')

    await last.fill(until.german)
    await dialog.getByRole('button', { name: 'Speichern' }).click()
    await page.getByText(`Änderungen an ${REP} gespeichert.`).waitFor()
    const row = page.getByTestId('users-table').locator('tr', { hasText: REP })
    await row.getByText(`${from.german} – ${until.german}`).waitFor()

    // What was stored: whole days in the workspace's time zone, the end exclusive.
    const read = (path: string) =>
      page.evaluate((url) => fetch(url).then((response) => response.json()), path)
    const { workspace } = (await read('/api/v1/session')) as { workspace: { timezone: string } }
    const users = (await read('/api/v1/users')) as Array<{
      email: string
      outOfOffice: Array<{ from: string; until: string }>
    }>
    const saved = users.find((user) => user.email === DEMO.rep)!.outOfOffice.at(-1)!
    const localDay = (at: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: workspace.timezone }).format(new Date(at))
    assert.equal(localDay(Date.parse(saved.from)), from.iso)
    assert.equal(localDay(Date.parse(saved.until) - 1), until.iso)

    await row.getByRole('button', { name: `${REP} bearbeiten` }).click()
    assert.equal(await dialog.getByLabel('Erster Tag').last().inputValue(), from.german)
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
  })

  test('the audit log lists what was just done', async () => {
    await page.getByRole('link', { name: 'Audit-Log' }).click()
    const table = page.getByTestId('audit-table')
    await table.waitFor()
    for (const [action, target] of [
      ['API-Schlüssel erstellt', KEY_NAME],
      ['API-Schlüssel widerrufen', KEY_NAME],
      ['Benutzer:in geändert', REP],
    ]) {
      await table.locator('tr', { hasText: action }).filter({ hasText: target }).first().waitFor()
    }
    assert.equal(await table.locator('tr', { hasText: 'Webhook angelegt' }).count(), 0)
  })
})
