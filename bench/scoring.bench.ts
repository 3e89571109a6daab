// The compiled agreement against json-rules-engine: the demo agreement's fit rules, engagement rules,
// disqualifiers and MQL criteria evaluated for the same seeded demo leads at one instant, by Takt's
// compiled evaluators and by equivalent json-rules-engine rules (bench/scoring-rules.ts). Both sides
// must reach the same verdict for every lead before anything is timed.
// Usage: node bench/scoring.bench.ts [--leads 200] [--rounds 5] (json-rules-engine takes ~15 ms a lead).
import { recordResults } from './results.ts'
import { createRulesEngineScorer, type Verdict } from './scoring-rules.ts'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { readFile } from 'node:fs/promises'
import { parseAgreement } from '../packages/core/src/agreement/parse-agreement.ts'
import { compileAgreement, type CompiledAgreement } from '../packages/core/src/agreement/compile-agreement.ts'
import { generateDemoData, type DemoData } from '../packages/core/src/demo/generate-demo-data.ts'
import { mergeLeadFields, type LeadProfile } from '../packages/core/src/lead/lead-profile.ts'
import { creditTouchpoints, engagementAt } from '../packages/core/src/scoring/credit-touchpoints.ts'
import { conditionContext } from '../packages/core/src/scoring/score-lead.ts'
import { compareTouchpoints, type Touchpoint } from '../packages/core/src/touchpoint/touchpoint.ts'

const { values } = parseArgs({
  options: { leads: { type: 'string', default: '200' }, rounds: { type: 'string', default: '5' } },
})
const leadCount = Number(values.leads)
const rounds = Number(values.rounds)
const now = new Date('2026-11-30T12:00:00Z')
const at = now.getTime()

const text = await readFile(
  new URL('../packages/core/src/agreement/fixtures/dach-production-planning.yaml', import.meta.url),
  'utf8',
)
const parsed = parseAgreement(text)
if (!parsed.ok) throw new Error(`demo agreement invalid: ${JSON.stringify(parsed.errors)}`)
const agreement = compileAgreement(parsed.document)
const baseline = createRulesEngineScorer(parsed.document)

type BenchLead = { profile: LeadProfile; touchpoints: Touchpoint[] }
const leads = toLeads(generateDemoData({ seed: 42, leads: leadCount, now }), agreement)
const touchpointCount = leads.reduce((sum, lead) => sum + lead.touchpoints.length, 0)

// What the product does for a lead at one instant (replayLead's measure + evaluate): credit every
// touchpoint through the engagement rules with caps, decay to the instant, the fit rules, the
// disqualifiers and the lane's MQL criteria over scores, signals and hand-raisers.
function evaluateWithTakt(lead: BenchLead): Verdict {
  const credits = creditTouchpoints(agreement, lead.touchpoints)
  const engagement = engagementAt(credits, at)
  const context = conditionContext(agreement, lead.profile, lead.touchpoints, lead.touchpoints.length, at, {
    engagement,
    engagementSinceRecycled: 0,
  })
  const disqualifier = agreement.disqualifiers.find((rule) => rule.condition.test(context))
  return {
    fit: context.scores.fit,
    engagement,
    disqualifiedBy: disqualifier?.id ?? null,
    mql: agreement.laneForSource(lead.profile.source).mql.test(context),
  }
}

function evaluateWithRulesEngine(lead: BenchLead): Promise<Verdict> {
  return baseline.evaluate(lead.profile, { at, touchpoints: lead.touchpoints })
}

// Equivalence first: a comparison of different work is worthless.
let agreeing = 0
const disagreements: string[] = []
const tally = { mql: 0, disqualified: 0 }
for (const lead of leads) {
  const takt = evaluateWithTakt(lead)
  const other = await evaluateWithRulesEngine(lead)
  const same =
    takt.fit === other.fit &&
    Math.abs(takt.engagement - other.engagement) < 1e-9 &&
    takt.disqualifiedBy === other.disqualifiedBy &&
    takt.mql === other.mql
  if (same) agreeing++
  else disagreements.push(`${lead.profile.email}: takt ${JSON.stringify(takt)} vs ${JSON.stringify(other)}`)
  if (takt.mql) tally.mql++
  if (takt.disqualifiedBy) tally.disqualified++
}
console.log(
  `scoring bench: ${leads.length} demo leads (seed 42), ${touchpointCount} touchpoints, instant ${now.toISOString()}`,
)
const document = parsed.document
console.log(
  `  both sides, per lead: ${document.fit.rules.length} fit rules on the lead's fields; ` +
    `${document.engagement.rules.length} engagement rules on each touchpoint,\n` +
    `  with caps per Berlin calendar period and decay to the instant; ` +
    `${document.disqualifiers?.length ?? 0} disqualifiers; the MQL criteria\n` +
    `  (fit and engagement thresholds, the decision_shift signal over the touchpoints, a hand-raiser).\n` +
    `  Takt: the compiled agreement (creditTouchpoints, engagementAt, conditionContext, disqualifiers, lane MQL).\n` +
    `  json-rules-engine: one run per lead (fit, disqualifier and MQL rules over the facts lead and history =\n` +
    `  touchpoints up to the instant, with a dynamic engagement fact) and, inside it, one run of the engagement\n` +
    `  rules per touchpoint (${(touchpointCount / leads.length).toFixed(1)} a lead); custom operators for ` +
    `case-insensitive in, word patterns\n  and touchpoint counts; caps and decay in plain JS after the engine matched.`,
)
console.log(
  `  verdicts agree (fit, engagement, disqualifier, MQL yes/no) on ${agreeing} of ${leads.length} leads` +
    ` (${tally.mql} meet the MQL criteria, ${tally.disqualified} disqualified)`,
)
if (agreeing !== leads.length) {
  for (const line of disagreements.slice(0, 10)) console.error(`  differs: ${line}`)
  throw new Error('the two sides disagree; not timing different work')
}

// Takt is timed over repeated passes so a round lasts ~0.5 s; evaluations/s either way.
function timeTakt(passes: number): number {
  const start = performance.now()
  for (let pass = 0; pass < passes; pass++) {
    for (const lead of leads) evaluateWithTakt(lead)
  }
  return (passes * leads.length) / ((performance.now() - start) / 1000)
}
async function timeRulesEngine(): Promise<number> {
  const start = performance.now()
  for (const lead of leads) await evaluateWithRulesEngine(lead)
  return leads.length / ((performance.now() - start) / 1000)
}

const warmUp = timeTakt(3)
const passes = Math.max(1, Math.ceil((0.5 * warmUp) / leads.length))
// json-rules-engine is warm from the equivalence pass above.
const taktRates: number[] = []
const engineRates: number[] = []
for (let round = 0; round < rounds; round++) {
  taktRates.push(timeTakt(passes))
  engineRates.push(await timeRulesEngine())
}
const takt = median(taktRates)
const engine = median(engineRates)
const ratio = takt / engine
console.log(
  `  Takt:              ${Math.round(takt).toLocaleString('en')} evaluations/s (median of ${rounds})`,
)
console.log(
  `  json-rules-engine: ${Math.round(engine).toLocaleString('en')} evaluations/s (median of ${rounds})`,
)
console.log(`  ratio ${ratio.toFixed(0)}× (goal ≥ 200×)`)

await recordResults('scoring', {
  leads: leads.length,
  touchpoints: touchpointCount,
  instant: now.toISOString(),
  agreeingLeads: agreeing,
  rounds,
  taktEvaluationsPerSecond: Math.round(takt),
  jsonRulesEngineEvaluationsPerSecond: Math.round(engine),
  ratioToJsonRulesEngine: Math.round(ratio * 10) / 10,
})

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

// Touchpoints as ingestion stores them (stage and topics from the content catalog), grouped by lead and
// sorted in replay order; the profile merged from their lead fields, as the fold merges it.
function toLeads(data: DemoData, compiled: CompiledAgreement): BenchLead[] {
  const catalog = new Map(data.contentItems.map((item) => [item.id, item]))
  const byEmail = new Map<string, Touchpoint[]>()
  for (const event of data.events) {
    const occurredAt = Date.parse(event.occurredAt)
    if (occurredAt > at) continue
    const email = event.lead.email.toLowerCase()
    const item = event.contentId === undefined ? undefined : catalog.get(event.contentId)
    const touchpoint: Touchpoint = {
      id: event.id,
      type: event.type,
      occurredAt,
      source: event.source,
      ...(event.contentId === undefined ? {} : { contentId: event.contentId }),
      ...(item?.journeyStage ? { journeyStage: item.journeyStage } : {}),
      ...(item ? { topics: item.topics } : {}),
      properties: event.properties ?? {},
      leadFields: { ...event.lead, email },
    }
    const list = byEmail.get(email)
    if (list) list.push(touchpoint)
    else byEmail.set(email, [touchpoint])
  }
  return [...byEmail].map(([email, touchpoints]) => {
    touchpoints.sort(compareTouchpoints)
    let profile: LeadProfile = { email }
    for (const touchpoint of touchpoints) profile = mergeLeadFields(profile, touchpoint.leadFields ?? {})
    const source = touchpoints[0]!.source
    return { touchpoints, profile: { ...profile, lane: compiled.laneForSource(source).id, source } }
  })
}
