import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_COLD_OUTREACH_SHARE,
  DEMO_COMPETITOR_DOMAINS,
  DEMO_PERSONA_WEIGHTS,
  DEMO_REPS_BY_TEAM,
  DEMO_SDR_EMAILS,
  FREE_MAIL_DOMAINS,
  generateDemoData,
  type DemoData,
  type DemoEvent,
  type DemoPersona,
} from './generate-demo-data.ts'

const now = new Date('2025-06-15T12:00:00Z')
const EVENT_TYPES = new Set([
  'consent_given',
  'page_view',
  'content_click',
  'content_download',
  'webinar_registered',
  'webinar_attended',
  'case_study_view',
  'roi_calculator_used',
  'demo_request',
  'contact_sales',
  'unsubscribe',
  'email_bounced',
  'email_open',
])
const INBOUND_SOURCES = new Set(['website', 'webinar', 'trade_fair', 'partner_referral', 'newsletter'])
const domainOf = (email: string) => email.slice(email.indexOf('@') + 1)

const small = generateDemoData({ seed: 1, leads: 300, now })
const large = generateDemoData({ seed: 2, leads: 4000, now })

function firstEvents(data: DemoData): Map<string, DemoEvent> {
  const first = new Map<string, DemoEvent>()
  for (const event of data.events) if (!first.has(event.lead.email)) first.set(event.lead.email, event)
  return first
}

test('the same options give the same data; another seed gives other data', () => {
  assert.deepEqual(generateDemoData({ seed: 1, leads: 300, now }), small)
  const other = generateDemoData({ seed: 3, leads: 300, now })
  assert.notDeepEqual(other.events, small.events)
  assert.notDeepEqual(other.plans, small.plans)
})

test('event ids are unique and stable, events sorted by time then id, all inside the window', () => {
  const windowStart = Date.parse('2024-12-15T12:00:00Z')
  for (const data of [small, large]) {
    assert.equal(new Set(data.events.map((event) => event.id)).size, data.events.length)
    data.events.forEach((event, index) => {
      assert.match(event.id, /^demo-\d+-\d+$/)
      const at = Date.parse(event.occurredAt)
      assert.equal(new Date(at).toISOString(), event.occurredAt)
      assert.ok(at >= windowStart && at <= now.getTime(), `${event.id} at ${event.occurredAt}`)
      const previous = data.events[index - 1]
      if (previous)
        assert.ok(
          previous.occurredAt < event.occurredAt ||
            (previous.occurredAt === event.occurredAt && previous.id < event.id),
        )
    })
  }
  const oneMonth = generateDemoData({ seed: 4, leads: 200, now, months: 1 })
  assert.ok(
    oneMonth.events.every((event) => Date.parse(event.occurredAt) >= Date.parse('2025-05-15T12:00:00Z')),
  )
})

test('event types are the agreed ones and every contentId is in the catalog', () => {
  const catalog = new Set(large.contentItems.map((item) => item.id))
  for (const event of large.events) {
    assert.ok(EVENT_TYPES.has(event.type), event.type)
    if (event.contentId !== undefined) assert.ok(catalog.has(event.contentId), event.contentId)
  }
})

test('the catalog holds the ids the agreement refers to', () => {
  const items = new Map(small.contentItems.map((item) => [item.id, item]))
  assert.ok(items.size >= 25 && items.size <= 35 && items.size === small.contentItems.length)
  for (const [id, kind, stage] of [
    ['pricing', 'page', 'decision'],
    ['careers', 'page', null],
    ['demo', 'form', 'decision'],
    ['contact-sales', 'form', 'decision'],
    ['roi-calculator', 'tool', 'decision'],
  ] as const) {
    assert.equal(items.get(id)?.kind, kind, id)
    assert.equal(items.get(id)?.journeyStage, stage, id)
  }
  for (const item of small.contentItems) {
    if (item.kind === 'blog_post' || item.kind === 'newsletter')
      assert.equal(item.journeyStage, 'orientation', item.id)
    if (item.kind === 'webinar' || item.kind === 'product_page')
      assert.equal(item.journeyStage, 'consideration', item.id)
    if (item.kind === 'case_study') assert.equal(item.journeyStage, 'decision', item.id)
  }
})

test('users: one admin, two marketers, a sales manager and 6-9 reps in three teams, SDRs among them', () => {
  const { users } = small
  const count = (role: string) => users.filter((user) => user.role === role).length
  assert.deepEqual([count('admin'), count('marketing'), count('sales_manager')], [1, 2, 1])
  assert.ok(count('sales') >= 6 && count('sales') <= 9)
  assert.ok(users.some((user) => user.email === 'admin@demo.takt.dev' && user.role === 'admin'))
  assert.ok(users.every((user) => user.email.endsWith('@demo.takt.dev')))
  for (const [team, emails] of Object.entries(DEMO_REPS_BY_TEAM)) {
    assert.deepEqual(
      users.filter((user) => user.team === team).map((user) => user.email),
      [...emails],
    )
  }
  for (const sdr of DEMO_SDR_EMAILS) assert.equal(users.find((user) => user.email === sdr)?.role, 'sales')
})

test('the persona mix is roughly as intended', () => {
  const expected = (persona: DemoPersona) =>
    (1 - DEMO_COLD_OUTREACH_SHARE) * DEMO_PERSONA_WEIGHTS.inbound[persona] +
    DEMO_COLD_OUTREACH_SHARE * DEMO_PERSONA_WEIGHTS.cold_outreach[persona]
  for (const persona of Object.keys(DEMO_PERSONA_WEIGHTS.inbound) as DemoPersona[]) {
    const share = large.plans.filter((plan) => plan.persona === persona).length / large.plans.length
    assert.ok(
      Math.abs(share - expected(persona)) < 0.03,
      `${persona}: ${share.toFixed(3)} vs ${expected(persona).toFixed(3)}`,
    )
  }
  const cold = large.plans.filter((plan) => plan.lane === 'cold_outreach').length / large.plans.length
  assert.ok(Math.abs(cold - DEMO_COLD_OUTREACH_SHARE) < 0.03, `cold outreach ${cold}`)
})

test('the first event sets the lane; cold outreach starts from an SDR list owned by an SDR', () => {
  const first = firstEvents(large)
  const sdrs = new Set(
    large.users
      .filter((user) => user.role === 'sales')
      .map((user) => user.email)
      .filter((email) => (DEMO_SDR_EMAILS as readonly string[]).includes(email)),
  )
  assert.equal(sdrs.size, 2)
  for (const plan of large.plans) {
    const event = first.get(plan.email)
    assert.ok(event, `no events for ${plan.email}`)
    if (plan.lane === 'cold_outreach') {
      assert.equal(event.source, 'sdr_list')
      assert.ok(event.type === 'email_open' || event.type === 'page_view')
      assert.ok(sdrs.has(String(event.properties?.owner)))
      assert.equal(plan.ownerEmail, event.properties?.owner)
    } else {
      assert.ok(INBOUND_SOURCES.has(event.source), event.source)
      assert.equal(plan.ownerEmail, undefined)
    }
  }
  // Some prospects later read content on their own.
  const coldEmails = new Set(
    large.plans.filter((plan) => plan.lane === 'cold_outreach').map((plan) => plan.email),
  )
  assert.ok(
    large.events.some((event) => coldEmails.has(event.lead.email) && event.type === 'content_download'),
  )
})

test('the first event carries the profile, later ones only the e-mail and updates', () => {
  const seen = new Set<string>()
  let titleChanges = 0
  for (const event of large.events) {
    if (!seen.has(event.lead.email)) {
      seen.add(event.lead.email)
      continue
    }
    assert.equal(event.lead.firstName, undefined)
    assert.equal(event.lead.lastName, undefined)
    if (event.lead.title !== undefined) titleChanges++
  }
  assert.ok(titleChanges > 0)
  const profiles = [...firstEvents(large).values()].map((event) => event.lead)
  assert.ok(profiles.filter((lead) => lead.title && lead.company?.name).length > profiles.length * 0.6)
})

test('personas leave their typical traces', () => {
  const byLead = new Map<string, DemoEvent[]>()
  for (const event of large.events)
    byLead.set(event.lead.email, [...(byLead.get(event.lead.email) ?? []), event])
  const first = firstEvents(large)
  for (const plan of large.plans) {
    const events = byLead.get(plan.email) ?? []
    const domain = domainOf(plan.email)
    assert.equal(
      (DEMO_COMPETITOR_DOMAINS as readonly string[]).includes(domain),
      plan.persona === 'competitor',
      plan.email,
    )
    if (plan.persona === 'bad_data')
      assert.ok(
        events.some((event) => event.type === 'email_bounced'),
        plan.email,
      )
    else assert.ok(!events.some((event) => event.type === 'email_bounced'), plan.email)
    if (plan.persona === 'student')
      assert.match(first.get(plan.email)?.lead.title ?? '', /student|praktikant/i)
    if (plan.persona === 'job_seeker') assert.ok(events.some((event) => event.contentId === 'careers'))
  }
  assert.ok(large.events.some((event) => event.type === 'unsubscribe'))
  assert.ok(
    large.events.some((event) => event.properties?.utm_campaign !== undefined && event.source === 'website'),
  )
})

test('companies look like the DACH manufacturing market, several leads per large account', () => {
  const profiles = [...firstEvents(large).values()].map((event) => event.lead)
  const companies = new Map<string, { name?: string; employees?: number; leads: number }>()
  const industries = new Set([
    'maschinenbau',
    'automotive_zulieferer',
    'elektrotechnik',
    'kunststofftechnik',
    'metallverarbeitung',
    'software',
    'consulting',
    'handel',
  ])
  for (const { company } of profiles) {
    if (company?.domain === undefined) continue
    assert.ok(industries.has(company.industry ?? ''), company.industry)
    assert.ok((company.employees ?? 0) >= 10 && (company.employees ?? 0) <= 8000, String(company.employees))
    assert.ok(['DE', 'AT', 'CH', 'NL', 'PL', 'US'].includes(company.country ?? ''))
    if (company.country === 'DE') assert.match(company.postcode ?? '', /^[123789]\d{4}$/)
    const known = companies.get(company.domain)
    if (known) {
      assert.equal(known.name, company.name, 'one name per domain')
      known.leads++
    } else companies.set(company.domain, { name: company.name, employees: company.employees, leads: 1 })
  }
  const de =
    profiles.filter((lead) => lead.company?.country === 'DE').length /
    profiles.filter((lead) => lead.company?.country).length
  assert.ok(de > 0.6 && de < 0.9, `DE share ${de}`)
  assert.ok([...companies.values()].some((company) => company.leads >= 5 && (company.employees ?? 0) >= 1000))
  const freeMail =
    profiles.filter((lead) => (FREE_MAIL_DOMAINS as readonly string[]).includes(domainOf(lead.email)))
      .length / profiles.length
  assert.ok(freeMail > 0.08 && freeMail < 0.17, `free-mail share ${freeMail}`)
})

test('300 leads give a few thousand events quickly; volume grows linearly', () => {
  const started = performance.now()
  const data = generateDemoData({ seed: 9, leads: 300, now })
  const elapsed = performance.now() - started
  assert.ok(data.events.length >= 4000 && data.events.length <= 10_000, `${data.events.length} events`)
  // 0.5 s is the target; leave head-room for a loaded CI machine.
  assert.ok(elapsed < 1500, `${elapsed.toFixed(0)} ms`)
  const perLead = large.events.length / large.plans.length
  assert.ok(Math.abs(perLead - data.events.length / 300) < 3, `${perLead} events per lead`)
})

test('invalid options are refused', () => {
  assert.throws(() => generateDemoData({ seed: 1, leads: -1, now }), RangeError)
  assert.throws(() => generateDemoData({ seed: 1, leads: 1.5, now }), RangeError)
  assert.throws(() => generateDemoData({ seed: 1, leads: 10, now, months: 0 }), RangeError)
  assert.throws(() => generateDemoData({ seed: 1, leads: 10, now: new Date(Number.NaN) }), RangeError)
  assert.deepEqual(generateDemoData({ seed: 1, leads: 0, now }).events, [])
})
