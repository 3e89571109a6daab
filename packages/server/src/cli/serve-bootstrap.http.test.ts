// `takt serve --no-demo` with the TAKT_BOOTSTRAP_* variables on an empty database: the first start
// creates the workspace, its admin and the admin key; a restart, or a second instance starting at the
// same moment (PostgreSQL), creates nothing twice. Reproduces the bug where the key alone created nothing.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../db/database.ts'
import { createEmptyPostgresDatabase, TEST_DIALECTS } from '../testing/test-database.ts'
import { startServerProcess, type ServerProcess } from '../testing/server-process.ts'

const PASSWORD = 'correct horse battery staple'
const API_KEY = 'takt_bootstrap_fedcba9876543210fedcba98'
const BOOTSTRAP = {
  TAKT_BOOTSTRAP_WORKSPACE: 'acme',
  TAKT_BOOTSTRAP_WORKSPACE_NAME: 'Acme GmbH',
  TAKT_BOOTSTRAP_ADMIN_EMAIL: 'ops@acme.example',
  TAKT_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
  TAKT_BOOTSTRAP_API_KEY: API_KEY,
  LOG_LEVEL: 'info',
}

/** The messages of the server's JSON log lines. */
function logged(server: ServerProcess): string[] {
  return server
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return [String((JSON.parse(line) as { msg?: unknown }).msg)]
      } catch {
        return []
      }
    })
}

async function signIn(server: ServerProcess) {
  const response = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace: 'acme', email: 'ops@acme.example', password: PASSWORD }),
  })
  return { status: response.status, body: (await response.json()) as { user?: { role: string } } }
}

async function ingest(server: ServerProcess, id: string) {
  const response = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      events: [
        {
          id,
          type: 'webinar_attended',
          occurredAt: new Date().toISOString(),
          source: 'webinar',
          lead: { email: `${id}@kunde.example` },
        },
      ],
    }),
  })
  return { status: response.status, body: (await response.json()) as { accepted?: number } }
}

/** The admin signs in, and the bootstrap key sends an event. */
async function checkUsable(server: ServerProcess, eventId: string) {
  const session = await signIn(server)
  assert.equal(session.status, 200, JSON.stringify(session.body))
  assert.equal(session.body.user?.role, 'admin')
  assert.equal((await ingest(server, eventId)).body.accepted, 1)
}

async function countRows(env: Record<string, string>) {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TAKT_DATA_DIR })
  try {
    const { rows } = await sql<Record<string, number>>`
      select (select count(*)::int from workspaces) as workspaces, (select count(*)::int from users) as users,
             (select count(*)::int from api_keys) as keys, (select count(*)::int from agreement_versions) as agreements`.execute(
      database.db,
    )
    return rows[0]
  } finally {
    await database.close()
  }
}

for (const kind of TEST_DIALECTS) {
  describe(`takt serve --no-demo with bootstrap variables on an empty ${kind} database`, () => {
    let folder: string
    let env: Record<string, string>
    let dropDatabase: (() => Promise<void>) | undefined
    const servers: ServerProcess[] = []

    before(async () => {
      folder = await mkdtemp(join(tmpdir(), 'takt-bootstrap-'))
      if (kind === 'postgres') {
        const empty = await createEmptyPostgresDatabase()
        dropDatabase = empty.drop
        env = { ...BOOTSTRAP, DATABASE_URL: empty.url, TAKT_DATA_DIR: folder }
      } else {
        env = { ...BOOTSTRAP, TAKT_DATA_DIR: join(folder, 'data') }
      }
    })
    after(async () => {
      await Promise.all(servers.map((server) => server.stop()))
      await dropDatabase?.()
      await rm(folder, { recursive: true, force: true })
    })

    test('creates the workspace, admin and key once, however many times it starts', async () => {
      // Two instances at once share a PostgreSQL database; an embedded PGlite belongs to one process,
      // so there the second start is a restart.
      if (kind === 'postgres') {
        servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])))
        await Promise.all(servers.map((server, index) => checkUsable(server, `lead-${index}`)))
      } else {
        for (const index of [0, 1]) {
          const server = await startServerProcess(env)
          servers.push(server)
          await checkUsable(server, `lead-${index}`)
          await server.stop()
        }
      }
      const bootstrap = servers.map((server) => {
        const lines = logged(server).filter((line) => line.startsWith('Bootstrap:'))
        assert.equal(lines.length, 1, server.output())
        return lines[0]!
      })
      const [created, found] = bootstrap.sort()
      assert.equal(
        created,
        'Bootstrap: Created workspace "acme" (Acme GmbH, Europe/Berlin) with the starter agreement. Admin ops@acme.example created. Admin API key takt_boo… created.',
      )
      assert.match(found!, /^Bootstrap: Workspace "acme" \(Acme GmbH, Europe\/Berlin\) exists already; /)
      assert.match(
        found!,
        /Admin ops@acme\.example exists; the password was not changed\. Admin API key takt_boo… exists\. Nothing changed\.$/,
      )
      assert.ok(
        servers.every((server) => !server.output().includes(PASSWORD)),
        'the password is never logged',
      )
      await Promise.all(servers.map((server) => server.stop()))

      assert.deepEqual(await countRows(env), { workspaces: 1, users: 1, keys: 1, agreements: 1 })
    })
  })
}
