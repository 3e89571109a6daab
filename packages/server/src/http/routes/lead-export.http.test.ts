import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { ingestSalLeads } from '../../testing/board-leads.ts'
import { leadCsvChunks } from '../../services/board/lead-export.ts'

const HEADER =
  'id,email,first_name,last_name,title,company,country,stage,owner_email,source,lane,fit,engagement,' +
  'stage_entered_at,last_touch_at,touchpoints'

// A minimal RFC 4180 reader for the assertions: quoted fields with doubled quotes, CRLF rows.
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    const next = text[index + 1]
    if (quoted && char === '"' && next === '"') {
      field += '"'
      index++
    } else if (char === '"') {
      quoted = !quoted
    } else if (!quoted && char === ',') {
      row.push(field)
      field = ''
    } else if (!quoted && char === '\r' && next === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      index++
    } else {
      field += char
    }
  }
  return rows
}

for (const dialect of TEST_DIALECTS) {
  describe(`CSV export (${dialect})`, () => {
    let app: TestApp

    before(async () => {
      app = await startTestApp(dialect)
      const { sales, sales2 } = app.workspace.users
      // More leads than one page of the list (50) and than one page of the export's reads would be small.
      await ingestSalLeads(app, [
        ...Array.from({ length: 60 }, (_, index) => ({
          email: `person${String(index).padStart(2, '0')}@export-werk.de`,
          owner: sales.email,
        })),
        {
          email: 'quote@komma.de',
          owner: sales.email,
          firstName: 'Anna, "die Große"',
          lastName: '=HYPERLINK("x")',
          company: 'Müller; Söhne\nGmbH',
        },
        { email: 'other@fremd.de', owner: sales2.email },
      ])
    })
    after(async () => app.close())

    // Read as bytes: fetch's text() would drop the byte order mark the test is about.
    const exportCsv = async (
      query: string,
      auth: { key: string } | { session: { cookie: string; csrf: string } },
    ) => {
      const headers: Record<string, string> =
        'key' in auth ? { authorization: `Bearer ${auth.key}` } : { cookie: auth.session.cookie }
      const response = await fetch(`${app.baseUrl}/api/v1/leads/export.csv${query}`, { headers })
      const bytes = new Uint8Array(await response.arrayBuffer())
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
      return { status: response.status, headers: response.headers, bytes, text }
    }

    test('streams every matching lead (not one page) under a fixed header, as UTF-8 with a BOM', async () => {
      const response = await exportCsv('?stage=sal&q=export-werk', { key: app.workspace.keys.read })
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/)
      assert.match(
        response.headers.get('content-disposition') ?? '',
        /attachment; filename="takt-leads-\d{4}-\d{2}-\d{2}\.csv"/,
      )
      const text = response.text
      assert.deepEqual([...response.bytes.slice(0, 3)], [0xef, 0xbb, 0xbf])
      const rows = parseCsv(text.slice(1))
      assert.equal(rows[0]!.join(','), HEADER)
      const emails = rows.slice(1).map((row) => row[1])
      assert.equal(emails.length, 60)
      assert.deepEqual(emails, [...emails].sort(), 'sorted by e-mail')
      assert.ok(emails.every((email) => email!.endsWith('@export-werk.de')))
      const first = rows[1]!
      assert.equal(first[7], 'sal')
      assert.equal(first[8], app.workspace.users.sales.email)
    })

    test('pages through the list without losing or repeating a lead, whatever the page size', async () => {
      let text = ''
      const chunks = leadCsvChunks(
        app.db,
        app.workspace.id,
        { sort: 'email', order: 'asc', at: app.clock.now(), visibility: {} },
        new Map(),
        7,
      )
      for await (const chunk of chunks) text += chunk
      const emails = parseCsv(text.slice(1))
        .slice(1)
        .map((row) => row[1])
      assert.equal(emails.length, 62)
      assert.equal(new Set(emails).size, 62)
    })

    test('quotes commas, quotes and line breaks, and defuses formulas', async () => {
      const { text } = await exportCsv('?q=quote@komma.de', { key: app.workspace.keys.read })
      assert.ok(text.includes('"Anna, ""die Große"""'), text)
      const [, row] = parseCsv(text.slice(1))
      assert.equal(row![2], 'Anna, "die Große"')
      assert.equal(row![3], `'=HYPERLINK("x")`)
      assert.equal(row![5], 'Müller; Söhne\nGmbH')
    })

    test('a rep exports only the leads they may see; bad filters are a 400 naming the parameter', async () => {
      const session = await app.login(app.workspace.users.sales.email)
      const mine = parseCsv((await exportCsv('', { session })).text.slice(1))
      assert.equal(mine.length, 1 + 61)
      assert.ok(!mine.some((row) => row[1] === 'other@fremd.de'))
      const all = parseCsv((await exportCsv('', { key: app.workspace.keys.read })).text.slice(1))
      assert.equal(all.length, 1 + 62)
      const bad = await exportCsv('?minFit=lots', { key: app.workspace.keys.read })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /minFit/)
      // The export is every page: paging parameters are refused, not ignored.
      const paged = await exportCsv('?sort=fit&order=asc&limit=5', { key: app.workspace.keys.read })
      assert.equal(paged.status, 400)
      assert.match(paged.text, /querystring\/limit/)
    })
  })
}
