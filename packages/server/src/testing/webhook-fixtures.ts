// What the outgoing-webhook HTTP tests share: subscriptions to loopback receivers, hand-raisers that
// make events, a dispatch round on the test clock, and the delivery log as the admin API shows it.
import assert from 'node:assert/strict'
import { after, before, type TestContext } from 'node:test'
import { startTestApp, type TestApp } from './test-app.ts'
import type { TestDialect } from './test-database.ts'
import { startWebhookReceiver } from './webhook-receiver.ts'
import { dispatchWebhooks, type DispatchOptions } from '../webhooks/dispatch-webhooks.ts'
import { staffWithTestReps } from './staffed-agreement.ts'

export const SECOND = 1_000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const ALL_TYPES = ['lead.stage_changed', 'lead.assigned', 'lead.sla_breached', 'lead.recycled']

export type Delivery = {
  id: string
  eventId: string
  eventType: string
  leadId: string | null
  status: string
  attempts: number
  nextAttemptAt: string | null
  lastStatus: number | null
  lastError: string | null
  deliveredAt: string | null
}

export const iso = (ms: number) => new Date(ms).toISOString()

export type WebhookFixtures = Awaited<ReturnType<typeof prepareWebhookFixtures>>
export type WebhookSuite = WebhookFixtures & { app: TestApp }

/**
 * Gives the enclosing `describe` its own app, which may send to loopback receivers, with the fixtures
 * bound to it. The returned object is filled in before the suite's first test, so tests read it, not
 * the suite body.
 */
export function setUpWebhookSuite(dialect: TestDialect): WebhookSuite {
  const suite = {} as WebhookSuite
  before(async () => {
    const app = await startTestApp(dialect, { webhookTargets: { allowPrivate: true } })
    Object.assign(suite, { app }, await prepareWebhookFixtures(app))
  })
  after(async () => suite.app.close())
  return suite
}

/** Staffs the app's agreement with its workspace's reps and returns the helpers bound to the app. */
/** One dispatch round as the server runs it, to local receivers, on the test's clock. */
export function dispatchTestWebhooks(
  app: Pick<TestApp, 'db' | 'clock'>,
  options: Partial<DispatchOptions> = {},
) {
  return dispatchWebhooks(app.db, {
    policy: { allowPrivate: true },
    timeoutMs: 2_000,
    batch: 100,
    concurrency: 4,
    clock: app.clock.now,
    // No jitter: each retry comes exactly one scheduled delay after the failure.
    random: () => 0.5,
    ...options,
  })
}

export async function prepareWebhookFixtures(app: TestApp) {
  // The demo agreement, staffed with this workspace's reps, so a hand-raiser is also assigned.
  // Room for every hand-raiser of a test file, so each is assigned and makes a lead.assigned event.
  await app.replaceAgreement((source) => staffWithTestReps(source, 200))
  let people = 0

  const api = (method: string, path: string, body?: unknown) =>
    app.request(method, `/api/v1${path}`, { key: app.workspace.keys.admin, body })

  /** A receiver and a subscription to it; both go when the test ends, its deliveries with them. */
  const subscribe = async (t: TestContext, eventTypes: string[] = ['lead.stage_changed']) => {
    const receiver = await startWebhookReceiver()
    const created = await api('POST', '/webhooks', { url: receiver.url, eventTypes })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    t.after(async () => {
      await api('DELETE', `/webhooks/${created.body.id}`)
      await receiver.close()
    })
    return { receiver, id: created.body.id as string, secret: created.body.secret as string }
  }

  /** A demo request from someone new: an MQL (lead.stage_changed) routed to a rep (lead.assigned). */
  const ingestHandRaiser = async () => {
    people += 1
    const email = `person${people}@alpha-werk.de`
    const response = await app.request('POST', '/api/v1/events', {
      key: app.workspace.keys.ingest,
      body: {
        events: [
          {
            id: `demo-${people}`,
            type: 'demo_request',
            occurredAt: iso(app.clock.now().getTime() - MINUTE),
            source: 'website',
            contentId: 'demo',
            lead: {
              email,
              title: 'Werkleiter',
              company: {
                domain: 'alpha-werk.de',
                industry: 'maschinenbau',
                employees: 400,
                country: 'DE',
                postcode: '20095',
              },
            },
          },
        ],
      },
    })
    assert.equal(response.status, 200, JSON.stringify(response.body))
    assert.equal(response.body.leads[0].stage, 'mql')
    return { email, leadId: response.body.leads[0].id as string }
  }

  const dispatch = (options: Partial<DispatchOptions> = {}) => dispatchTestWebhooks(app, options)

  const deliveriesOf = async (subscriptionId: string): Promise<Delivery[]> => {
    const response = await api('GET', `/webhooks/${subscriptionId}/deliveries`)
    assert.equal(response.status, 200, JSON.stringify(response.body))
    return response.body.items
  }
  const onlyDeliveryOf = async (subscriptionId: string): Promise<Delivery> => {
    const items = await deliveriesOf(subscriptionId)
    assert.equal(items.length, 1, JSON.stringify(items))
    return items[0]!
  }
  const detailOf = async (subscriptionId: string, deliveryId: string) => {
    const response = await api('GET', `/webhooks/${subscriptionId}/deliveries/${deliveryId}`)
    assert.equal(response.status, 200, JSON.stringify(response.body))
    return response.body
  }
  const now = () => app.clock.now().getTime()

  return { api, subscribe, ingestHandRaiser, dispatch, deliveriesOf, onlyDeliveryOf, detailOf, now }
}
