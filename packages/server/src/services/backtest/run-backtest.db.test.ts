// runBacktest replays recorded history under two versions with the live fold. Histories are made live
// (ingestBatch, decideLead), so the backtest is checked against what the product really stored.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { forEachDatabase } from '../../testing/test-database.ts'
import { seedTestWorkspace } from '../../testing/test-app.ts'
import { staffWithTestReps } from '../../testing/staffed-agreement.ts'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../../demo/seed-demo-workspace.ts'
import type { Database } from '../../db/tables.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import { ingestBatch } from '../ingest-batch.ts'
import { decideLead } from '../decide-lead.ts'
import { replaceAgreement } from '../replace-agreement.ts'
import type { AuditActor } from '../audit.ts'
import type { LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { isDomainError } from '#core/errors.ts'
import {
  backtestLeadOf,
  collectBacktestLeads,
  replayWindowOf,
  runBacktest,
  type BacktestRequest,
} from './run-backtest.ts'
import { readLeadHistories } from './backtest-history.ts'
import { comparedVersion } from './backtest-versions.ts'
import { startReplayPool } from './replay-pool.ts'
import { parseAgreement } from '#core/agreement/parse-agreement.ts'
import { periodBounds } from '#core/backtest/backtest-weeks.ts'

const KEY: AuditActor = { type: 'api_key', id: null }
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }
const AFTER_NOVEMBER = new Date('2026-12-01T09:00:00Z')
const QUALIFIED: LeadCommand = {
  kind: 'qualify',
  checklist: { confirmed: { bant: ['need', 'budget', 'timeline'] } },
}
// The demo agreement plus: attending a webinar alone makes a lead MQL.
const WEBINAR_MQL = '- { touchpoints: { type: webinar_attended } }'

forEachDatabase('runBacktest', (suite) => {
  const demoText = async (slug: string) =>
    staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25).replaceAll(
      '@acme.test',
      `@${slug}.test`,
    )
  const workspace = async () => {
    const slug = `backtest-${randomBytes(4).toString('hex')}`
    const seeded = await seedTestWorkspace(suite.db, slug, {
      agreement: { text: await demoText(slug), format: 'yaml' },
      at: new Date('2026-01-01T00:00:00Z'),
    })
    return { ...seeded, demoText: () => demoText(slug) }
  }
  const ingest = (workspaceId: string, event: Record<string, unknown> & { occurredAt: string }) =>
    ingestBatch(suite.db, workspaceId, KEY, [event], new Date(Date.parse(event.occurredAt) + 60_000))
  const leadIdOf = (db: Kysely<Database>, workspaceId: string, email: string) =>
    db
      .selectFrom('leads')
      .select(['id', 'owner_id'])
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  const decide = async (workspaceId: string, email: string, command: LeadCommand, at: string) => {
    const lead = await leadIdOf(suite.db, workspaceId, email)
    assert.ok(lead.owner_id, `${email} has an owner`)
    await decideLead(
      suite.db,
      workspaceId,
      lead.id,
      command,
      { type: 'user', id: lead.owner_id },
      new Date(at),
    )
  }

  /**
   * Five leads in November (a: SQL, b: rejected for no budget, c: SAL, d: never MQL, e: MQL left
   * waiting) and one whose whole story is in October, out of the period.
   */
  const smallHistory = async () => {
    const seeded = await workspace()
    const email = (local: string) => `${local}@${local}-werk.de`
    await ingest(seeded.id, handRaiser('f1', email('f'), { occurredAt: '2026-10-15T09:00:00Z' }))
    await ingest(seeded.id, handRaiser('a1', email('a'), { occurredAt: '2026-11-02T08:50:00Z' }))
    await decide(seeded.id, email('a'), { kind: 'accept' }, '2026-11-03T10:00:00Z')
    await decide(seeded.id, email('a'), QUALIFIED, '2026-11-04T10:00:00Z')
    await ingest(seeded.id, handRaiser('b1', email('b'), { occurredAt: '2026-11-05T10:00:00Z' }))
    await decide(seeded.id, email('b'), { kind: 'reject', reason: 'no_budget' }, '2026-11-06T10:00:00Z')
    await ingest(seeded.id, handRaiser('c1', email('c'), { occurredAt: '2026-11-10T10:00:00Z' }))
    await decide(seeded.id, email('c'), { kind: 'accept' }, '2026-11-11T10:00:00Z')
    await ingest(seeded.id, {
      ...handRaiser('d1', email('d'), { occurredAt: '2026-11-12T10:00:00Z' }),
      type: 'content_click',
    })
    await ingest(seeded.id, handRaiser('e1', email('e'), { occurredAt: '2026-11-20T10:00:00Z' }))
    const active = await agreementRepository.findActive(suite.db, seeded.id)
    return { ...seeded, version: active!.version }
  }

  it('backtesting the version history was made under gives what live stored, lead by lead', async () => {
    const { id, version } = await smallHistory()
    const request: BacktestRequest = { candidate: { version }, period: NOVEMBER }
    const input = await collectBacktestLeads(suite.db, id, request, AFTER_NOVEMBER)
    const stored = await suite.db
      .selectFrom('transitions')
      .innerJoin('leads', 'leads.id', 'transitions.lead_id')
      .select(['leads.id', 'transitions.at'])
      .where('transitions.workspace_id', '=', id)
      .where('transitions.to_stage', '=', 'mql')
      .where('transitions.at', '>=', new Date('2026-10-31T23:00:00Z'))
      .orderBy('transitions.at')
      .execute()
    const liveMql = new Map<string, number>()
    for (const row of stored) if (!liveMql.has(row.id)) liveMql.set(row.id, row.at.getTime())
    assert.equal(input.leads.length, 5)
    for (const lead of input.leads) {
      const live = liveMql.get(lead.leadId) ?? null
      assert.equal(lead.candidate.mqlAt, live, lead.leadId)
      assert.equal(lead.baseline.mqlAt, live, lead.leadId)
      assert.equal(lead.actual.reachedAt.mql, live, lead.leadId)
    }
    assert.equal(liveMql.size, 4)

    const report = await runBacktest(suite.db, id, request, AFTER_NOVEMBER)
    assert.equal(report.leads, 5)
    assert.equal(report.changedLeads, 0)
    assert.deepEqual(report.actual.reached, { sal: 2, sql: 1, opportunity: 0, customer: 0 })
    for (const version of report.versions) {
      assert.equal(version.mqls, 4)
      assert.deepEqual(version.precision, { sal: 2 / 4, sql: 1 / 4, opportunity: null, customer: null })
      assert.deepEqual(version.recall, { sal: 1, sql: 1, opportunity: null, customer: null })
      assert.equal(version.medianDaysVsHandOff, 0)
    }
    assert.deepEqual(
      report.versions.map((entry) => entry.version),
      [version, version],
    )
    assert.deepEqual(report.rejections, {
      rejected: 1,
      stillSent: { candidate: 1, baseline: 1 },
      byReason: [{ reason: 'no_budget', rejected: 1, stillSent: { candidate: 1, baseline: 1 } }],
    })
    // Reps sales and sales2 (north), manager (south), and the two Austrian reps, 25 open leads each.
    assert.equal(report.capacityPerWeek, 5 * 25)
  })

  it('a version with the rule conversion depends on has higher precision and recall for SQL', async () => {
    const seeded = await workspace()
    const withWebinarRule = (await seeded.demoText()).replace(
      '# We never let a demo request wait',
      `${WEBINAR_MQL}\n    # We never let a demo request wait`,
    )
    assert.notEqual(withWebinarRule, await seeded.demoText())
    const without = (await agreementRepository.findActive(suite.db, seeded.id))!.version
    const withRule = await replaceAgreement(
      suite.db,
      seeded.id,
      { text: withWebinarRule, format: 'yaml' },
      null,
      new Date('2026-01-02T00:00:00Z'),
    )
    // Live under the version with the rule: webinar attendees reach SQL, demo requests alone are sent back.
    const stories = [
      ...['w1', 'w2', 'w3', 'w4', 'w5'].map((name) => ({ name, webinar: true, demo: false })),
      ...['d1', 'd2', 'd3', 'd4', 'd5'].map((name) => ({ name, webinar: false, demo: true })),
      ...['x1', 'x2'].map((name) => ({ name, webinar: true, demo: true })),
    ]
    for (const [index, story] of stories.entries()) {
      const email = `${story.name}@${story.name}-fabrik.de`
      const day = String(2 + index).padStart(2, '0')
      if (story.webinar) {
        await ingest(seeded.id, {
          ...handRaiser(`${story.name}-webinar`, email, { occurredAt: `2026-11-${day}T09:00:00Z` }),
          type: 'webinar_attended',
          source: 'webinar',
        })
      }
      if (story.demo) {
        await ingest(
          seeded.id,
          handRaiser(`${story.name}-demo`, email, { occurredAt: `2026-11-${day}T10:00:00Z` }),
        )
      }
      if (story.webinar) {
        await decide(seeded.id, email, { kind: 'accept' }, `2026-11-${day}T12:00:00Z`)
        await decide(seeded.id, email, QUALIFIED, `2026-11-${day}T14:00:00Z`)
      } else {
        await decide(seeded.id, email, { kind: 'reject', reason: 'no_need' }, `2026-11-${day}T12:00:00Z`)
      }
    }
    const report = await runBacktest(
      suite.db,
      seeded.id,
      { candidate: { version: withRule.version }, against: without, period: NOVEMBER },
      AFTER_NOVEMBER,
    )
    const [candidate, baseline] = report.versions
    assert.deepEqual([candidate.version, baseline.version], [withRule.version, without])
    assert.equal(report.actual.reached.sql, 7)
    // Candidate: all 12 are MQL, the 7 attendees reached SQL. Baseline: the 7 demo requests are MQL, 2 reached SQL.
    assert.deepEqual([candidate.mqls, baseline.mqls], [12, 7])
    assert.deepEqual([candidate.precision.sql, baseline.precision.sql], [7 / 12, 2 / 7])
    assert.deepEqual([candidate.recall.sql, baseline.recall.sql], [1, 2 / 7])
    assert.ok(candidate.precision.sql! > baseline.precision.sql!)
    assert.ok(candidate.recall.sql! > baseline.recall.sql!)
    assert.equal(report.changedLeads, 5)
    assert.deepEqual(report.rejections.stillSent, { candidate: 5, baseline: 5 })
  })

  it('refuses a reversed, too long or malformed period, an unknown version and an invalid document', async () => {
    const { id, version } = await smallHistory()
    const codeOf = async (request: BacktestRequest) => {
      try {
        await runBacktest(suite.db, id, request, AFTER_NOVEMBER)
      } catch (error) {
        assert.ok(isDomainError(error), String(error))
        return { code: error.code, field: error.details.field }
      }
      assert.fail('expected a DomainError')
    }
    const candidate = { version }
    assert.deepEqual(await codeOf({ candidate, period: { from: '2026-11-30', to: '2026-11-01' } }), {
      code: 'BACKTEST_PERIOD_INVALID',
      field: 'period.to',
    })
    assert.deepEqual(await codeOf({ candidate, period: { from: '2026-02-30', to: '2026-11-01' } }), {
      code: 'BACKTEST_PERIOD_INVALID',
      field: 'period.from',
    })
    assert.deepEqual(await codeOf({ candidate, period: { from: '2021-11-01', to: '2026-11-01' } }), {
      code: 'BACKTEST_PERIOD_TOO_LONG',
      field: 'period.to',
    })
    // Exactly five years is allowed.
    const fiveYears = await runBacktest(
      suite.db,
      id,
      { candidate, period: { from: '2021-11-02', to: '2026-11-01' } },
      AFTER_NOVEMBER,
    )
    assert.equal(fiveYears.period.from, '2021-11-02')
    assert.deepEqual(await codeOf({ candidate: { version: 999 }, period: NOVEMBER }), {
      code: 'AGREEMENT_NOT_FOUND',
      field: 'candidate.version',
    })
    assert.deepEqual(await codeOf({ candidate, against: 1.5, period: NOVEMBER }), {
      code: 'AGREEMENT_NOT_FOUND',
      field: 'against',
    })
    const invalid = { name: 'Half an agreement' } as never
    assert.deepEqual(await codeOf({ candidate: { document: invalid }, period: NOVEMBER }), {
      code: 'AGREEMENT_INVALID',
      field: 'candidate.document',
    })
  })

  it('covers the last 365 days up to today in the workspace time zone unless told otherwise', async () => {
    const { id } = await workspace()
    const version = (await agreementRepository.findActive(suite.db, id))!.version
    // 23:30 UTC on 30 November is already 1 December in Berlin.
    const lateEvening = new Date('2026-11-30T23:30:00Z')
    const whole = await runBacktest(suite.db, id, { candidate: { version } }, lateEvening)
    assert.deepEqual(whole.period, { from: '2025-12-02', to: '2026-12-01', timezone: 'Europe/Berlin' })
    assert.equal(whole.leads, 0)
    assert.equal(whole.versions[0].precision.sql, null)
    const untilOctober = await runBacktest(
      suite.db,
      id,
      { candidate: { version }, period: { to: '2026-10-31' } },
      lateEvening,
    )
    assert.deepEqual([untilOctober.period.from, untilOctober.period.to], ['2025-11-01', '2026-10-31'])
  })

  it('on worker threads, a backtest judges every lead as this thread does, in the order read', async () => {
    const { id, version, demoText } = await smallHistory()
    // A candidate that differs (MQL at engagement 40), so the two versions' results differ somewhere.
    const lowered = parseAgreement(
      (await demoText()).replace('{ score: engagement, gte: 50 }', '{ score: engagement, gte: 40 }'),
    )
    assert.ok(lowered.ok)
    const request: BacktestRequest = {
      candidate: { document: lowered.document },
      against: version,
      period: NOVEMBER,
    }
    const here = await collectBacktestLeads(suite.db, id, { ...request, workers: 0 }, AFTER_NOVEMBER)
    const pooled = await collectBacktestLeads(suite.db, id, { ...request, workers: 2 }, AFTER_NOVEMBER)
    assert.equal(here.leads.length, 5)
    assert.deepEqual(pooled, here)

    // Pages of one or two leads over two workers come back in the order they were sent.
    const window = replayWindowOf(
      periodBounds({ ...NOVEMBER, timezone: 'Europe/Berlin' }),
      'Europe/Berlin',
      AFTER_NOVEMBER,
    )
    const candidate = comparedVersion(null, lowered.document, 'candidate')
    const baseline = comparedVersion(
      version,
      (await agreementRepository.find(suite.db, id, version))!.document,
      'against',
    )
    const pages = []
    for await (const page of readLeadHistories(suite.db, id, window.bounds, 2)) pages.push(page)
    assert.ok(pages.length >= 3, 'several pages')
    const pool = startReplayPool(2, {
      candidate: { version: null, document: candidate.document },
      baseline: { version, document: baseline.document },
      window,
    })
    try {
      const judged = await Promise.all(pages.map((page) => pool.judge(page)))
      const inline = pages.map((page) =>
        page.map((history) => backtestLeadOf(history, candidate, baseline, window)),
      )
      assert.deepEqual(judged, inline)
      // A page a worker cannot judge fails that page, with the worker's reason; the pool goes on.
      await assert.rejects(pool.judge([{ leadId: 'x' } as never]), /backtest replay failed/)
      assert.deepEqual(await pool.judge(pages[0]!), inline[0])
    } finally {
      await pool.close()
    }
    await assert.rejects(pool.judge(pages[0]!), /closed/)
  })

  it('stops with BACKTEST_CANCELLED once its signal is aborted', async () => {
    const { id, version } = await smallHistory()
    const aborted = new AbortController()
    aborted.abort()
    await assert.rejects(
      runBacktest(suite.db, id, { candidate: { version }, signal: aborted.signal }, AFTER_NOVEMBER),
      (error) => isDomainError(error) && error.code === 'BACKTEST_CANCELLED',
    )
    // Aborted while it runs: the page in hand is finished, no report comes back (on worker threads too).
    for (const workers of [0, 2]) {
      const running = new AbortController()
      const progress: Array<[number, number]> = []
      await assert.rejects(
        runBacktest(
          suite.db,
          id,
          {
            candidate: { version },
            period: NOVEMBER,
            signal: running.signal,
            workers,
            onProgress: (done, total) => {
              progress.push([done, total])
              running.abort()
            },
          },
          AFTER_NOVEMBER,
        ),
        (error) => isDomainError(error) && error.code === 'BACKTEST_CANCELLED',
      )
      assert.deepEqual(progress, [[5, 5]], `${workers} workers`)
    }
  })
})
