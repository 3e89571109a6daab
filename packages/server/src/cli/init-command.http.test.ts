// A production install from nothing, as an operator does it: `takt init` on a fresh database, then
// `takt serve --no-demo`, sign-in as the admin and an event through the bootstrap key; `takt init`
// again changes nothing. Real processes, so the CLI's flags, exit codes and output are what is tested.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../db/database.ts'
import { createEmptyPostgresDatabase, TEST_DIALECTS } from '../testing/test-database.ts'
import { startServerProcess } from '../testing/server-process.ts'
import { runTakt } from '../testing/run-takt.ts'

const PASSWORD = 'correct horse battery staple'
const API_KEY = 'takt_bootstrap_0123456789abcdef0123456789'
const ADMIN = 'ops@acme.example'

/** Rows init may write and the server may change; compared before and after a second init. */
async function fingerprint(env: Record<string, string>) {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TAKT_DATA_DIR })
  try {
    const { rows } = await sql<{ item: string }>`
      select 'workspace ' || slug || ' ' || name || ' ' || timezone as item from workspaces
      union all select 'user ' || email || ' ' || role || ' ' || password_hash from users
      union all select 'key ' || prefix || ' ' || scope || ' ' || coalesce(revoked_at::text, '') from api_keys
      union all select 'agreement ' || version || ' ' || status || ' ' || md5(source) from agreement_versions
      union all select 'audit ' || action || ' ' || coalesce(target, '') from audit_log
      union all select 'leads ' || count(*) from leads
      order by 1`.execute(database.db)
    return rows.map((row) => row.item)
  } finally {
    await database.close()
  }
}

for (const kind of TEST_DIALECTS) {
  describe(`takt init on a fresh ${kind} database`, () => {
    let folder: string
    let env: Record<string, string>
    let dropDatabase: (() => Promise<void>) | undefined
    let initArgs: string[]

    before(async () => {
      folder = await mkdtemp(join(tmpdir(), 'takt-init-'))
      if (kind === 'postgres') {
        const empty = await createEmptyPostgresDatabase()
        dropDatabase = empty.drop
        env = { DATABASE_URL: empty.url, TAKT_DATA_DIR: folder }
      } else {
        env = { TAKT_DATA_DIR: join(folder, 'data') }
      }
      const passwordFile = join(folder, 'admin-password')
      // As `echo … > file` writes it: the trailing newline is not part of the password.
      await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
      initArgs = [
        'init',
        '--workspace',
        'acme',
        '--name',
        'Acme GmbH',
        '--admin-email',
        ADMIN,
        '--admin-name',
        'Olga Ops',
        '--admin-password-file',
        passwordFile,
        '--api-key-from-env',
      ]
    })
    after(async () => {
      await dropDatabase?.()
      await rm(folder, { recursive: true, force: true })
    })

    test('creates a workspace to sign in to and send events with; a second run changes nothing', async () => {
      const first = await runTakt(initArgs, { ...env, TAKT_BOOTSTRAP_API_KEY: API_KEY })
      assert.equal(first.code, 0, first.stderr)
      assert.match(
        first.stdout,
        /^Created workspace "acme" \(Acme GmbH, Europe\/Berlin\) with the starter agreement\.$/m,
      )
      assert.match(first.stdout, /^Admin ops@acme\.example created\.$/m)
      assert.match(first.stdout, /^Admin API key takt_boo… created\.$/m)
      assert.ok(!`${first.stdout}${first.stderr}`.includes(PASSWORD), 'the password is never printed')

      const server = await startServerProcess(env)
      try {
        const call = async (
          method: string,
          path: string,
          options: { key?: string; cookie?: string; body?: unknown } = {},
        ) => {
          const response = await fetch(`${server.url}${path}`, {
            method,
            headers: {
              ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
              ...(options.cookie ? { cookie: options.cookie } : {}),
              ...(options.body ? { 'content-type': 'application/json' } : {}),
            },
            ...(options.body ? { body: JSON.stringify(options.body) } : {}),
          })
          // Bodies are read loosely; each assertion names the fields it needs.
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const body: any = await response.json()
          return { status: response.status, headers: response.headers, body }
        }
        assert.deepEqual((await call('GET', '/api/v1/setup')).body, { workspaces: true })
        const signIn = await call('POST', '/api/v1/session', {
          body: { workspace: 'acme', email: ADMIN, password: PASSWORD },
        })
        assert.equal(signIn.status, 200, JSON.stringify(signIn.body))
        assert.equal(signIn.body.user.role, 'admin')
        const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
        const agreement = await call('GET', '/api/v1/agreement', { cookie })
        assert.equal(agreement.body.name, 'Starter agreement (B2B)')

        const ingested = await call('POST', '/api/v1/events', {
          key: API_KEY,
          body: {
            events: [
              {
                id: 'form-1',
                type: 'demo_request',
                occurredAt: new Date().toISOString(),
                source: 'website',
                lead: {
                  email: 'anna@kunde.example',
                  title: 'Head of Sales',
                  company: { name: 'Kunde AG', employees: 250 },
                },
              },
            ],
          },
        })
        assert.equal(ingested.status, 200, JSON.stringify(ingested.body))
        assert.deepEqual(
          ingested.body.leads.map((lead: { stage: string }) => lead.stage),
          ['mql'],
        )
        // No reps yet: the MQL waits in the starter team's queue instead of going nowhere.
        const queues = await call('GET', '/api/v1/team-queues', { key: API_KEY })
        assert.deepEqual(
          queues.body.teams.map((team: { team: string; leads: Array<{ email: string }> }) => [
            team.team,
            team.leads.map((lead) => lead.email),
          ]),
          [['sales', ['anna@kunde.example']]],
        )
      } finally {
        await server.stop()
      }

      const before = await fingerprint(env)
      const again = await runTakt(initArgs, { ...env, TAKT_BOOTSTRAP_API_KEY: API_KEY })
      assert.equal(again.code, 0, again.stderr)
      assert.match(again.stdout, /^Workspace "acme" \(Acme GmbH, Europe\/Berlin\) exists already/m)
      assert.match(again.stdout, /^Nothing changed\.$/m)
      assert.deepEqual(await fingerprint(env), before)

      const taken = await runTakt(
        [
          'init',
          '--workspace',
          'acme',
          '--admin-email',
          'mallory@evil.example',
          '--admin-password-file',
          join(folder, 'admin-password'),
        ],
        env,
      )
      assert.equal(taken.code, 1)
      assert.match(
        taken.stderr,
        /^Workspace "acme" exists with other admins \(ops@acme\.example\); mallory@evil\.example is not one of them\. Nothing was changed\./,
      )
      assert.deepEqual(await fingerprint(env), before)
    })
  })
}

test('takt init refuses bad input with exit code 2 and a sentence naming the flag', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'takt-init-'))
  try {
    const short = join(folder, 'short')
    await writeFile(short, 'hunter2\n')
    const env = { TAKT_DATA_DIR: join(folder, 'data') }
    const cases: Array<[string[], RegExp]> = [
      [
        ['--workspace', 'Acme GmbH', '--admin-email', ADMIN],
        /^--workspace must be 2 to 63 lower-case letters/,
      ],
      [
        ['--admin-email', ADMIN, '--admin-password-file', short],
        /^The admin password must be 12 to 200 characters long/,
      ],
      [['--workspace', 'acme'], /^Nothing to sign in with: give --admin-email/],
    ]
    for (const [args, message] of cases) {
      const run = await runTakt(['init', ...args], env)
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`)
      assert.match(run.stderr, message)
      assert.ok(!run.stderr.includes('hunter2'))
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})
