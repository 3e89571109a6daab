// Checks that the generated histories would behave plausibly under the example agreement
// (shared/examples/agreement-example.md), re-implemented here in simplified form on purpose:
// the generator must not depend on the scoring engine it is meant to test.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_COMPETITOR_DOMAINS,
  FREE_MAIL_DOMAINS,
  generateDemoData,
  type DemoData,
  type DemoEvent,
  type DemoLeadProfile,
} from './generate-demo-data.ts'

const DAY = 86_400_000
const now = new Date('2025-06-15T12:00:00Z')

function fitOf(profile: DemoLeadProfile): number {
  const company = profile.company ?? {}
  let fit = 0
  if (['maschinenbau', 'automotive_zulieferer', 'elektrotechnik'].includes(company.industry ?? '')) fit += 20
  if (['software', 'consulting'].includes(company.industry ?? '')) fit -= 30
  const employees = company.employees
  if (employees !== undefined)
    fit +=
      employees >= 200 && employees <= 5000
        ? 20
        : employees >= 50 && employees < 200
          ? 10
          : employees < 50
            ? -10
            : 0
  if (['DE', 'AT', 'CH'].includes(company.country ?? '')) fit += 10
  if (/leiter|leitung|head of|director|vp |geschäftsführer|coo|cto/i.test(profile.title ?? '')) fit += 15
  if ((FREE_MAIL_DOMAINS as readonly string[]).includes(profile.email.split('@')[1] ?? '')) fit -= 10
  return fit
}

function points(event: DemoEvent, stageOf: Map<string, string | null>): { points: number; halfLife: number } {
  const stage = event.contentId ? stageOf.get(event.contentId) : undefined
  switch (event.type) {
    case 'content_click':
      return { points: stage === 'orientation' ? 2 : 0, halfLife: 30 }
    case 'content_download':
      return { points: stage === 'consideration' ? 10 : 5, halfLife: 30 }
    case 'webinar_registered':
      return { points: 5, halfLife: 30 }
    case 'webinar_attended':
    case 'case_study_view':
    case 'roi_calculator_used':
      return { points: 15, halfLife: 30 }
    case 'page_view':
      return {
        points: event.contentId === 'pricing' ? 10 : event.contentId === 'careers' ? -5 : 0,
        halfLife: event.contentId === 'pricing' ? 14 : 30,
      }
    case 'demo_request':
    case 'contact_sales':
      return { points: 40, halfLife: 30 }
    case 'unsubscribe':
      return { points: -20, halfLife: 30 }
    default:
      return { points: 0, halfLife: 30 }
  }
}

/** Emails of inbound leads that reach MQL at some point, by the example agreement's rules (caps ignored). */
function estimateMqls(data: DemoData): Set<string> {
  const stageOf = new Map(data.contentItems.map((item) => [item.id, item.journeyStage]))
  const byLead = new Map<string, DemoEvent[]>()
  for (const event of data.events) {
    const list = byLead.get(event.lead.email)
    if (list) list.push(event)
    else byLead.set(event.lead.email, [event])
  }
  const mqls = new Set<string>()
  for (const plan of data.plans) {
    const events = byLead.get(plan.email) ?? []
    if (plan.lane !== 'inbound' || events.length === 0) continue
    const profile: DemoLeadProfile = { email: plan.email }
    for (const event of events)
      Object.assign(profile, event.lead, { company: { ...profile.company, ...event.lead.company } })
    const domain = plan.email.split('@')[1] ?? ''
    if (
      /student|praktikant/i.test(profile.title ?? '') ||
      (DEMO_COMPETITOR_DOMAINS as readonly string[]).includes(domain)
    )
      continue
    if (events.some((event) => event.type === 'email_bounced')) continue
    const fit = fitOf(profile)
    const scored = events.map((event) => ({
      at: Date.parse(event.occurredAt),
      event,
      ...points(event, stageOf),
    }))
    for (const current of scored) {
      if ((current.event.type === 'demo_request' || current.event.type === 'contact_sales') && fit >= 20) {
        mqls.add(plan.email)
        break
      }
      let engagement = 0
      let decisions = 0
      for (const past of scored) {
        if (past.at > current.at) break
        engagement += past.points * Math.pow(0.5, (current.at - past.at) / DAY / past.halfLife)
        if (
          current.at - past.at <= 21 * DAY &&
          past.event.contentId &&
          stageOf.get(past.event.contentId) === 'decision'
        )
          decisions++
      }
      if (fit >= 40 && engagement >= 50 && decisions >= 2) {
        mqls.add(plan.email)
        break
      }
    }
  }
  return mqls
}

test('about a quarter of the leads would reach MQL under the example agreement (B2B: 15–30 %)', () => {
  const data = generateDemoData({ seed: 11, leads: 2000, now })
  const mqls = estimateMqls(data)
  const share = mqls.size / data.plans.length
  assert.ok(share >= 0.18 && share <= 0.3, `MQL share ${share.toFixed(3)}`)
  // MQLs should be dominated by real buyers, not by noise.
  const personaOf = new Map(data.plans.map((plan) => [plan.email, plan.persona]))
  const buyers = [...mqls].filter((email) => personaOf.get(email) === 'buyer').length
  assert.ok(buyers / mqls.size > 0.6, `buyers among MQLs ${(buyers / mqls.size).toFixed(2)}`)
})

test('about a tenth of the leads buy, with deal sizes in range', () => {
  const data = generateDemoData({ seed: 12, leads: 3000, now })
  const buyers = data.plans.filter((plan) => plan.willBuy)
  const share = buyers.length / data.plans.length
  assert.ok(share >= 0.07 && share <= 0.13, `buy share ${share.toFixed(3)}`)
  for (const plan of buyers) {
    assert.ok(
      plan.dealAmount !== undefined && plan.dealAmount >= 15_000 && plan.dealAmount <= 250_000,
      `${plan.dealAmount}`,
    )
    assert.equal(plan.likelyRejectReason, undefined)
  }
  for (const plan of data.plans.filter((candidate) => !candidate.willBuy))
    assert.ok(plan.likelyRejectReason, plan.email)
})
