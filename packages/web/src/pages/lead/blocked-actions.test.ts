import { test } from 'node:test'
import assert from 'node:assert/strict'
import { blockedActions } from './blocked-actions.ts'

const mql = ['accept', 'reject', 'assign', 'disqualify']

test.describe('blockedActions', () => {
  const cases: Array<[string, Parameters<typeof blockedActions>[0], ReturnType<typeof blockedActions>]> = [
    ['a manager may take every allowed action', { allowed: mql, manage: true, reasonCount: 5 }, {}],
    [
      'a rep may not hand a lead to another rep',
      { allowed: mql, manage: false, reasonCount: 5 },
      { assign: 'assignManagersOnly' },
    ],
    [
      'without the agreement’s reasons nothing can be rejected, recycled or lost',
      { allowed: [...mql, 'recycle', 'lose'], manage: true, reasonCount: 0 },
      { reject: 'noReasons', recycle: 'noReasons', lose: 'noReasons' },
    ],
    [
      'while the agreement loads nothing is blocked for it',
      { allowed: mql, manage: true, reasonCount: undefined },
      {},
    ],
  ]
  for (const [name, input, expected] of cases) {
    test(name, () => assert.deepEqual(blockedActions(input), expected))
  }
})
