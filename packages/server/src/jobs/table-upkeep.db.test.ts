// The upkeep round analyzes a table once it has outgrown the statistics the planner has of it, and
// leaves it alone after that until it grows again.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { forEachDatabase, createTestWorkspace } from '../testing/test-database.ts'
import { tableUpkeepJob } from './table-upkeep.job.ts'

forEachDatabase('table upkeep', (suite) => {
  it('vacuums and analyzes a table that grew, and only until its statistics catch up', async () => {
    await tableUpkeepJob.handle(suite.db)
    const workspace = await createTestWorkspace(suite.db)
    await sql`
      insert into leads (workspace_id, email, stage, stage_entered_at, scored_at)
      select ${workspace.id}, 'upkeep-' || g || '@example.de', 'lead', now(), now()
      from generate_series(1, 3000) as g`.execute(suite.db)
    const first = await tableUpkeepJob.handle(suite.db)
    assert.ok(first.includes('leads'), first.join(', '))
    const { rows } = await sql<{ reltuples: number }>`
      select reltuples from pg_class where oid = 'public.leads'::regclass`.execute(suite.db)
    assert.ok(Number(rows[0]!.reltuples) >= 3000, `the planner now knows ${rows[0]!.reltuples} leads`)
    assert.deepEqual(await tableUpkeepJob.handle(suite.db), [])
  })
})
