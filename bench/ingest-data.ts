// The ingest bench's touchpoints, all from fixed seeds: demo histories cut to an exact count, the
// same stream with a share arriving late, and a separate pool of small batches to time under load.
import { generateDemoData, type DemoEvent } from '../packages/core/src/demo/generate-demo-data.ts'
import { createRandom } from '../packages/core/src/demo/random.ts'

export const BENCH_NOW = new Date('2026-11-30T12:00:00Z')

/**
 * `events` touchpoints of exactly `leads` people in the order they happened. The generator makes ~16
 * per lead: every lead keeps its first and an even, seeded sample of the rest fills up the count.
 */
export function benchTouchpoints(leads: number, events: number, seed = 11): DemoEvent[] {
  const all = generateDemoData({ seed, leads, now: BENCH_NOW }).events
  if (all.length < events) throw new Error(`${leads} demo leads make only ${all.length} touchpoints`)
  const seen = new Set<string>()
  const firsts: number[] = []
  const rest: number[] = []
  for (const [index, event] of all.entries()) {
    if (seen.has(event.lead.email)) rest.push(index)
    else firsts.push(index)
    seen.add(event.lead.email)
  }
  if (firsts.length > events) throw new Error(`${events} touchpoints cannot cover ${firsts.length} leads`)
  const random = createRandom(seed)
  // A partial Fisher-Yates shuffle picks events - leads of the rest without bias.
  const wanted = events - firsts.length
  for (let index = 0; index < wanted; index++) {
    const other = random.int(index, rest.length - 1)
    ;[rest[index], rest[other]] = [rest[other]!, rest[index]!]
  }
  const kept = [...firsts, ...rest.slice(0, wanted)].sort((a, b) => a - b)
  return kept.map((index) => all[index]!)
}

/**
 * The same touchpoints with `share` of them sent late: each chosen one (never a lead's last) moves to
 * after its lead's next touchpoint and 1,000 to 20,000 positions further, so the server has stored a
 * later touchpoint of that lead when it arrives. Returns the new order and how many are late.
 */
export function withLateArrivals(events: readonly DemoEvent[], share: number, seed = 13) {
  const random = createRandom(seed)
  const nextOfLead = new Array<number>(events.length).fill(-1)
  const lastIndex = new Map<string, number>()
  for (let index = events.length - 1; index >= 0; index--) {
    const email = events[index]!.lead.email
    nextOfLead[index] = lastIndex.get(email) ?? -1
    lastIndex.set(email, index)
  }
  const candidates = events.flatMap((_, index) => (nextOfLead[index]! >= 0 ? [index] : []))
  const lateCount = Math.min(candidates.length, Math.round(events.length * share))
  for (let index = 0; index < lateCount; index++) {
    const other = random.int(index, candidates.length - 1)
    ;[candidates[index], candidates[other]] = [candidates[other]!, candidates[index]!]
  }
  const position = events.map((_, index) => index)
  for (const index of candidates.slice(0, lateCount)) {
    position[index] = Math.max(nextOfLead[index]!, index + random.int(1_000, 20_000)) + 0.5
  }
  const order = events.map((_, index) => index).sort((a, b) => position[a]! - position[b]!)
  return {
    events: order.map((index) => events[index]!),
    late: countLate(order.map((index) => events[index]!)),
  }
}

/** Touchpoints that arrive after a later one of the same lead. */
export function countLate(events: readonly DemoEvent[]): number {
  const latest = new Map<string, number>()
  let late = 0
  for (const event of events) {
    const at = Date.parse(event.occurredAt)
    const before = latest.get(event.lead.email)
    if (before !== undefined && at < before) late++
    else latest.set(event.lead.email, at)
  }
  return late
}

/** Batches of `size` touchpoints of people the bulk load never touches (own ids and addresses). */
export function probeBatches(events: number, size: number, seed = 17): DemoEvent[][] {
  const all = generateDemoData({ seed, leads: Math.ceil(events / 12), now: BENCH_NOW }).events
  const batches: DemoEvent[][] = []
  for (let start = 0; start + size <= Math.min(all.length, events); start += size) {
    batches.push(
      all.slice(start, start + size).map((event) => ({
        ...event,
        id: `probe-${event.id}`,
        lead: { ...event.lead, email: `probe.${event.lead.email}` },
      })),
    )
  }
  return batches
}

/** Splits into consecutive batches of `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = []
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size))
  return batches
}
