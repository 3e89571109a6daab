// The predictive score over HTTP: a workspace without outcomes is told so; one whose conversion follows a
// known field learns it, ranks it first and explains a lead's prediction by it; fields known only after
// hand-off never become features; who may train, and what bad input gets.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import {
  seedOutcomeHistories,
  type SeedChange,
  type SeedLead,
  type SeedTouchpoint,
} from '../../testing/seed-outcomes.ts'
import { runPredictionTraining } from '../../jobs/prediction-training.job.ts'

const DAY = 86_400_000
const PROBLEM = /application\/problem\+json/

/** mulberry32: the same leads on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Leads handed off as MQL; those in machine building ("Maschinenbau") mostly reach SQL, those in retail
 * ("Handel") mostly come back. Title and country are noise. Each lead also carries `custom.segment`, set
 * before hand-off and as telling as the industry (the workspace marks it post-hand-off), and
 * `custom.budget`, which sales syncs after the hand-off and which gives the outcome away.
 */
function outcomeLeads(count: number, now: number): SeedLead[] {
  const random = seeded(42)
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!
  return Array.from({ length: count }, (_, index) => {
    const industry = index % 2 === 0 ? 'Maschinenbau' : 'Handel'
    const converts = random() < (industry === 'Maschinenbau' ? 0.75 : 0.15)
    const start = now - (400 - (index % 300)) * DAY
    const handOff = new Date(start + 10 * DAY)
    const touchpoints: SeedTouchpoint[] = [
      {
        type: 'page_view',
        at: new Date(start),
        source: pick(['google', 'linkedin', 'newsletter']),
        leadFields: {
          title: pick(['Leiter Fertigung', 'Einkauf', 'Geschäftsführer']),
          country: pick(['DE', 'AT', 'CH']),
          company: { industry },
          custom: { segment: converts ? 'A' : 'B' },
        },
      },
      ...Array.from({ length: 1 + Math.floor(random() * 4) }, (_, n) => ({
        type: pick(['page_view', 'content_download', 'webinar_attended']),
        at: new Date(start + (n + 1) * DAY),
      })),
      { type: 'demo_request', at: handOff },
      {
        type: 'crm_sync',
        at: new Date(handOff.getTime() + 5 * DAY),
        leadFields: { custom: { budget: converts ? 'approved' : 'none' } },
      },
    ]
    const changes: SeedChange[] = [
      { from: null, to: 'lead', at: new Date(start), by: 'system' },
      { from: 'lead', to: 'mql', at: handOff, by: 'system' },
      { from: 'mql', to: 'sal', at: new Date(handOff.getTime() + DAY), by: 'user' },
      converts
        ? { from: 'sal', to: 'sql', at: new Date(handOff.getTime() + 8 * DAY), by: 'user' }
        : {
            from: 'sal',
            to: 'recycled',
            at: new Date(handOff.getTime() + 8 * DAY),
            by: 'user',
            reason: 'no_budget',
          },
    ]
    return { email: `lead${index}@firma${index}.de`, touchpoints, changes }
  })
}

const jobContext = () => ({ signal: new AbortController().signal, retryCount: 0, progress: async () => true })

for (const dialect of TEST_DIALECTS) {
  describe(`predictive score API (${dialect})`, () => {
    let app: TestApp
    let marketing: TestSession
    let rep: TestSession
    let open: { machine: string; retail: string }

    before(async () => {
      app = await startTestApp(dialect)
      marketing = await app.login(app.workspace.users.marketing.email)
      rep = await app.login(app.workspace.users.sales.email)
    })
    after(() => app.close())

    const train = async (session: TestSession, body: unknown = {}) => {
      const started = await app.request('POST', '/api/v1/models', { session, body })
      assert.equal(started.status, 202, JSON.stringify(started.body))
      await runPredictionTraining(
        app.db,
        { workspaceId: app.workspace.id, version: started.body.version },
        jobContext(),
        app.clock.now,
      )
      return started.body.version as number
    }

    test('without outcomes a run ends as insufficient, keeps no model, and lead pages say so', async () => {
      const [lead] = await seedOutcomeHistories(app.db, app.workspace.id, [
        {
          email: 'early@firma.de',
          touchpoints: [{ type: 'page_view', at: new Date(app.clock.now().getTime() - DAY) }],
          changes: [],
        },
      ])
      const version = await train(marketing)
      const current = await app.request('GET', '/api/v1/models/current', { session: rep })
      assert.equal(current.status, 200)
      assert.equal(current.body.model, null)
      assert.equal(current.body.latest.version, version)
      assert.equal(current.body.latest.status, 'insufficient')
      assert.deepEqual(
        [current.body.latest.outcomes.positives, current.body.latest.outcomes.negatives],
        [0, 0],
      )
      assert.equal(current.body.minimumPerKind, 200)
      // A rep sees only their own leads: marketing reads this unassigned one.
      const prediction = await app.request('GET', `/api/v1/leads/${lead}/prediction`, { session: marketing })
      const hidden = await app.request('GET', `/api/v1/leads/${lead}/prediction`, { session: rep })
      assert.equal(hidden.status, 404)
      assert.equal(prediction.status, 200, JSON.stringify(prediction.body))
      assert.deepEqual([prediction.body.state, prediction.body.probability], ['insufficient', null])
    })

    test('learns the field conversion follows, never from fields known after hand-off, and explains leads by it', async () => {
      const now = app.clock.now().getTime()
      await seedOutcomeHistories(app.db, app.workspace.id, outcomeLeads(900, now))
      const [machine, retail] = await seedOutcomeHistories(
        app.db,
        app.workspace.id,
        (['Maschinenbau', 'Handel'] as const).map((industry, index) => ({
          email: `open${index}@neu.de`,
          touchpoints: [
            {
              type: 'page_view',
              at: new Date(now - 3 * DAY),
              source: 'google',
              leadFields: { company: { industry }, custom: { segment: 'A' } },
            },
            { type: 'content_download', at: new Date(now - DAY) },
          ],
          changes: [{ from: null, to: 'lead', at: new Date(now - 3 * DAY), by: 'system' }],
        })),
      )
      open = { machine: machine!, retail: retail! }
      const settings = await app.request('PUT', '/api/v1/models/settings', {
        session: marketing,
        body: { postHandOffFields: ['custom.segment'] },
      })
      assert.equal(settings.status, 200, JSON.stringify(settings.body))

      const version = await train(marketing, { target: 'sql' })
      const current = await app.request('GET', '/api/v1/models/current', { session: rep })
      const model = current.body.model
      assert.equal(model.version, version)
      assert.equal(model.status, 'completed')
      assert.equal(model.outcomes.positives + model.outcomes.negatives, 900)
      assert.ok(
        model.outcomes.positives >= 200 && model.outcomes.negatives >= 200,
        JSON.stringify(model.outcomes),
      )
      assert.deepEqual(
        model.figures.models.map((figures: { name: string }) => figures.name),
        ['logreg', 'hgb'],
      )
      for (const figures of model.figures.models) assert.ok(figures.rocAuc > 0.75, JSON.stringify(figures))
      assert.equal(model.model.kind, model.figures.chosen)
      // Known at hand-off and telling: first. Synced after it, or marked so: never a feature.
      assert.equal(model.model.importance[0].feature, 'company.industry')
      assert.ok(!model.model.features.includes('custom.budget'), model.model.features.join())
      assert.ok(!model.model.features.includes('custom.segment'), model.model.features.join())
      assert.equal(
        model.model.reliability.reduce((sum: number, band: { count: number }) => sum + band.count, 0),
        model.figures.split.testRows,
      )
      // The detail of a version reads the same; an unknown one is 404.
      const detail = await app.request('GET', `/api/v1/models/${version}`, { session: rep })
      assert.deepEqual(detail.body.model.importance, model.model.importance)
      const unknown = await app.request('GET', '/api/v1/models/999', { session: rep })
      assert.equal(unknown.status, 404)
      assert.match(unknown.headers.get('content-type') ?? '', PROBLEM)
      assert.equal(unknown.body.code, 'MODEL_NOT_FOUND')

      const machinePrediction = (
        await app.request('GET', `/api/v1/leads/${open.machine}/prediction`, { session: marketing })
      ).body
      const retailPrediction = (
        await app.request('GET', `/api/v1/leads/${open.retail}/prediction`, { session: marketing })
      ).body
      assert.equal(machinePrediction.state, 'scored')
      assert.equal(machinePrediction.basis, 'now')
      assert.equal(machinePrediction.model.version, version)
      assert.ok(
        machinePrediction.probability > retailPrediction.probability + 0.3,
        `${machinePrediction.probability} vs ${retailPrediction.probability}`,
      )
      const strongest = machinePrediction.factors.positive[0]
      assert.equal(strongest.feature, 'company.industry')
      assert.equal(strongest.value, 'Maschinenbau')
      assert.match(strongest.text.en, /^company\.industry = Maschinenbau: \+\d\.\d\d log-odds$/)
      assert.match(strongest.text.de, /^company\.industry = Maschinenbau: \+\d,\d\d Log-Odds$/)
      assert.equal(retailPrediction.factors.negative[0].feature, 'company.industry')
      // Every feature's contribution, from the average training lead, adds up to the prediction.
      const sum = machinePrediction.contributions.reduce(
        (total: number, factor: { contribution: number }) => total + factor.contribution,
        machinePrediction.baseValue,
      )
      assert.ok(Math.abs(sum - machinePrediction.logOdds) < 1e-9, `${sum} vs ${machinePrediction.logOdds}`)
      assert.equal(machinePrediction.contributions.length, model.model.features.length)
      // Every lead scored by the new version: the list shows and sorts by the same probability.
      const byPrediction = await app.request('GET', '/api/v1/leads?sort=predicted&order=desc&limit=100', {
        session: marketing,
      })
      assert.equal(byPrediction.status, 200, JSON.stringify(byPrediction.body))
      const shown = byPrediction.body.items.map((item: { predicted: number | null }) => item.predicted)
      assert.ok(
        shown.every((value: number | null) => value !== null),
        JSON.stringify(shown),
      )
      assert.deepEqual(
        shown,
        [...shown].sort((a: number, b: number) => b - a),
      )
      const listedMachine = (await app.request('GET', '/api/v1/leads?q=open0@neu.de', { session: marketing }))
        .body.items[0]
      assert.ok(Math.abs(listedMachine.predicted - machinePrediction.probability) < 1e-6)
      // A new lead arriving through ingestion is scored as it is projected.
      const ingested = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            {
              id: 'fresh-1',
              type: 'page_view',
              occurredAt: new Date(now - 60_000).toISOString(),
              source: 'website',
              lead: { email: 'fresh@maschinen.de', company: { industry: 'Maschinenbau' } },
            },
          ],
        },
      })
      assert.equal(ingested.body.accepted, 1, JSON.stringify(ingested.body))
      const fresh = (await app.request('GET', '/api/v1/leads?q=fresh@maschinen.de', { session: marketing }))
        .body.items[0]
      const freshPrediction = (
        await app.request('GET', `/api/v1/leads/${fresh.id}/prediction`, { session: marketing })
      ).body
      assert.ok(
        fresh.predicted !== null && Math.abs(fresh.predicted - freshPrediction.probability) < 1e-6,
        JSON.stringify([fresh.predicted, freshPrediction.probability]),
      )
      const listed = await app.request('GET', '/api/v1/models', { session: rep })
      assert.deepEqual(
        listed.body.items.map((run: { version: number }) => run.version),
        [version, version - 1],
      )
    })

    test('a run asked for while one is queued is that run; reps may not train nor mark fields', async () => {
      const first = await app.request('POST', '/api/v1/models', { session: marketing, body: {} })
      const second = await app.request('POST', '/api/v1/models', { session: marketing, body: {} })
      assert.deepEqual([first.status, first.body.started], [202, true])
      assert.deepEqual(
        [second.status, second.body.started, second.body.version],
        [202, false, first.body.version],
      )
      const refused = await app.request('POST', '/api/v1/models', { session: rep, body: {} })
      assert.equal(refused.status, 403)
      const refusedSettings = await app.request('PUT', '/api/v1/models/settings', {
        session: rep,
        body: { postHandOffFields: [] },
      })
      assert.equal(refusedSettings.status, 403)
    })

    test('bad input is a 400 naming the field, and changes nothing', async () => {
      const badTarget = await app.request('POST', '/api/v1/models', {
        session: marketing,
        body: { target: 'won' },
      })
      assert.equal(badTarget.status, 400)
      assert.match(badTarget.headers.get('content-type') ?? '', PROBLEM)
      assert.match(JSON.stringify(badTarget.body), /target/)
      const badField = await app.request('PUT', '/api/v1/models/settings', {
        session: marketing,
        body: { postHandOffFields: ['custom.budget', '$(rm -rf)'] },
      })
      assert.equal(badField.status, 400)
      assert.match(JSON.stringify(badField.body), /postHandOffFields/)
      const settings = await app.request('GET', '/api/v1/models/settings', { session: rep })
      assert.deepEqual(settings.body.postHandOffFields, ['custom.segment'])
      const badVersion = await app.request('GET', '/api/v1/models/0', { session: rep })
      assert.equal(badVersion.status, 400)
      const badLead = await app.request('GET', '/api/v1/leads/not-a-uuid/prediction', { session: rep })
      assert.equal(badLead.status, 400)
      const otherLead = await app.request(
        'GET',
        '/api/v1/leads/00000000-0000-4000-8000-000000000000/prediction',
        { session: rep },
      )
      assert.equal(otherLead.status, 404)
    })
  })
}
