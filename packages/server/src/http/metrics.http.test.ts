// GET /metrics over real HTTP: who may scrape, and that each count moves by exactly what happened.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { startTestApp, type TestApp } from '../testing/test-app.ts'
import { handRaiser } from '../testing/hand-raiser.ts'
import { setUpWebhookSuite } from '../testing/webhook-fixtures.ts'
import { createMetrics } from '../metrics/metrics.ts'
import { createJobQueue } from '../jobs/queue/job-queue.ts'
import { periodicQueue, workPeriodically } from '../jobs/queue/periodic-round.ts'

type Labels = Record<string, string>
type Sample = { name: string; labels: Labels; value: number }

// The text format's sample line: name, optional {labels}, value (our series carry no timestamps).
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = SAMPLE.exec(line)
      assert.ok(match, `not a sample line: ${line}`)
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(LABEL)].map((pair) => [pair[1]!, pair[2]!]),
      )
      return { name: match[1]!, labels, value: parseValue(match[3]!, line) }
    })
}

// Go's ParseFloat, which Prometheus uses, also takes NaN and ±Inf in any case (prom-client writes "Nan").
function parseValue(text: string, line: string): number {
  if (/^nan$/i.test(text)) return NaN
  if (/^[+-]?inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity
  const value = Number(text)
  assert.ok(Number.isFinite(value), `not a number: ${line}`)
  return value
}

/** The value of the series with exactly these labels; 0 when it does not exist (yet). */
function valueOf(samples: Sample[], name: string, labels: Labels = {}): number {
  const wanted = JSON.stringify(Object.entries(labels).sort())
  const found = samples.find(
    (sample) => sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === wanted,
  )
  return found?.value ?? 0
}

const MINUTE = 60_000

for (const dialect of TEST_DIALECTS) {
  describe(`GET /metrics (${dialect})`, () => {
    let app: TestApp
    before(async () => {
      app = await startTestApp(dialect)
    })
    after(async () => app.close())

    const scrape = async () => {
      const response = await app.request('GET', '/metrics', { key: app.workspace.keys.admin })
      assert.equal(response.status, 200, String(response.body))
      return parseExposition(response.body as string)
    }
    const occurredAt = () => new Date(app.clock.now().getTime() - MINUTE).toISOString()

    test('refuses a scrape without credentials (401) or with a key that is not an admin key (403)', async () => {
      const anonymous = await app.request('GET', '/metrics')
      assert.equal(anonymous.status, 401)
      assert.match(anonymous.headers.get('content-type') ?? '', /^application\/problem\+json/)
      assert.equal(anonymous.body.code, 'UNAUTHENTICATED')
      for (const key of [app.workspace.keys.ingest, app.workspace.keys.read]) {
        const refused = await app.request('GET', '/metrics', { key })
        assert.equal(refused.status, 403)
        assert.equal(refused.body.code, 'FORBIDDEN')
      }
      const wrong = await app.request('GET', '/metrics', { key: 'takt_admin_not-a-real-key' })
      assert.equal(wrong.status, 401)
    })

    test("answers an admin key in the Prometheus text format, with Node's metrics and Takt's", async () => {
      const response = await app.request('GET', '/metrics', { key: app.workspace.keys.admin })
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
      const text = response.body as string
      for (const [name, type] of [
        ['takt_http_request_duration_seconds', 'histogram'],
        ['takt_ingest_events_total', 'counter'],
        ['takt_lead_transitions_total', 'counter'],
        ['takt_webhook_deliveries_total', 'counter'],
        ['takt_job_rounds_total', 'counter'],
        ['takt_queue_depth', 'gauge'],
        ['nodejs_eventloop_lag_seconds', 'gauge'],
      ]) {
        assert.ok(text.includes(`\n# TYPE ${name} ${type}\n`), `${name} ${type}`)
      }
      const samples = parseExposition(text)
      assert.ok(valueOf(samples, 'process_resident_memory_bytes') > 0)
      // Outcomes exist at zero before anything happened, so rate() and alerts see them from the start.
      assert.equal(valueOf(samples, 'takt_webhook_deliveries_total', { outcome: 'dead' }), 0)
      assert.ok(samples.some((sample) => sample.name === 'takt_webhook_deliveries_total'))
      // No connection pool on PGlite or in tests, so no pool series.
      assert.ok(!samples.some((sample) => sample.name.startsWith('takt_db_pool_')))
    })

    test('counts a batch by outcome, exactly, and the stage changes it caused', async () => {
      const before = await scrape()
      const fresh = handRaiser('metrics-1', 'erika.muster@stahlbau-nord.de', { occurredAt: occurredAt() })
      const rejected = { ...fresh, id: 'metrics-2', lead: { email: 'not an address' } }
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: [fresh, fresh, rejected] },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.deepEqual([response.body.accepted, response.body.duplicate, response.body.rejected], [1, 1, 1])
      assert.equal(response.body.leads[0].stage, 'mql')
      const afterBatch = await scrape()
      const moved = (samples: Sample[], name: string, labels: Labels) =>
        valueOf(samples, name, labels) - valueOf(before, name, labels)
      for (const outcome of ['accepted', 'duplicate', 'rejected']) {
        assert.equal(moved(afterBatch, 'takt_ingest_events_total', { outcome }), 1, outcome)
      }
      // A new lead enters the lifecycle and the demo request makes it an MQL, both by the system.
      assert.equal(moved(afterBatch, 'takt_lead_transitions_total', { to: 'lead', actor: 'system' }), 1)
      assert.equal(moved(afterBatch, 'takt_lead_transitions_total', { to: 'mql', actor: 'system' }), 1)

      // Sent again, the stored touchpoint is a duplicate and moves no lead.
      const again = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: [fresh] },
      })
      assert.equal(again.body.duplicate, 1)
      const afterRepeat = await scrape()
      assert.equal(moved(afterRepeat, 'takt_ingest_events_total', { outcome: 'duplicate' }), 2)
      assert.equal(moved(afterRepeat, 'takt_ingest_events_total', { outcome: 'accepted' }), 1)
      assert.equal(moved(afterRepeat, 'takt_lead_transitions_total', { to: 'mql', actor: 'system' }), 1)
    })

    test('labels requests by route pattern and status, never by the raw URL', async () => {
      const ingested = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [handRaiser('metrics-3', 'jan.berg@feinwerk-sued.de', { occurredAt: occurredAt() })],
        },
      })
      const leadId = ingested.body.leads[0].id as string
      const detail = { method: 'GET', route: '/api/v1/leads/:id', status: '200' }
      const missing = { method: 'POST', route: 'unmatched', status: '404' }
      const before = await scrape()
      for (let i = 0; i < 2; i++) {
        const read = await app.request('GET', `/api/v1/leads/${leadId}`, { key: app.workspace.keys.read })
        assert.equal(read.status, 200)
      }
      const unknown = await app.request('POST', `/api/v1/no-such-route/${leadId}`, {
        key: app.workspace.keys.read,
        body: {},
      })
      assert.equal(unknown.status, 404)
      const response = await app.request('GET', '/metrics', { key: app.workspace.keys.admin })
      const samples = parseExposition(response.body as string)
      const count = 'takt_http_request_duration_seconds_count'
      assert.equal(valueOf(samples, count, detail) - valueOf(before, count, detail), 2)
      assert.equal(valueOf(samples, count, missing) - valueOf(before, count, missing), 1)
      // Every observation lands in the +Inf bucket, and took some time.
      const inf = { ...detail, le: '+Inf' }
      assert.equal(
        valueOf(samples, 'takt_http_request_duration_seconds_bucket', inf),
        valueOf(samples, count, detail),
      )
      assert.ok(valueOf(samples, 'takt_http_request_duration_seconds_sum', detail) > 0)
      assert.ok(!(response.body as string).includes(leadId), 'a raw URL became a label')
    })

    test("counts a rep's accept as a user's move to SAL, and the team queue shrinks by one", async () => {
      const ingested = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: [handRaiser('metrics-4', 'ina.roth@formbau-west.de', { occurredAt: occurredAt() })] },
      })
      const leadId = ingested.body.leads[0].id as string
      const before = await scrape()
      const rep = await app.login(app.workspace.users.sales.email)
      const accepted = await app.request('POST', `/api/v1/leads/${leadId}/actions`, {
        session: rep,
        body: { action: 'accept' },
      })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
      assert.equal(accepted.body.stage, 'sal')
      // A refused action changes nothing.
      const refused = await app.request('POST', `/api/v1/leads/${leadId}/actions`, {
        session: rep,
        body: { action: 'accept' },
      })
      assert.equal(refused.status, 409)
      const after = await scrape()
      const sal = { to: 'sal', actor: 'user' }
      assert.equal(
        valueOf(after, 'takt_lead_transitions_total', sal) -
          valueOf(before, 'takt_lead_transitions_total', sal),
        1,
      )
      const waiting = { queue: 'mql_waiting' }
      assert.equal(
        valueOf(after, 'takt_queue_depth', waiting),
        valueOf(before, 'takt_queue_depth', waiting) - 1,
      )
    })

    test('reports queue depths as the database counts them', async () => {
      const samples = await scrape()
      const now = app.clock.now()
      const { rows } = await sql<Record<string, string>>`
        select
          (select count(*) from webhook_deliveries where status = 'pending') as webhook_pending,
          (select count(*) from webhook_deliveries where status = 'dead') as webhook_dead,
          (select count(*) from leads where stage = 'mql' and owner_id is null) as mql_waiting,
          (select count(*) from leads where sla_check_at <= ${now}) as sla_due`.execute(app.db)
      for (const [queue, count] of Object.entries(rows[0]!)) {
        assert.equal(valueOf(samples, 'takt_queue_depth', { queue }), Number(count), queue)
      }
      assert.ok(valueOf(samples, 'takt_queue_depth', { queue: 'mql_waiting' }) >= 2)
    })
  })

  describe(`GET /metrics with TAKT_METRICS_PUBLIC (${dialect})`, () => {
    test('answers a scraper without credentials', async () => {
      const app = await startTestApp(dialect, { metricsPublic: true })
      try {
        const response = await app.request('GET', '/metrics')
        assert.equal(response.status, 200)
        assert.ok(parseExposition(response.body as string).length > 0)
      } finally {
        await app.close()
      }
    })
  })

  describe(`job and webhook metrics (${dialect})`, () => {
    const suite = setUpWebhookSuite(dialect)

    test('counts each webhook attempt by outcome: delivered, retrying, gone', async (t) => {
      const { app, subscribe, ingestHandRaiser, dispatch } = suite
      const metrics = createMetrics({ db: app.db, clock: app.clock.now })
      const onOutcome = metrics.countDelivery
      const { receiver } = await subscribe(t)
      await ingestHandRaiser()
      assert.equal(await dispatch({ onOutcome }), 1)
      receiver.respond(() => ({ status: 503 }))
      await ingestHandRaiser()
      assert.equal(await dispatch({ onOutcome }), 1)
      receiver.respond(() => ({ status: 410 }))
      app.clock.advance(24 * 60 * MINUTE)
      assert.equal(await dispatch({ onOutcome }), 1)
      const samples = parseExposition(await metrics.registry.metrics())
      const outcomes = ['delivered', 'retrying', 'dead', 'gone'].map((outcome) =>
        valueOf(samples, 'takt_webhook_deliveries_total', { outcome }),
      )
      assert.deepEqual(outcomes, [1, 1, 0, 1])
    })

    test('counts job rounds, the items they did and the rounds that failed', async () => {
      const metrics = createMetrics({ db: suite.app.db, clock: suite.app.clock.now })
      const results: Array<{ done: number; full: boolean } | 'fail'> = [
        { done: 3, full: true },
        { done: 2, full: false },
        'fail',
        { done: 0, full: false },
      ]
      let calls = 0
      const log = { error: () => {}, warn: () => {} }
      // The rounds run as jobs on the queue, as main.ts runs them: a failed one is the queue's to retry.
      const queue = createJobQueue({
        db: suite.app.db,
        databaseUrl: suite.app.databaseUrl,
        queues: [periodicQueue('probe')],
        log,
        observer: metrics.jobs,
        pollingIntervalSeconds: 0.5,
      })
      await queue.start()
      const round = async () => {
        const next = results[Math.min(calls++, results.length - 1)]!
        if (next === 'fail') throw new Error('round failed')
        return next
      }
      await workPeriodically(queue, suite.app.db, { name: 'probe', everyMs: 5, round }, metrics.jobs)
      while (calls < results.length) await sleep(5)
      await queue.stop()
      const samples = parseExposition(await metrics.registry.metrics())
      const rounds = valueOf(samples, 'takt_job_rounds_total', { job: 'probe' })
      // Two rounds in the first job, the failure, then at least one empty round (more if the next job ran too).
      assert.ok(rounds >= 3, String(rounds))
      assert.equal(rounds, calls - 1)
      assert.equal(valueOf(samples, 'takt_job_items_total', { job: 'probe' }), 5)
      assert.equal(valueOf(samples, 'takt_job_failures_total', { job: 'probe' }), 1)
    })
  })
}
