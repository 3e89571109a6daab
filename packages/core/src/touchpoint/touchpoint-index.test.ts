import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { compileCondition, type ConditionContext } from '../agreement/compile-condition.ts'
import type { Condition } from '../agreement/agreement-document.ts'
import { compareTouchpoints, type Touchpoint } from './touchpoint.ts'
import { TouchpointIndex } from './touchpoint-index.ts'

const DAY = 86_400_000
const TYPES = ['page_view', 'demo_request', 'Email_Bounced', 'content_download', 'contact_sales'] as const
const isHandRaiser = (touchpoint: Touchpoint) => /demo_request|contact_sales/i.test(touchpoint.type)

const touchpoint = fc.record({
  type: fc.constantFrom(...TYPES),
  // Whole days and a few minutes, so windows close on and next to touchpoints.
  occurredAt: fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom(0, 0, 0, -1, 1)),
})
const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    touchpoints: fc.record({ type: fc.constantFrom('page_view', 'email_bounced', 'DEMO_REQUEST') }),
    atLeast: fc.integer({ min: 0, max: 4 }),
    withinDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  }) as fc.Arbitrary<Condition>,
  fc.record({
    handRaiser: fc.constant(true as const),
    withinDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  }) as fc.Arbitrary<Condition>,
)

describe('touchpoint index', () => {
  test('conditions answer and explain the same with the index as by walking the log back, at every count and instant', () => {
    fc.assert(
      fc.property(
        fc.array(touchpoint, { maxLength: 30 }),
        condition,
        // Whole days too: an instant exactly a window's length after a touchpoint.
        fc.oneof(
          fc.integer({ min: 0, max: 3 * DAY }),
          fc.integer({ min: 0, max: 30 }).map((days) => days * DAY),
        ),
        (drawn, when, lag) => {
          const sorted = drawn
            .map((made, index): Touchpoint => ({
              id: `t${String(index).padStart(2, '0')}`,
              type: made.type,
              occurredAt: made.occurredAt[0] * DAY + made.occurredAt[1] * 60_000,
              properties: {},
            }))
            .sort(compareTouchpoints)
          const compiled = compileCondition(when)
          const index = new TouchpointIndex(sorted)
          for (let count = 0; count <= sorted.length; count++) {
            const at = (count === 0 ? 0 : sorted[count - 1]!.occurredAt) + lag
            const walked: ConditionContext = {
              at,
              profile: { email: 'a@example.com' },
              scores: { fit: 0, engagement: 0, total: 0, engagementSinceRecycled: 0 },
              touchpoints: sorted,
              count,
              isHandRaiser,
            }
            const indexed = { ...walked, index }
            assert.equal(compiled.test(indexed), compiled.test(walked), `count ${count}`)
            assert.deepEqual(compiled.explain(indexed), compiled.explain(walked), `count ${count}`)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  test('counts a range, finds the latest match before an end, and the first touchpoint at or after an instant', () => {
    const at = [10, 20, 20, 30, 40]
    const types = ['a', 'b', 'a', 'b', 'b']
    const index = new TouchpointIndex(
      at.map((occurredAt, number) => ({
        id: `t${number}`,
        type: types[number]!,
        occurredAt,
        properties: {},
      })),
    )
    const isB = (touchpoint: Touchpoint) => touchpoint.type === 'b'
    assert.equal(index.countMatching(isB, 0, 5), 3)
    assert.equal(index.countMatching(isB, 2, 4), 1)
    assert.equal(index.countMatching(isB, 3, 3), 0)
    assert.equal(index.latestMatching(isB, 3), 1)
    assert.equal(index.latestMatching(isB, 1), -1)
    assert.equal(index.firstAtOrAfter(20, 5), 1)
    assert.equal(index.firstAtOrAfter(21, 5), 3)
    assert.equal(index.firstAtOrAfter(50, 5), 5)
    assert.equal(index.firstAtOrAfter(35, 3), 3)
  })
})
