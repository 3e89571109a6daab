// ingestBatch is what POST /api/v1/events does: store, project, hand new MQLs to reps, audit. Tested
// here without HTTP, with real repositories and a fixed clock.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { forEachDatabase } from '../testing/test-database.ts'
import { seedTestWorkspace } from '../testing/test-app.ts'
import { staffWithTestReps } from '../testing/staffed-agreement.ts'
import { handRaiser } from '../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../demo/seed-demo-workspace.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { ingestBatch } from './ingest-batch.ts'
import type { AuditActor } from './audit.ts'

const NOW = new Date('2026-11-02T09:00:00Z')
const KEY: AuditActor = { type: 'api_key', id: null }

forEachDatabase('ingestBatch', (suite) => {
  const workspace = async () => {
    const slug = `ingest-${randomBytes(4).toString('hex')}`
    const staffed = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25)
    return seedTestWorkspace(suite.db, slug, {
      agreement: { text: staffed.replaceAll('@acme.test', `@${slug}.test`), format: 'yaml' },
      at: new Date('2026-01-01T00:00:00Z'),
    })
  }
  const auditEntries = (workspaceId: string) =>
    suite.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('workspace_id', '=', workspaceId)
      .where('action', '=', 'events.ingest')
      .execute()

  it('hands a new MQL to a rep before answering and records the batch once in the audit log', async () => {
    const { id, users } = await workspace()
    const outcome = await ingestBatch(
      suite.db,
      id,
      KEY,
      [handRaiser('hr-1', 'anna@alpha-werk.de', { occurredAt: '2026-11-02T08:50:00Z' }), { id: 'bad' }],
      NOW,
    )
    assert.deepEqual([outcome.accepted, outcome.duplicate, outcome.rejected], [1, 0, 1])
    assert.deepEqual(
      outcome.moved.map((move) => move.to),
      ['lead', 'mql'],
    )
    const lead = await suite.db
      .selectFrom('leads')
      .select(['stage', 'owner_id'])
      .where('workspace_id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(lead.stage, 'mql')
    const reps = [users.sales.id, users.sales2.id, users.manager.id]
    assert.ok(reps.includes(lead.owner_id!), `owner ${lead.owner_id}`)
    assert.deepEqual(await auditEntries(id), [
      { action: 'events.ingest', after: { accepted: 1, duplicate: 0, rejected: 1 } },
    ])
  })

  it('writes nothing to the audit log for a batch that stored nothing new', async () => {
    const { id } = await workspace()
    const event = handRaiser('hr-2', 'bernd@beta-bau.de', { occurredAt: '2026-11-02T08:50:00Z' })
    await ingestBatch(suite.db, id, KEY, [event], NOW)
    const again = await ingestBatch(suite.db, id, KEY, [event], NOW)
    assert.deepEqual([again.accepted, again.duplicate], [0, 1])
    assert.equal((await auditEntries(id)).length, 1)
  })

  it('joins the caller’s transaction, so a rollback leaves neither touchpoints nor hand-offs', async () => {
    const { id } = await workspace()
    await assert.rejects(
      inTransaction(suite.db, async (trx) => {
        await ingestBatch(
          trx,
          id,
          KEY,
          [handRaiser('hr-3', 'clara@gamma-guss.de', { occurredAt: '2026-11-02T08:50:00Z' })],
          NOW,
        )
        throw new Error('roll back')
      }),
      /roll back/,
    )
    for (const table of ['events', 'leads', 'decisions'] as const) {
      const rows = await suite.db
        .selectFrom(table)
        .select('workspace_id')
        .where('workspace_id', '=', id)
        .execute()
      assert.equal(rows.length, 0, table)
    }
    assert.deepEqual(await auditEntries(id), [])
  })

  it('gives the leads of a company new to the workspace one account, also when two batches name it at once', async () => {
    const { id } = await workspace()
    const at = { occurredAt: '2026-11-02T08:50:00Z' }
    // Accounts are written last in a batch: both batches project before either has created it.
    await Promise.all([
      ingestBatch(suite.db, id, KEY, [handRaiser('acc-1', 'anna@delta-stahl.de', at)], NOW),
      ingestBatch(suite.db, id, KEY, [handRaiser('acc-2', 'bernd@delta-stahl.de', at)], NOW),
    ])
    await ingestBatch(suite.db, id, KEY, [handRaiser('acc-3', 'clara@delta-stahl.de', at)], NOW)
    const accounts = await suite.db
      .selectFrom('accounts')
      .select(['id', 'domain', 'employees'])
      .where('workspace_id', '=', id)
      .execute()
    assert.deepEqual(
      accounts.map(({ domain, employees }) => ({ domain, employees })),
      [{ domain: 'delta-stahl.de', employees: 400 }],
    )
    const leads = await suite.db
      .selectFrom('leads')
      .select(['email', 'account_id'])
      .where('workspace_id', '=', id)
      .orderBy('email')
      .execute()
    assert.deepEqual(
      leads.map((lead) => lead.account_id),
      [accounts[0]!.id, accounts[0]!.id, accounts[0]!.id],
    )
  })
})
