import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { forEachDatabase, createTestWorkspace } from '../testing/test-database.ts'
import { withWorkspace } from './tenant-scope.ts'
import { TENANT_TABLES } from './migrations/0005-tenant-isolation.ts'

forEachDatabase('row-level tenant isolation', (suite) => {
  test('a query without any workspace filter sees only the scoped workspace', async () => {
    const a = await createTestWorkspace(suite.db, 'A')
    const b = await createTestWorkspace(suite.db, 'B')
    for (const workspace of [a, b]) {
      await suite.db
        .insertInto('leads')
        .values({
          workspace_id: workspace.id,
          email: 'same@example.de',
          stage: 'lead',
          stage_entered_at: new Date(),
          scored_at: new Date(),
        })
        .execute()
    }
    const seen = await withWorkspace(suite.db, a.id, (db) =>
      db.selectFrom('leads').select('workspace_id').execute(),
    )
    assert.deepEqual(
      seen.map((row) => row.workspace_id),
      [a.id],
    )
    const workspaces = await withWorkspace(suite.db, a.id, (db) =>
      db.selectFrom('workspaces').select('id').execute(),
    )
    assert.deepEqual(
      workspaces.map((row) => row.id),
      [a.id],
    )
  })

  test('writing into another workspace is refused by the database', async () => {
    const a = await createTestWorkspace(suite.db, 'A')
    const b = await createTestWorkspace(suite.db, 'B')
    await assert.rejects(
      withWorkspace(suite.db, a.id, (db) =>
        db
          .insertInto('leads')
          .values({
            workspace_id: b.id,
            email: 'x@example.de',
            stage: 'lead',
            stage_entered_at: new Date(),
            scored_at: new Date(),
          })
          .execute(),
      ),
      /row-level security/,
    )
    const updated = await withWorkspace(suite.db, a.id, (db) =>
      db.updateTable('workspaces').set({ name: 'hijacked' }).where('id', '=', b.id).executeTakeFirst(),
    )
    assert.equal(Number(updated.numUpdatedRows), 0)
  })

  test('every table that holds workspace data is under the policy', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'workspace_id' order by table_name`.execute(suite.db)
    const protectedTables = await sql<{ relname: string }>`
      select relname from pg_class where relrowsecurity and relnamespace = 'public'::regnamespace`.execute(
      suite.db,
    )
    const isolated = new Set(protectedTables.rows.map((row) => row.relname))
    assert.deepEqual(
      rows.map((row) => row.table_name).filter((table) => !isolated.has(table)),
      [],
    )
    assert.ok(TENANT_TABLES.every((table) => isolated.has(table)))
  })
})
