import { it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { createTestWorkspace, forEachDatabase } from '../testing/test-database.ts'
import { openDatabase } from './database.ts'
import { migrateToLatest } from './migrate.ts'
import type { Database } from './tables.ts'

const AT = new Date('2026-03-02T08:15:00.123Z')

async function insertLead(db: Kysely<Database>, workspaceId: string, email: string) {
  return db
    .insertInto('leads')
    .values({
      workspace_id: workspaceId,
      email,
      stage: 'lead',
      stage_entered_at: AT,
      scored_at: AT,
      first_touch_at: AT,
      last_touch_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

function insertEvent(db: Kysely<Database>, workspaceId: string, leadId: string, clientId: string) {
  return db
    .insertInto('events')
    .values({
      workspace_id: workspaceId,
      client_id: clientId,
      lead_id: leadId,
      type: 'page_view',
      occurred_at: AT,
      topics: JSON.stringify(['oee', 'feinplanung']),
      properties: JSON.stringify({ path: '/preise', depth: 2, nested: { ok: true } }),
      payload_hash: 'hash',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

// A description of each value's JS type, so one expectation pins down both drivers.
function typesOf(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value === null ? 'null' : (value?.constructor.name ?? typeof value),
    ]),
  )
}

forEachDatabase('database', (suite) => {
  it('returns Dates, numbers and parsed jsonb', async () => {
    const workspace = await createTestWorkspace(suite.db)
    const lead = await insertLead(suite.db, workspace.id, 'anna@example.com')
    const event = await insertEvent(suite.db, workspace.id, lead.id, 'c-1')
    assert.ok(event.occurred_at instanceof Date && event.occurred_at.getTime() === AT.getTime())
    assert.equal(typeof event.seq, 'number')
    assert.deepEqual(event.topics, ['oee', 'feinplanung'])
    assert.deepEqual(event.properties, { path: '/preise', depth: 2, nested: { ok: true } })
    assert.deepEqual(event.lead_fields, {})
    assert.equal(typeof workspace.id, 'string')
  })

  it('maps every column type the same way on both drivers', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select now() as timestamptz, 9007199254740991::bigint as int8, count(*) as count, 42::int as int4,
        1.5::numeric as numeric, avg(x) as average, 0.25::double precision as float8, '2026-03-02'::date as date,
        '{"a":[1,"b"]}'::jsonb as jsonb, '[1,2]'::json as json, true as bool, gen_random_uuid() as uuid, null::text as nothing
      from (values (1), (2)) as t(x)`.execute(suite.db)
    const row = rows[0]!
    assert.deepEqual(typesOf(row), {
      timestamptz: 'Date',
      int8: 'Number',
      count: 'Number',
      int4: 'Number',
      numeric: 'Number',
      average: 'Number',
      float8: 'Number',
      date: 'String',
      jsonb: 'Object',
      json: 'Array',
      bool: 'Boolean',
      uuid: 'String',
      nothing: 'null',
    })
    assert.deepEqual(
      [row.int8, row.count, row.numeric, row.average, row.date],
      [9007199254740991, 2, 1.5, 1.5, '2026-03-02'],
    )
    assert.deepEqual(row.jsonb, { a: [1, 'b'] })
  })

  it('fails loudly rather than round a bigint beyond 2^53', async () => {
    await assert.rejects(
      sql`select 9007199254740993::bigint as big`.execute(suite.db),
      /does not fit a JS number/,
    )
  })

  it('refuses a JS array as a jsonb parameter, as node-postgres does', async () => {
    const refusal = suite.kind === 'pglite' ? /JSON\.stringify/ : { code: '22P02' }
    await assert.rejects(sql`select ${['a', 'b']}::jsonb as topics`.execute(suite.db), refusal)
    const { rows } = await sql<{
      topics: string[]
    }>`select ${JSON.stringify(['a'])}::jsonb as topics`.execute(suite.db)
    assert.deepEqual(rows[0]!.topics, ['a'])
  })

  it('counts affected rows of writes', async () => {
    const workspace = await createTestWorkspace(suite.db)
    await insertLead(suite.db, workspace.id, 'a@example.com')
    await insertLead(suite.db, workspace.id, 'b@example.com')
    const result = await suite.db
      .updateTable('leads')
      .set({ fit_score: 10 })
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow()
    assert.equal(result.numUpdatedRows, 2n)
  })

  it('accepts a touchpoint id once per workspace, and the same id in another workspace', async () => {
    const first = await createTestWorkspace(suite.db)
    const second = await createTestWorkspace(suite.db)
    const lead = await insertLead(suite.db, first.id, 'anna@example.com')
    const other = await insertLead(suite.db, second.id, 'anna@example.com')
    await insertEvent(suite.db, first.id, lead.id, 'form-17')
    await assert.rejects(insertEvent(suite.db, first.id, lead.id, 'form-17'), { code: '23505' })
    await insertEvent(suite.db, second.id, other.id, 'form-17')
  })

  it('keeps one lead per e-mail per workspace, stored lower-case', async () => {
    const first = await createTestWorkspace(suite.db)
    const second = await createTestWorkspace(suite.db)
    await insertLead(suite.db, first.id, 'ben@example.com')
    await assert.rejects(insertLead(suite.db, first.id, 'ben@example.com'), { code: '23505' })
    await assert.rejects(insertLead(suite.db, first.id, 'Ben@example.com'), { code: '23514' })
    await insertLead(suite.db, second.id, 'ben@example.com')
  })

  it('allows only one active agreement version per workspace', async () => {
    const workspace = await createTestWorkspace(suite.db)
    const version = (n: number) => ({
      workspace_id: workspace.id,
      version: n,
      name: `v${n}`,
      document: '{}',
      source: 'name: v',
      status: 'active' as const,
    })
    await suite.db.insertInto('agreement_versions').values(version(1)).execute()
    await assert.rejects(suite.db.insertInto('agreement_versions').values(version(2)).execute(), {
      code: '23505',
    })
  })

  it('keeps the log when a lead is deleted, and drops everything with its workspace', async () => {
    const workspace = await createTestWorkspace(suite.db)
    const lead = await insertLead(suite.db, workspace.id, 'carla@example.com')
    await insertEvent(suite.db, workspace.id, lead.id, 'c-1')
    const deleteLead = suite.db
      .deleteFrom('leads')
      .where('workspace_id', '=', workspace.id)
      .where('id', '=', lead.id)
    await assert.rejects(deleteLead.execute(), { code: '23503' })
    await suite.db.deleteFrom('workspaces').where('id', '=', workspace.id).execute()
    const left = await suite.db
      .selectFrom('events')
      .select('seq')
      .where('workspace_id', '=', workspace.id)
      .execute()
    assert.deepEqual(left, [])
  })

  it('runs in UTC whatever the server is set to', async () => {
    const { rows } = await sql<{ zone: string }>`select current_setting('TimeZone') as zone`.execute(suite.db)
    assert.equal(rows[0]!.zone, 'UTC')
  })
})

it('creates the PGlite folder on first start and finds its data again', async () => {
  const root = await mkdtemp(join(tmpdir(), 'takt-'))
  const dataDir = join(root, 'nested', 'data')
  try {
    const first = await openDatabase({ dataDir })
    await migrateToLatest(first.db)
    await first.db.insertInto('workspaces').values({ slug: 'kept', name: 'Kept' }).execute()
    await first.close()
    assert.ok((await readdir(join(dataDir, 'pglite'))).includes('PG_VERSION'))
    const second = await openDatabase({ dataDir })
    assert.equal(second.kind, 'pglite')
    const row = await second.db.selectFrom('workspaces').select('slug').executeTakeFirst()
    await second.close()
    assert.deepEqual(row, { slug: 'kept' })
  } finally {
    await rm(root, { recursive: true, force: true })
  }
})
