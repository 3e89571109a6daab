// JSON.parse reads 1e400 as Infinity, which JSON.stringify (and so a jsonb column) then turns into null:
// a value the client never sent. No field of the API means infinity, so such numbers are refused by path.
export type NonFiniteNumber = { path: string; message: string }

/**
 * Every number in a parsed value that is NaN or ±Infinity, with its path; at most ten.
 * @example nonFiniteNumbers({ amount: Infinity }, 'body') // [{ path: 'body/amount', message: 'must be a finite number' }]
 */
export function nonFiniteNumbers(
  value: unknown,
  path: string,
  found: NonFiniteNumber[] = [],
  depth = 0,
): NonFiniteNumber[] {
  if (found.length >= 10 || depth > 64) return found
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push({ path, message: 'must be a finite number' })
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nonFiniteNumbers(item, `${path}/${index}`, found, depth + 1))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      nonFiniteNumbers(item, `${path}/${key}`, found, depth + 1)
  }
  return found
}
