// Conditions and touchpoint matches in one canonical form, so two that mean the same compare equal:
// key order, `type: x` vs `type: [x]`, and the order of set-like lists (`in`, `any`, `all`) carry no
// meaning, and a diff that reported them would bury the real changes.
import type { Condition, TouchpointMatch } from './agreement-document.ts'

/** A stable text for any JSON value: object keys sorted, arrays kept in order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

/** Whether two JSON values are equal, whatever the order of object keys. */
export function isSameValue(left: unknown, right: unknown): boolean {
  return canonicalJson(left) === canonicalJson(right)
}

/** Whether two lists hold the same items, in any order and with repeats ignored. */
export function isSameSet(left: readonly unknown[] = [], right: readonly unknown[] = []): boolean {
  const sorted = (values: readonly unknown[]) => [...new Set(values.map(canonicalJson))].sort()
  return isSameValue(sorted(left), sorted(right))
}

export function isSameCondition(left: Condition | undefined, right: Condition | undefined): boolean {
  return canonicalJson(left && canonicalCondition(left)) === canonicalJson(right && canonicalCondition(right))
}

export function isSameMatch(left: TouchpointMatch | undefined, right: TouchpointMatch | undefined): boolean {
  return canonicalJson(left && canonicalMatch(left)) === canonicalJson(right && canonicalMatch(right))
}

function canonicalCondition(condition: Condition): unknown {
  if ('all' in condition) return { all: sortedSet(condition.all.map(canonicalCondition)) }
  if ('any' in condition) return { any: sortedSet(condition.any.map(canonicalCondition)) }
  if ('not' in condition) return { not: canonicalCondition(condition.not) }
  if ('touchpoints' in condition) {
    return {
      ...condition,
      atLeast: condition.atLeast ?? 1,
      touchpoints: canonicalMatch(condition.touchpoints),
    }
  }
  if ('field' in condition) {
    const { in: among, notIn, containsAny, ...rest } = condition
    return {
      ...rest,
      in: among && sortedSet(among),
      notIn: notIn && sortedSet(notIn),
      containsAny: containsAny && sortedSet(containsAny),
    }
  }
  return condition
}

function canonicalMatch(match: TouchpointMatch): unknown {
  const many = (value: unknown) =>
    value === undefined ? undefined : sortedSet(Array.isArray(value) ? value : [value])
  const properties = match.properties
    ? Object.fromEntries(Object.entries(match.properties).map(([key, value]) => [key, many(value)]))
    : undefined
  return {
    type: many(match.type),
    contentId: many(match.contentId),
    journeyStage: many(match.journeyStage),
    topic: many(match.topic),
    source: many(match.source),
    properties,
  }
}

function sortedSet(values: readonly unknown[]): unknown[] {
  const byText = new Map(values.map((value) => [canonicalJson(value), value]))
  return [...byText.keys()].sort().map((key) => byText.get(key))
}
