// The pages a backtest reads: the leads of a period found through the logs' lead indexes must be
// exactly those the plain definition gives (a touchpoint or a stage change in [start, end)), in id
// order across pages, and their compact touchpoints exactly what the row reader gives.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eventRepository } from '../../db/event.repository.ts'
import { leadRepository } from '../../db/lead.repository.ts'
import { createTestWorkspace, forEachDatabase } from '../../testing/test-database.ts'
import { createRandom } from '#core/demo/random.ts'
import { countLeadsInPeriod, readLeadHistories } from './backtest-history.ts'

const START = Date.parse('2026-11-01T00:00:00Z')
const END = Date.parse('2026-12-01T00:00:00Z')
const BOUNDS = { start: START, end: END }
const DAY = 86_400_000

type Log = { events: Array<{ at: string; source?: string; content?: string }>; changes: string[] }

forEachDatabase('backtest history', (suite) => {
  const seed = async (db: Kysely<Database>, logs: Log[]) => {
    const workspace = await createTestWorkspace(db)
    const ids: string[] = []
    for (const [index, log] of logs.entries()) {
      const id = randomUUID()
      ids.push(id)
      await db
        .insertInto('leads')
        .values({
          workspace_id: workspace.id,
          id,
          email: `lead${index}@werk${index}.de`,
          stage: 'lead',
          stage_entered_at: new Date(START),
          scored_at: new Date(START),
        })
        .execute()
      for (const [number, event] of log.events.entries()) {
        await db
          .insertInto('events')
          .values({
            workspace_id: workspace.id,
            client_id: `${index}-${number}`,
            lead_id: id,
            type: number % 2 ? 'page_view' : 'content_download',
            occurred_at: event.at,
            source: event.source ?? null,
            content_id: event.content ?? null,
            journey_stage: event.content ? 'decision' : null,
            topics: event.content ? JSON.stringify(['mes', 'aps']) : null,
            properties: JSON.stringify({ path: `/p/${number}` }),
            lead_fields: JSON.stringify({ email: `lead${index}@werk${index}.de`, title: 'Werkleiter' }),
            payload_hash: 'test',
          })
          .execute()
      }
      for (const [seq, at] of log.changes.entries()) {
        await db
          .insertInto('transitions')
          .values({
            workspace_id: workspace.id,
            lead_id: id,
            seq,
            from_stage: seq === 0 ? null : 'lead',
            to_stage: seq === 0 ? 'lead' : 'mql',
            at,
            actor_type: 'system',
            trigger: JSON.stringify({ kind: 'touchpoint' }),
            fit_score: 10,
            engagement_score: 20,
          })
          .execute()
      }
    }
    return { workspaceId: workspace.id, ids }
  }

  // The definition, as plain as it reads: every lead of the workspace probed for both kinds of rows.
  const expectedIds = async (db: Kysely<Database>, workspaceId: string) => {
    const { rows } = await sql<{ id: string }>`
      select id from leads
      where workspace_id = ${workspaceId} and (
        exists (select 1 from events where events.workspace_id = leads.workspace_id
          and events.lead_id = leads.id and occurred_at >= ${new Date(START)} and occurred_at < ${new Date(END)})
        or exists (select 1 from transitions where transitions.workspace_id = leads.workspace_id
          and transitions.lead_id = leads.id and at >= ${new Date(START)} and at < ${new Date(END)}))
      order by id`.execute(db)
    return rows.map((row) => row.id)
  }

  const readAll = async (db: Kysely<Database>, workspaceId: string, pageSize: number) => {
    const pages = []
    for await (const page of readLeadHistories(db, workspaceId, BOUNDS, pageSize)) pages.push(page)
    return pages
  }

  it('reads the leads with a touchpoint or a stage change in the period, bounds as [start, end)', async () => {
    const iso = (at: number) => new Date(at).toISOString()
    const { workspaceId, ids } = await seed(suite.db, [
      { events: [{ at: iso(START + 3 * DAY) }], changes: [] }, // 0: touchpoint in the period
      { events: [{ at: iso(START - 40 * DAY) }], changes: [iso(START - 40 * DAY), iso(START + DAY)] }, // 1: only a change in it
      { events: [{ at: iso(END + DAY) }], changes: [iso(START - DAY)] }, // 2: before and after, nothing in it
      { events: [], changes: [] }, // 3: no log at all
      { events: [{ at: iso(START) }], changes: [] }, // 4: at the start: in
      { events: [{ at: iso(END) }], changes: [iso(END)] }, // 5: at the end: out
      { events: [{ at: iso(END - 1) }], changes: [] }, // 6: the last millisecond: in
    ])
    const pages = await readAll(suite.db, workspaceId, 2)
    const read = pages.flat().map((history) => history.leadId)
    const inPeriod = new Set([0, 1, 4, 6].map((index) => ids[index]!))
    assert.deepEqual(read, [...inPeriod].sort())
    assert.deepEqual(read, await expectedIds(suite.db, workspaceId))
    assert.equal(await countLeadsInPeriod(suite.db, workspaceId, BOUNDS), 4)
    // The lead judged by its stage change alone still comes with its whole log.
    const onlyChange = pages.flat().find((history) => history.leadId === ids[1])!
    assert.equal(onlyChange.touchpoints.length, 1)
    assert.equal(onlyChange.stageChanges.length, 2)
  })

  it('pages through many leads in id order as the plain definition finds them, whatever the page size', async () => {
    const random = createRandom(7)
    const logs: Log[] = Array.from({ length: 60 }, () => ({
      events: Array.from({ length: random.int(0, 4) }, () => ({
        at: new Date(START + random.int(-60, 60) * DAY + random.int(0, DAY)).toISOString(),
      })),
      changes: Array.from({ length: random.int(0, 2) }, () =>
        new Date(START + random.int(-60, 60) * DAY).toISOString(),
      ),
    }))
    const { workspaceId } = await seed(suite.db, logs)
    const expected = await expectedIds(suite.db, workspaceId)
    assert.ok(expected.length > 10 && expected.length < 60, `a mix of leads in and out (${expected.length})`)
    for (const pageSize of [1, 3, 7, 500]) {
      const pages = await readAll(suite.db, workspaceId, pageSize)
      assert.deepEqual(
        pages.flat().map((history) => history.leadId),
        expected,
        `page size ${pageSize}`,
      )
      assert.ok(pages.every((page) => page.length <= pageSize))
    }
    assert.equal(await countLeadsInPeriod(suite.db, workspaceId, BOUNDS), expected.length)
  })

  it('gives each lead the touchpoints and stage changes the row readers give, in replay order', async () => {
    const { workspaceId, ids } = await seed(suite.db, [
      {
        events: [
          // Stored with microseconds: read as whole milliseconds, as a Date keeps them.
          { at: '2026-11-05T10:00:00.123456Z', source: 'website', content: 'roi-rechner' },
          { at: '2026-11-03T08:00:00Z' },
          { at: '2026-11-05T10:00:00.123456Z', source: 'webinar' },
          { at: '1969-12-31T23:59:59.999500Z' },
        ],
        changes: ['2026-11-03T08:00:00Z', '2026-11-05T10:00:00Z'],
      },
      { events: [{ at: '2026-11-20T12:00:00Z', source: 'newsletter' }], changes: [] },
    ])
    const histories = (await readAll(suite.db, workspaceId, 500)).flat()
    const rows = await eventRepository.listForLeads(suite.db, workspaceId, ids)
    const transitions = await leadRepository.listTransitions(suite.db, workspaceId, ids)
    for (const history of histories) {
      const expected = (rows.get(history.leadId) ?? []).map(({ seq, leadId, receivedAt, ...touchpoint }) => {
        assert.ok(seq > 0 && leadId === history.leadId && receivedAt instanceof Date)
        return touchpoint
      })
      assert.deepEqual(history.touchpoints, expected)
      assert.deepEqual(
        history.stageChanges,
        transitions
          .filter((row) => row.lead_id === history.leadId)
          .map((row) => ({
            from: row.from_stage,
            to: row.to_stage,
            at: row.at.getTime(),
            reason: row.reason,
            actor: { type: row.actor_type },
          })),
      )
    }
    const first = histories.find((history) => history.leadId === ids[0])!
    assert.deepEqual(
      first.touchpoints.map((touchpoint) => touchpoint.occurredAt),
      [
        Date.parse('1969-12-31T23:59:59.999Z'),
        Date.parse('2026-11-03T08:00:00Z'),
        Date.parse('2026-11-05T10:00:00.123Z'),
        Date.parse('2026-11-05T10:00:00.123Z'),
      ],
    )
  })
})
