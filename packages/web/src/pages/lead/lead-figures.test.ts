import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { erasedLead, isSlaShown, sideCardsShown, wonDeal } from './lead-figures.ts'

describe('isSlaShown', () => {
  const cases = [
    ['mql', true],
    ['sal', true],
    ['lead', false],
    ['sql', false],
    ['opportunity', false],
    ['customer', false],
    ['recycled', false],
    ['disqualified', false],
  ] as const
  for (const [stage, shown] of cases) {
    test(`${stage} → ${shown ? 'shown' : 'hidden'}`, () => assert.equal(isSlaShown(stage), shown))
  }
})

describe('wonDeal', () => {
  const becameMql = { from: 'lead', to: 'mql', at: '2026-12-03T14:00:00.000Z' }
  const accepted = { from: 'mql', to: 'sal', at: '2026-12-04T15:30:00.000Z' }
  const history = [becameMql, accepted, { to: 'customer', at: '2027-01-15T10:00:00.000Z' }]
  test('a customer was won when it entered the stage, for the deal amount', () => {
    const state = { deal: { amount: 55_500, currency: 'EUR', expectedCloseDate: '2027-03-20' } }
    assert.deepEqual(wonDeal({ stage: 'customer', history, stageEnteredAt: null, state } as never), {
      at: '2027-01-15T10:00:00.000Z',
      amount: 55_500,
      currency: 'EUR',
    })
  })
  test('other stages have no won deal', () => {
    assert.equal(wonDeal({ stage: 'opportunity', history, stageEnteredAt: null } as never), null)
  })
})

describe('erasedLead', () => {
  test('a lead without permissions is an erased person; one with them is not', () => {
    assert.equal(erasedLead({ permissions: null }), true)
    assert.equal(erasedLead({ permissions: { lane: 'inbound' } }), false)
  })
})

describe('sideCardsShown', () => {
  const bare = { owner: null, assignment: null, state: null, qualification: null }
  test('a lead never handed to sales has neither an owner card nor a checklist', () => {
    assert.deepEqual(sideCardsShown({ ...bare, stage: 'lead' }), { assignment: false, checklist: false })
  })
  test('an MQL waiting for a rep shows both: who will take it, and what sales will ask', () => {
    assert.deepEqual(sideCardsShown({ ...bare, stage: 'mql' }), { assignment: true, checklist: true })
  })
  test('a recycled lead shows what it had: its last owner, the items sales confirmed', () => {
    assert.deepEqual(sideCardsShown({ ...bare, stage: 'recycled' }), { assignment: false, checklist: false })
    assert.deepEqual(
      sideCardsShown({
        ...bare,
        stage: 'recycled',
        assignment: { rep: 'a@b.de' },
        qualification: { history: [{}] },
      }),
      { assignment: true, checklist: true },
    )
  })
})
