// Leads for the board's API tests: SDR imports that enter as SALs owned by a given rep, and the steps
// that make one of them an open deal (qualify with BANT, open_deal), all through the real API.
import assert from 'node:assert/strict'
import type { TestApp, TestSession } from './test-app.ts'

export type BoardAuth = { key: string } | { session: TestSession }

export type SdrLead = {
  email: string
  owner: string
  firstName?: string
  lastName?: string
  company?: string
}

/** Ingests the leads (one SDR touchpoint each) and returns their ids by e-mail. */
export async function ingestSalLeads(app: TestApp, leads: SdrLead[]): Promise<Map<string, string>> {
  const events = leads.map((lead, index) => ({
    id: `board-sdr-${lead.email}`,
    type: 'sdr_contact',
    occurredAt: new Date(Date.parse('2026-10-20T10:00:00Z') + index * 60_000).toISOString(),
    source: 'sdr_list',
    lead: {
      email: lead.email,
      firstName: lead.firstName ?? 'Test',
      lastName: lead.lastName ?? lead.email.split('@')[0],
      ...(lead.company
        ? { company: { name: lead.company, domain: lead.email.split('@')[1], country: 'DE' } }
        : {}),
    },
    properties: { owner: lead.owner },
  }))
  const ingested = await app.request('POST', '/api/v1/events', {
    key: app.workspace.keys.ingest,
    body: { events },
  })
  assert.equal(ingested.body.accepted, leads.length, JSON.stringify(ingested.body))
  const ids = new Map<string, string>()
  for (const lead of leads) {
    const found = await app.request('GET', `/api/v1/leads?q=${encodeURIComponent(lead.email)}`, {
      key: app.workspace.keys.read,
    })
    assert.equal(found.body.items.length, 1, lead.email)
    ids.set(lead.email, found.body.items[0].id)
  }
  return ids
}

/** Qualifies a SAL and opens a deal on it: the lead becomes an opportunity. */
export async function openDeal(
  app: TestApp,
  auth: BoardAuth,
  leadId: string,
  amount: number,
  currency = 'EUR',
) {
  const act = async (body: unknown) => {
    const response = await app.request('POST', `/api/v1/leads/${leadId}/actions`, { ...auth, body })
    assert.equal(response.status, 200, JSON.stringify(response.body))
  }
  await act({ action: 'qualify', checklist: { bant: ['need', 'budget', 'authority'] } })
  await act({ action: 'open_deal', amount, currency, expectedCloseDate: '2027-03-31' })
}
