// A score range as the lead list's query writes it, in interval notation: `[40,65]` (both ends
// included), `[20,40)` (the upper excluded), `(,20)` (open below). The API checks and reads it, the
// reports write it into their links and the board keeps it in its URL: one definition for all three.

/** A score range: each end open (null), inclusive or exclusive. */
export type ScoreRange = {
  min: number | null
  minInclusive: boolean
  max: number | null
  maxInclusive: boolean
}

/** The range as text. */
export function scoreRangeText(range: ScoreRange): string {
  return `${range.minInclusive ? '[' : '('}${range.min ?? ''},${range.max ?? ''}${range.maxInclusive ? ']' : ')'}`
}

// Numbers as JavaScript writes them: a decayed score may be as small as 3.2e-8.
const NUMBER = String.raw`-?\d+(\.\d+)?(e[+-]?\d+)?`
export const SCORE_RANGE_PATTERN = `^[\\[(](${NUMBER})?,(${NUMBER})?[\\])]$`
const SCORE_RANGE = new RegExp(SCORE_RANGE_PATTERN)

/** The range a text names; undefined when it is no range or its ends are reversed. */
export function parseScoreRange(text: string): ScoreRange | undefined {
  if (text.length > 64 || !SCORE_RANGE.test(text)) return undefined
  const [lower, upper] = text.slice(1, -1).split(',') as [string, string]
  const range: ScoreRange = {
    min: lower === '' ? null : Number(lower),
    minInclusive: text.startsWith('['),
    max: upper === '' ? null : Number(upper),
    maxInclusive: text.endsWith(']'),
  }
  return range.min !== null && range.max !== null && range.min > range.max ? undefined : range
}
