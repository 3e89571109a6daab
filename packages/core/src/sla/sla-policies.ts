// Compiled SLA policies, cached per agreement version's `sla` section and per rep region: compiling
// a business calendar with its holidays (a year table per region, built with luxon) is far dearer than
// using one. Keyed by the section's object and, for a section read again from the database (a new object
// with the same content, as each report or job run reads the agreement), by its content.
import { compileSlaPolicy, type Sla, type SlaPolicy } from './sla-deadline.ts'

const byObject = new WeakMap<Sla, SlaPolicy>()
const byContent = new Map<string, SlaPolicy>()
// Few agreement versions are in use at once; the oldest entry goes when a new one would exceed this.
const MAX_BY_CONTENT = 32

/** The SLA policy for a rep in `region` (a German state code), or undefined when the agreement has no SLA. */
export function slaPolicyFor(sla: Sla | undefined, region: string | null | undefined): SlaPolicy | undefined {
  if (!sla) return undefined
  let policy = byObject.get(sla)
  if (!policy) {
    const content = JSON.stringify(sla)
    policy = byContent.get(content)
    if (!policy) {
      policy = compileSlaPolicy(sla)
      if (byContent.size >= MAX_BY_CONTENT) byContent.delete(byContent.keys().next().value!)
      byContent.set(content, policy)
    }
    byObject.set(sla, policy)
  }
  return region ? policy.forRegion(region) : policy
}
