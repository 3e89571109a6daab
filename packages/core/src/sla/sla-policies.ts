// Compiled SLA policies, cached per agreement version's `sla` section and per rep region: compiling
// a business calendar with its holidays is far dearer than using one.
import { compileSlaPolicy, type Sla, type SlaPolicy } from './sla-deadline.ts'

const compiled = new WeakMap<Sla, SlaPolicy>()

/** The SLA policy for a rep in `region` (a German state code), or undefined when the agreement has no SLA. */
export function slaPolicyFor(sla: Sla | undefined, region: string | null | undefined): SlaPolicy | undefined {
  if (!sla) return undefined
  let policy = compiled.get(sla)
  if (!policy) compiled.set(sla, (policy = compileSlaPolicy(sla)))
  return region ? policy.forRegion(region) : policy
}
