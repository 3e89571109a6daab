// An agreement diff arranged for reading: changes grouped by the area of the agreement they touch, in
// the document's order, each with its before → after values where they are plain values.
export type DiffChange = {
  kind: string
  section: string
  subject: string | null
  field: string | null
  before?: unknown
  after?: unknown
  text: { de: string; en: string }
}
export type DiffGroup = { section: string; changes: DiffChange[] }

/** Changes grouped by section; sections keep the order in which the server lists them. */
export function groupChanges(changes: readonly DiffChange[]): DiffGroup[] {
  const groups = new Map<string, DiffChange[]>()
  for (const change of changes) {
    const group = groups.get(change.section)
    if (group) group.push(change)
    else groups.set(change.section, [change])
  }
  return [...groups].map(([section, list]) => ({ section, changes: list }))
}

/** How the UI language writes numbers, "not set", yes and no. */
export type ValueWords = { number: (value: number) => string; none: string; yes: string; no: string }

/**
 * A value as one short text, or undefined when it is not a plain value (a rule, a condition): the
 * sentence then says what changed. `undefined` (not set) reads as `none`.
 */
export function showValue(value: unknown, words: ValueWords): string | undefined {
  if (value === undefined || value === null) return words.none
  if (typeof value === 'number') return words.number(value)
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? words.yes : words.no
  if (Array.isArray(value) && value.every((item) => ['string', 'number'].includes(typeof item))) {
    return value.length === 0
      ? words.none
      : value.map((item) => (typeof item === 'number' ? words.number(item) : String(item))).join(', ')
  }
  return undefined
}

/** Before → after for a change whose both sides are plain values; undefined otherwise. */
export function valueChange(change: DiffChange, words: ValueWords): [string, string] | undefined {
  if (!('before' in change) && !('after' in change)) return undefined
  const before = showValue(change.before, words)
  const after = showValue(change.after, words)
  return before === undefined || after === undefined ? undefined : [before, after]
}
