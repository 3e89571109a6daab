// MQL and re-qualification criteria: where only score bounds moved, each move is its own change
// ("threshold lowered from 50 to 40"); any other difference replaces the whole criterion.
import type { Condition } from './agreement-document.ts'
import type { TextLanguage } from './agreement-labels.ts'
import { isSameCondition, isSameSet } from './canonical-condition.ts'
import {
  describeFieldChange,
  SCORE_NAMES,
  showCondition,
  showPlain,
  type DiffText,
} from './agreement-diff-text.ts'
import { change, type AgreementSection, type AgreementChange, type Versions } from './agreement-change.ts'

export function thresholdNoun(
  purpose: 'mql' | 'requalify',
  score: string,
  upper: boolean,
  language: TextLanguage,
  lane?: string,
): string {
  const scoreName = SCORE_NAMES[score]?.[language] ?? score
  const where = lane === undefined ? '' : ` (${lane})`
  if (language === 'de') {
    const head = purpose === 'mql' ? 'MQL' : 'Requalifizierungs'
    return `${head}-${upper ? 'Obergrenze' : 'Schwelle'} ${scoreName}${where}`
  }
  const head = purpose === 'mql' ? 'MQL' : 're-qualification'
  return `${head} ${scoreName} ${upper ? 'upper limit' : 'threshold'}${where}`
}

export type Criteria = {
  section: AgreementSection
  subject: string | null
  field: string
  criteria: DiffText
  threshold: (score: string, upper: boolean) => DiffText
}

type BoundMove = { score: string; bound: 'gte' | 'gt' | 'lte' | 'lt'; before: number; after: number }

export function diffCriteria(
  criteria: Criteria,
  before: Condition | undefined,
  after: Condition | undefined,
  versions: Versions,
): AgreementChange[] {
  if (isSameCondition(before, after)) return []
  const moves = before && after ? boundMoves(before, after) : undefined
  if (moves && moves.length > 0) {
    return moves.map((move) => {
      const noun = criteria.threshold(move.score, move.bound === 'lte' || move.bound === 'lt')
      const text = describeFieldChange(noun, move.before, move.after, showPlain, versions)
      const field = `${move.score}.${move.bound}`
      return change(
        'threshold_moved',
        criteria.section,
        criteria.subject,
        field,
        move.before,
        move.after,
        text,
      )
    })
  }
  const text = describeFieldChange(criteria.criteria, before, after, showCondition, versions)
  return [change('criteria_changed', criteria.section, criteria.subject, criteria.field, before, after, text)]
}

/** The score bounds that moved, when the two conditions are otherwise the same tree; else undefined. */
function boundMoves(before: Condition, after: Condition): BoundMove[] | undefined {
  const both = <K extends string>(key: K) => key in before && key in after
  if (both('all') || both('any')) {
    const left = ('all' in before ? before.all : 'any' in before ? before.any : []) as Condition[]
    const right = ('all' in after ? after.all : 'any' in after ? after.any : []) as Condition[]
    if (left.length !== right.length) return undefined
    const moves: BoundMove[] = []
    for (const [index, part] of left.entries()) {
      const inner = boundMoves(part, right[index]!)
      if (!inner) return undefined
      moves.push(...inner)
    }
    return moves
  }
  if ('not' in before && 'not' in after) return boundMoves(before.not, after.not)
  if ('score' in before && 'score' in after) {
    const { score, ...bounds } = before
    const { score: afterScore, ...afterBounds } = after
    if (score !== afterScore || !isSameSet(Object.keys(bounds), Object.keys(afterBounds))) return undefined
    return (['gte', 'gt', 'lte', 'lt'] as const).flatMap((bound) =>
      bounds[bound] !== undefined && bounds[bound] !== afterBounds[bound]
        ? [{ score, bound, before: bounds[bound], after: afterBounds[bound]! }]
        : [],
    )
  }
  return isSameCondition(before, after) ? [] : undefined
}
