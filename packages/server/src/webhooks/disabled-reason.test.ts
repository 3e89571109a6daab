import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { describeDisabledReason, readDisabledReason } from './disabled-reason.ts'

describe('disabled reasons', () => {
  const at = new Date('2026-11-02T09:00:00Z')

  test('reads the stored code with its time', () => {
    for (const code of ['DISABLED_BY_ADMIN', 'RECEIVER_GONE'] as const) {
      assert.deepEqual(readDisabledReason(code, at), { code, at: at.toISOString() })
    }
  })

  test('a subscription disabled without a known code was disabled by an admin', () => {
    assert.deepEqual(readDisabledReason(null, null), { code: 'DISABLED_BY_ADMIN', at: null })
    assert.deepEqual(readDisabledReason('SOMETHING_NEW', at), {
      code: 'DISABLED_BY_ADMIN',
      at: at.toISOString(),
    })
  })

  test('says the reason in English as the API did before the codes', () => {
    assert.equal(describeDisabledReason({ code: 'DISABLED_BY_ADMIN', at: null }), 'Disabled by an admin.')
    assert.equal(
      describeDisabledReason({ code: 'RECEIVER_GONE', at: '2026-11-02T09:00:00.000Z' }),
      'The receiver answered 410 Gone at 2026-11-02T09:00:00.000Z.',
    )
  })
})
