// The first workspace of a production install: created once with the starter agreement, its admin and
// an admin key; found again on every later run; refused without a change where it contradicts what exists.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { openDatabase } from '../db/database.ts'
import { hashSecret } from '../auth/secret-tokens.ts'
import { verifyPassword } from '../auth/password.ts'
import { loadConfig } from '../config/load-config.ts'
import { forEachDatabase, createTestDatabase, TEST_DIALECTS } from '../testing/test-database.ts'
import { initWorkspace, type InitWorkspaceRequest } from './init-workspace.ts'
import { ensureBootstrapWorkspace } from './bootstrap-workspace.ts'

const NOW = new Date('2026-11-02T09:00:00Z')
const PASSWORD = 'correct horse battery staple'

const unique = () => randomBytes(4).toString('hex')
const apiKey = () => `takt_bootstrap_${randomBytes(16).toString('hex')}`

function request(changes: Partial<InitWorkspaceRequest> = {}): InitWorkspaceRequest {
  return {
    slug: `acme-${unique()}`,
    name: 'Acme GmbH',
    timezone: 'Europe/Vienna',
    admin: { email: 'Ops@Acme.example', name: 'Olga Ops', password: PASSWORD },
    ...changes,
  }
}

/** Everything initWorkspace may write, so a second run can be shown to write nothing. */
async function snapshot(db: Kysely<Database>, slug: string) {
  const { rows } = await sql<{ item: string }>`
    select 'workspace ' || w.slug || ' ' || w.name || ' ' || w.timezone as item from workspaces w where w.slug = ${slug}
    union all select 'user ' || u.email || ' ' || u.role || ' ' || u.password_hash from users u join workspaces w on w.id = u.workspace_id where w.slug = ${slug}
    union all select 'key ' || k.prefix || ' ' || k.scope || ' ' || coalesce(k.revoked_at::text, '') from api_keys k join workspaces w on w.id = k.workspace_id where w.slug = ${slug}
    union all select 'agreement ' || a.version || ' ' || a.status from agreement_versions a join workspaces w on w.id = a.workspace_id where w.slug = ${slug}
    union all select 'audit ' || l.action from audit_log l join workspaces w on w.id = l.workspace_id where w.slug = ${slug}
    order by 1`.execute(db)
  return rows.map((row) => row.item)
}

async function agreementOf(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('agreement_versions')
    .innerJoin('workspaces', 'workspaces.id', 'agreement_versions.workspace_id')
    .select(['agreement_versions.source', 'agreement_versions.status'])
    .where('workspaces.slug', '=', slug)
    .executeTakeFirstOrThrow()
}

forEachDatabase('initWorkspace', (suite) => {
  it('creates the workspace with the starter agreement, its admin and the chosen API key', async () => {
    const key = apiKey()
    const asked = request({ apiKey: { value: key } })
    const result = await initWorkspace(suite.db, asked, NOW)
    assert.ok(result.ok)
    assert.equal(result.changed, true)
    assert.equal(result.workspaceCreated, true)
    assert.deepEqual(result.admin, { email: 'ops@acme.example', status: 'created' })
    assert.deepEqual(result.apiKey, { status: 'created', prefix: key.slice(0, 8) })
    assert.deepEqual(
      { slug: result.workspace.slug, name: result.workspace.name, timezone: result.workspace.timezone },
      { slug: asked.slug, name: 'Acme GmbH', timezone: 'Europe/Vienna' },
    )
    const agreement = await agreementOf(suite.db, asked.slug)
    assert.equal(agreement.status, 'active')
    assert.match(agreement.source, /^name: Starter agreement \(B2B\)$/m)
    // The workspace's time zone runs the SLA clock, and the admin leads the one team.
    assert.match(agreement.source, /^timezone: Europe\/Vienna$/m)
    assert.match(agreement.source, /^ {4}timezone: Europe\/Vienna$/m)
    assert.match(agreement.source, /^ {6}lead: ops@acme\.example$/m)
    const admin = await suite.db
      .selectFrom('users')
      .select(['role', 'password_hash', 'name'])
      .where('workspace_id', '=', result.workspace.id)
      .executeTakeFirstOrThrow()
    assert.equal(admin.role, 'admin')
    assert.ok(await verifyPassword(PASSWORD, admin.password_hash))
    const stored = await suite.db
      .selectFrom('api_keys')
      .select(['scope', 'workspace_id'])
      .where('key_hash', '=', hashSecret(key))
      .executeTakeFirstOrThrow()
    assert.deepEqual(stored, { scope: 'admin', workspace_id: result.workspace.id })
  })

  it('changes nothing when run again, and needs no password then', async () => {
    const key = apiKey()
    const asked = request({ apiKey: { value: key } })
    await initWorkspace(suite.db, asked, NOW)
    const before = await snapshot(suite.db, asked.slug)
    const again = await initWorkspace(
      suite.db,
      { ...asked, name: 'Renamed', admin: { email: 'ops@acme.example', name: 'Olga' } },
      NOW,
    )
    assert.ok(again.ok)
    assert.equal(again.changed, false)
    assert.equal(again.workspaceCreated, false)
    assert.deepEqual(again.admin, { email: 'ops@acme.example', status: 'exists' })
    assert.equal(again.apiKey?.status, 'exists')
    assert.equal(again.workspace.name, 'Acme GmbH')
    assert.deepEqual(await snapshot(suite.db, asked.slug), before)
  })

  it('shows a generated key once, when it creates the workspace, and never makes another', async () => {
    const asked = request({ apiKey: { generate: true } })
    const first = await initWorkspace(suite.db, asked, NOW)
    assert.ok(first.ok && first.apiKey?.key)
    assert.match(first.apiKey.key, /^takt_admin_/)
    assert.equal(
      (
        await suite.db
          .selectFrom('api_keys')
          .select('id')
          .where('key_hash', '=', hashSecret(first.apiKey.key))
          .execute()
      ).length,
      1,
    )
    const before = await snapshot(suite.db, asked.slug)
    const second = await initWorkspace(suite.db, asked, NOW)
    assert.ok(second.ok)
    assert.deepEqual(second.apiKey, { status: 'not_created', prefix: '' })
    assert.deepEqual(await snapshot(suite.db, asked.slug), before)
  })

  it('creates a workspace with only an API key, and its first admin on a later run', async () => {
    const key = apiKey()
    const keyOnly = await initWorkspace(suite.db, request({ admin: undefined, apiKey: { value: key } }), NOW)
    assert.ok(keyOnly.ok && keyOnly.workspaceCreated && keyOnly.admin === undefined)
    const slug = keyOnly.workspace.slug
    assert.doesNotMatch((await agreementOf(suite.db, slug)).source, /lead:/)
    const withAdmin = await initWorkspace(suite.db, request({ slug, apiKey: { value: key } }), NOW)
    assert.ok(withAdmin.ok)
    assert.deepEqual(withAdmin.admin, { email: 'ops@acme.example', status: 'created' })
    assert.equal(withAdmin.apiKey?.status, 'exists')
  })

  const conflicts: Array<{
    name: string
    setUp: (db: Kysely<Database>, slug: string, key: string) => Promise<void>
    asked: (slug: string, key: string) => InitWorkspaceRequest
    expected: unknown
  }> = [
    {
      name: 'the slug is taken by a workspace with another admin',
      setUp: async (db, slug) => void (await initWorkspace(db, request({ slug }), NOW)),
      asked: (slug) =>
        request({ slug, admin: { email: 'mallory@evil.example', name: 'M', password: PASSWORD } }),
      expected: { code: 'OTHER_ADMINS', admins: ['ops@acme.example'] },
    },
    {
      name: 'the e-mail belongs to a disabled admin',
      setUp: async (db, slug) => {
        await initWorkspace(db, request({ slug }), NOW)
        await db
          .updateTable('users')
          .set({ disabled_at: NOW })
          .where('email', '=', 'ops@acme.example')
          .where('workspace_id', 'in', db.selectFrom('workspaces').select('id').where('slug', '=', slug))
          .execute()
      },
      asked: (slug) => request({ slug }),
      expected: { code: 'NOT_AN_ACTIVE_ADMIN', role: 'admin', disabled: true },
    },
    {
      name: 'the admin must be created but no password was given',
      setUp: async () => {},
      asked: (slug) => request({ slug, admin: { email: 'ops@acme.example', name: 'Olga' } }),
      expected: { code: 'PASSWORD_REQUIRED' },
    },
    {
      name: 'the API key belongs to another workspace',
      setUp: async (db, _slug, key) =>
        void (await initWorkspace(db, request({ slug: `other-${unique()}`, apiKey: { value: key } }), NOW)),
      asked: (slug, key) => request({ slug, apiKey: { value: key } }),
      expected: { code: 'API_KEY_OF_OTHER_WORKSPACE' },
    },
  ]
  for (const { name, setUp, asked, expected } of conflicts) {
    it(`refuses without a change when ${name}`, async () => {
      const slug = `conflict-${unique()}`
      const key = apiKey()
      await setUp(suite.db, slug, key)
      const before = await snapshot(suite.db, slug)
      const result = await initWorkspace(suite.db, asked(slug, key), NOW)
      assert.ok(!result.ok)
      const { workspace: _ignored, ...conflict } = result.conflict as { workspace?: string }
      assert.deepEqual(conflict, expected)
      assert.deepEqual(await snapshot(suite.db, slug), before)
    })
  }

  it('leaves a revoked bootstrap key revoked', async () => {
    const key = apiKey()
    const asked = request({ apiKey: { value: key } })
    await initWorkspace(suite.db, asked, NOW)
    await suite.db
      .updateTable('api_keys')
      .set({ revoked_at: NOW })
      .where('key_hash', '=', hashSecret(key))
      .execute()
    const again = await initWorkspace(suite.db, asked, NOW)
    assert.ok(again.ok)
    assert.equal(again.apiKey?.status, 'revoked')
    assert.equal(again.changed, false)
  })
})

// The bug this replaces: with --no-demo, TAKT_BOOTSTRAP_API_KEY found no workspace and created nothing,
// without a word.
forEachDatabase('start-up bootstrap', (suite) => {
  const logged = () => {
    const lines: Array<[string, string]> = []
    const log = {
      info: (line: string) => void lines.push(['info', line]),
      warn: (line: string) => void lines.push(['warn', line]),
      error: (line: string) => void lines.push(['error', line]),
    }
    return { lines, log }
  }

  it('creates a workspace for TAKT_BOOTSTRAP_API_KEY alone, in which the key works, and says so', async () => {
    const key = apiKey()
    const slug = `main-${unique()}`
    const config = loadConfig({ TAKT_BOOTSTRAP_API_KEY: key, TAKT_BOOTSTRAP_WORKSPACE: slug })
    const { lines, log } = logged()
    const result = await ensureBootstrapWorkspace(suite.db, config, { defaultSlug: 'main', now: NOW, log })
    assert.ok(result?.ok && result.workspaceCreated)
    const found = await suite.db
      .selectFrom('api_keys')
      .select('workspace_id')
      .where('key_hash', '=', hashSecret(key))
      .executeTakeFirst()
    assert.equal(found?.workspace_id, result.workspace.id)
    assert.deepEqual(lines, [
      [
        'info',
        `Bootstrap: Created workspace "${slug}" (${slug}, Europe/Berlin) with the starter agreement. Admin API key ${key.slice(0, 8)}… created.`,
      ],
    ])
  })

  it('logs what it found on a restart, and never the password', async () => {
    const slug = `main-${unique()}`
    const env = {
      TAKT_BOOTSTRAP_WORKSPACE: slug,
      TAKT_BOOTSTRAP_ADMIN_EMAIL: 'ops@acme.example',
      TAKT_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
    }
    const first = logged()
    await ensureBootstrapWorkspace(suite.db, loadConfig(env), {
      defaultSlug: 'main',
      now: NOW,
      log: first.log,
    })
    const restart = logged()
    const again = await ensureBootstrapWorkspace(suite.db, loadConfig(env), {
      defaultSlug: 'main',
      now: NOW,
      log: restart.log,
    })
    assert.ok(again?.ok && !again.changed)
    assert.deepEqual(
      restart.lines.map(([level]) => level),
      ['info'],
    )
    assert.match(restart.lines[0]![1], /exists already.*Nothing changed\.$/)
    assert.ok([...first.lines, ...restart.lines].every(([, line]) => !line.includes(PASSWORD)))
  })

  it('logs an error when it cannot create anything, and does nothing without variables', async () => {
    const { lines, log } = logged()
    const config = loadConfig({
      TAKT_BOOTSTRAP_WORKSPACE: `x-${unique()}`,
      TAKT_BOOTSTRAP_ADMIN_EMAIL: 'ops@acme.example',
    })
    const result = await ensureBootstrapWorkspace(suite.db, config, { defaultSlug: 'main', now: NOW, log })
    assert.ok(result && !result.ok)
    assert.equal(lines[0]![0], 'error')
    assert.match(lines[0]![1], /needs a password \(TAKT_BOOTSTRAP_ADMIN_PASSWORD\)/)
    const quiet = logged()
    assert.equal(
      await ensureBootstrapWorkspace(suite.db, loadConfig({}), {
        defaultSlug: 'main',
        now: NOW,
        log: quiet.log,
      }),
      undefined,
    )
    assert.deepEqual(quiet.lines, [])
  })
})

// Two instances starting at once with the same variables: one creates, the other finds it.
for (const kind of TEST_DIALECTS) {
  describe(`initWorkspace from two connections at once (${kind})`, () => {
    it('creates the workspace, its admin and its key exactly once', async () => {
      const database = await createTestDatabase(kind)
      const second = database.url ? await openDatabase({ databaseUrl: database.url }) : database
      try {
        const asked = request({ apiKey: { value: apiKey() } })
        const results = await Promise.all([
          initWorkspace(database.db, asked, NOW),
          initWorkspace(second.db, asked, NOW),
        ])
        assert.deepEqual(results.map((result) => result.ok && result.workspaceCreated).sort(), [false, true])
        const counts = await sql<{ workspaces: number; users: number; keys: number; agreements: number }>`
          select (select count(*)::int from workspaces) as workspaces, (select count(*)::int from users) as users,
                 (select count(*)::int from api_keys) as keys, (select count(*)::int from agreement_versions) as agreements`.execute(
          database.db,
        )
        assert.deepEqual(counts.rows[0], { workspaces: 1, users: 1, keys: 1, agreements: 1 })
      } finally {
        if (second !== database) await second.close()
        await database.close()
      }
    })
  })
}
