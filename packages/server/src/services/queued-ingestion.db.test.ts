// Asynchronous ingestion: a batch acknowledged from the queue (queue-events.ts) ends up exactly as the
// same batch ingested synchronously, once applied (apply-queued-events.ts); acknowledged touchpoints are
// never lost nor applied twice, whatever rolls back.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { forEachDatabase } from '../testing/test-database.ts'
import { seedStreamWorkspace } from '../testing/event-stream.ts'
import { inTransaction, withWorkspace } from '../db/tenant-scope.ts'
import { contentRepository } from '../db/content.repository.ts'
import { ingestQueueRepository } from '../db/ingest-queue.repository.ts'
import { INGEST_APPLY_QUEUE } from '../jobs/queue/ingest-apply-queue.ts'
import { QUEUE_SCHEMA } from '../db/migrations/0014-job-queue.ts'
import { ingestBatch } from './ingest-batch.ts'
import { ingestEvents } from './ingest-events.ts'
import { queueEvents } from './queue-events.ts'
import { applyQueuedEvents } from './apply-queued-events.ts'
import type { AuditActor } from './audit.ts'

const NOW = new Date('2026-11-02T09:00:00Z')
const KEY: AuditActor = { type: 'api_key', id: null }
const EVENTS = 320

forEachDatabase('queued ingestion', (suite) => {
  const db = () => suite.db
  const applyAll = async (workspaceId: string, chunk: number) => {
    let applied = 0
    for (;;) {
      const round = await applyQueuedEvents(db(), workspaceId, NOW, chunk)
      applied += round.applied
      if (round.claimed === 0) return applied
    }
  }
  const count = async (table: 'events' | 'leads' | 'ingest_queue', workspaceId: string) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const applyJobs = async (workspaceId: string) =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.id(QUEUE_SCHEMA, 'job')}
          where name = ${INGEST_APPLY_QUEUE.name} and data->>'workspaceId' = ${workspaceId}`.execute(db())
      ).rows[0]!.n,
    )
  const leadsOf = (workspaceId: string) =>
    db()
      .selectFrom('leads')
      .select(['email', 'stage', 'fit_score', 'engagement_score', 'engagement_terms', 'next_check_at'])
      .select(sql<boolean>`owner_id is not null`.as('owned'))
      .where('workspace_id', '=', workspaceId)
      .orderBy('email')
      .execute()

  it('acknowledges without touching leads, and once applied the leads equal a synchronous ingestion', async () => {
    const [direct, queued] = [
      await seedStreamWorkspace(db(), EVENTS),
      await seedStreamWorkspace(db(), EVENTS),
    ]
    for (let start = 0; start < EVENTS; start += 100) {
      const batch = direct.events.slice(start, start + 100)
      const sync = await ingestBatch(db(), direct.workspaceId, KEY, batch, NOW)
      const ack = await queueEvents(db(), queued.workspaceId, KEY, batch, NOW)
      assert.deepEqual([ack.accepted, ack.duplicate, ack.rejected], [sync.accepted, sync.duplicate, 0])
    }
    assert.equal(await count('events', queued.workspaceId), 0)
    assert.equal(await count('leads', queued.workspaceId), 0)
    assert.equal(await count('ingest_queue', queued.workspaceId), EVENTS)
    assert.equal(
      await applyJobs(queued.workspaceId),
      Math.ceil(EVENTS / 100),
      'one apply job per acknowledged batch',
    )

    // Chunks that cut the batches differently, so a lead's touchpoints arrive in several folds.
    assert.equal(await applyAll(queued.workspaceId, 70), EVENTS)
    assert.equal(await count('ingest_queue', queued.workspaceId), 0)
    assert.equal(await count('events', queued.workspaceId), EVENTS)
    const [expected, actual] = [await leadsOf(direct.workspaceId), await leadsOf(queued.workspaceId)]
    const stages = new Set(expected.map((lead) => lead.stage))
    assert.ok(stages.size >= 3, `a varied outcome: ${[...stages].join(', ')}`)
    assert.deepEqual(actual, expected)
  })

  it('counts an id seen before as a duplicate or a conflict, queued or already applied', async () => {
    const { workspaceId, events } = await seedStreamWorkspace(db(), 40)
    const [first, second] = events
    const changed = { ...first!, occurredAt: second!.occurredAt, properties: { note: 'another payload' } }
    assert.equal((await queueEvents(db(), workspaceId, KEY, [first], NOW)).accepted, 1)
    const again = await queueEvents(db(), workspaceId, KEY, [first, changed], NOW)
    assert.deepEqual([again.accepted, again.duplicate, again.rejected], [0, 1, 1])
    assert.equal(again.errors[0]!.code, 'idempotency_conflict')
    // The synchronous path sees what is queued too.
    const sync = await ingestEvents(db(), workspaceId, [changed], NOW)
    assert.deepEqual([sync.accepted, sync.rejected, sync.errors[0]?.code], [0, 1, 'idempotency_conflict'])

    assert.equal(await applyAll(workspaceId, 10), 1)
    const later = await queueEvents(db(), workspaceId, KEY, [first, changed, second], NOW)
    assert.deepEqual([later.accepted, later.duplicate, later.rejected], [1, 1, 1])
  })

  it('keeps nothing of an acknowledgement that rolls back: no queued touchpoint, no job', async () => {
    const { workspaceId, events } = await seedStreamWorkspace(db(), 40)
    await assert.rejects(
      inTransaction(db(), async (trx) => {
        await queueEvents(trx, workspaceId, KEY, events, NOW)
        throw new Error('roll back')
      }),
      /roll back/,
    )
    assert.equal(await count('ingest_queue', workspaceId), 0)
    assert.equal(await applyJobs(workspaceId), 0)
  })

  it('leaves touchpoints queued when applying them rolls back, and applies each once later', async () => {
    const { workspaceId, events } = await seedStreamWorkspace(db(), 40)
    await queueEvents(db(), workspaceId, KEY, events, NOW)
    await assert.rejects(
      inTransaction(db(), async (trx) => {
        const round = await applyQueuedEvents(trx, workspaceId, NOW)
        assert.equal(round.applied, 40)
        throw new Error('connection lost')
      }),
      /connection lost/,
    )
    assert.equal(await count('ingest_queue', workspaceId), 40)
    assert.equal(await count('events', workspaceId), 0)
    assert.equal(await count('leads', workspaceId), 0)
    assert.equal(await applyAll(workspaceId, 25), 40)
    assert.equal(await count('events', workspaceId), 40)
  })

  it('stores a touchpoint whose content left the catalog after the acknowledgement, without its stage', async () => {
    const { workspaceId, events } = await seedStreamWorkspace(db(), 60)
    const withContent = events.find((event) => event.contentId !== undefined)!
    assert.equal((await queueEvents(db(), workspaceId, KEY, [withContent], NOW)).accepted, 1)
    await withWorkspace(db(), workspaceId, (scoped) =>
      contentRepository.remove(scoped, workspaceId, withContent.contentId!),
    )
    assert.equal(await applyAll(workspaceId, 10), 1)
    const stored = await db()
      .selectFrom('events')
      .select(['content_id', 'journey_stage'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    assert.deepEqual(stored, { content_id: withContent.contentId, journey_stage: null })
  })

  it('reports how many touchpoints wait and since when', async () => {
    const { workspaceId, events: all } = await seedStreamWorkspace(db(), 40)
    const events = all.slice(0, 12)
    const empty = await withWorkspace(db(), workspaceId, (scoped) =>
      ingestQueueRepository.depth(scoped, workspaceId),
    )
    assert.deepEqual(empty, { queued: 0, oldestReceivedAt: null })
    await queueEvents(db(), workspaceId, KEY, events, NOW)
    const depth = await withWorkspace(db(), workspaceId, (scoped) =>
      ingestQueueRepository.depth(scoped, workspaceId),
    )
    assert.equal(depth.queued, 12)
    assert.ok(depth.oldestReceivedAt instanceof Date)
  })
})
