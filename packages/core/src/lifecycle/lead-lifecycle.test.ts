import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { compileSmall, T0 } from '../testing/core-fixtures.ts'
import {
  COMMAND_FROM,
  allowedCommands,
  transitionLead,
  type LeadCommand,
  type LifecycleState,
} from './lead-lifecycle.ts'
import { LEAD_STAGES, type LeadStage } from './lead-stage.ts'

const agreement = compileSmall()
const rep = { type: 'user', id: 'rep-1' } as const

function stateIn(stage: LeadStage): LifecycleState {
  return {
    stage,
    stageEnteredAt: T0,
    ownerRef: undefined,
    recycledAt: undefined,
    coolDownUntil: undefined,
    recycleQueue: undefined,
    nurtureTrack: undefined,
    recycleCount: 0,
    recycleReasons: [],
    respondedAt: undefined,
    slaBreaches: [],
    closedReason: undefined,
    deal: undefined,
    checklist: undefined,
    assignedAt: undefined,
    assignments: [],
  }
}

const VALID_COMMANDS: Record<LeadCommand['kind'], LeadCommand> = {
  accept: { kind: 'accept' },
  reject: { kind: 'reject', reason: 'no_budget' },
  recycle: { kind: 'recycle', reason: 'bad_timing' },
  qualify: { kind: 'qualify', checklist: { confirmed: { bant: ['need', 'budget', 'authority'] } } },
  open_deal: { kind: 'open_deal', amount: 50_000, expectedCloseDate: '2027-01-31' },
  move_deal: { kind: 'move_deal', dealStage: 'proposal' },
  win: { kind: 'win' },
  lose: { kind: 'lose', reason: 'no_budget' },
  disqualify: { kind: 'disqualify', reason: 'competitor' },
  assign: { kind: 'assign', rep: 'Rep@Example.de', team: 'north' },
  update_checklist: { kind: 'update_checklist', checklist: { confirmed: { bant: ['need'] } } },
  sla_breach: { kind: 'sla_breach', step: 0, action: 'notify', afterBusinessHours: 8 },
  hand_to_sales: { kind: 'hand_to_sales', reason: 'Asked for a demo during the cool-down' },
  respond: { kind: 'respond', activity: 'activity-1' },
  erase: {
    kind: 'erase',
    erasure: {
      lane: 'inbound',
      firstSource: 'website',
      country: 'DE',
      stage: 'mql',
      stageEnteredAt: 0,
      fit: 0,
      engagement: 0,
      agreementVersion: 1,
      firstTouchAt: null,
      lastTouchAt: null,
      touchpointCount: 0,
      recycleCount: 0,
      recycleReasons: [],
      deal: null,
      transitions: [],
    },
  },
}

const EXPECTED_TARGET: Record<LeadCommand['kind'], LeadStage | 'same'> = {
  accept: 'sal',
  reject: 'recycled',
  recycle: 'recycled',
  qualify: 'sql',
  open_deal: 'opportunity',
  move_deal: 'same',
  win: 'customer',
  lose: 'recycled',
  disqualify: 'disqualified',
  erase: 'disqualified',
  assign: 'same',
  update_checklist: 'same',
  sla_breach: 'same',
  hand_to_sales: 'mql',
  respond: 'same',
}

describe('transition table', () => {
  for (const stage of LEAD_STAGES) {
    for (const command of Object.values(VALID_COMMANDS)) {
      const allowed = COMMAND_FROM[command.kind].includes(stage)
      test(`${command.kind} from ${stage} is ${allowed ? 'applied' : 'refused with the allowed commands'}`, () => {
        // Only a lead someone owns can breach its SLA.
        const state =
          command.kind === 'sla_breach'
            ? { ...stateIn(stage), ownerRef: 'rep-2', assignedAt: T0 }
            : stateIn(stage)
        const result = transitionLead(agreement, state, command, rep, T0 + 1000)
        if (allowed) {
          assert.ok(result.ok, !result.ok ? result.error.message : '')
          const target = EXPECTED_TARGET[command.kind]
          assert.equal(result.state.stage, target === 'same' ? stage : target)
          // A stage change restarts the stage clock; an assignment restarts the SLA clock instead.
          // Erasing a lead that is disqualified already changes no stage.
          if (target !== 'same' && target !== stage) assert.equal(result.state.stageEnteredAt, T0 + 1000)
          if (command.kind === 'assign') assert.equal(result.state.assignedAt, T0 + 1000)
        } else {
          assert.ok(!result.ok)
          assert.equal(result.error.code, 'ILLEGAL_TRANSITION')
          assert.deepEqual(result.error.details.allowed, allowedCommands(stage))
        }
      })
    }
  }
})

describe('guards', () => {
  test('the first logged activity on an MQL answers the SLA; later ones leave the first answer', () => {
    const assigned = { ...stateIn('mql'), ownerRef: 'rep-2', assignedAt: T0 }
    const first = transitionLead(agreement, assigned, { kind: 'respond', activity: 'a1' }, rep, T0 + 5000)
    assert.ok(first.ok)
    assert.equal(first.state.stage, 'mql')
    assert.equal(first.state.respondedAt, T0 + 5000)
    const second = transitionLead(agreement, first.state, { kind: 'respond', activity: 'a2' }, rep, T0 + 9000)
    assert.ok(second.ok)
    assert.equal(second.state.respondedAt, T0 + 5000)
  })

  test('a rejection needs one of the agreement reasons', () => {
    const result = transitionLead(agreement, stateIn('mql'), { kind: 'reject', reason: 'dislike' }, rep, T0)
    assert.ok(!result.ok)
    assert.equal(result.error.code, 'UNKNOWN_REASON')
    assert.deepEqual(result.error.details.allowed, ['no_budget', 'bad_timing', 'not_reachable', 'no_fit'])
  })

  test('a rejection for no fit disqualifies instead of recycling', () => {
    const result = transitionLead(agreement, stateIn('mql'), { kind: 'reject', reason: 'no_fit' }, rep, T0)
    assert.ok(result.ok)
    assert.equal(result.state.stage, 'disqualified')
  })

  test('recycling sets the reason-specific cool-down, track and count', () => {
    const result = transitionLead(agreement, stateIn('mql'), { kind: 'reject', reason: 'no_budget' }, rep, T0)
    assert.ok(result.ok)
    assert.deepEqual(
      {
        until: result.state.coolDownUntil,
        queue: result.state.recycleQueue,
        track: result.state.nurtureTrack,
        count: result.state.recycleCount,
        reasons: result.state.recycleReasons,
      },
      { until: T0 + 60 * 86_400_000, queue: 'nurture', track: 'roi', count: 1, reasons: ['no_budget'] },
    )
  })

  test('accepting makes the rep the owner', () => {
    const result = transitionLead(agreement, stateIn('mql'), { kind: 'accept' }, rep, T0)
    assert.ok(result.ok)
    assert.equal(result.state.ownerRef, 'rep-1')
  })

  const checklistCases: Array<[string, Record<string, string[]>, string | undefined]> = [
    ['need missing', { bant: ['budget', 'authority', 'timeline'] }, 'CHECKLIST_INCOMPLETE'],
    ['too few items', { bant: ['need', 'budget'] }, 'CHECKLIST_INCOMPLETE'],
    ['unknown item', { bant: ['need', 'budget', 'vibes'] }, 'CHECKLIST_INCOMPLETE'],
    ['complete', { bant: ['need', 'budget', 'timeline'] }, undefined],
  ]
  for (const [name, confirmed, code] of checklistCases) {
    test(`qualifying with a BANT checklist: ${name}`, () => {
      const result = transitionLead(
        agreement,
        stateIn('sal'),
        { kind: 'qualify', checklist: { confirmed } },
        rep,
        T0,
      )
      assert.equal(result.ok ? undefined : result.error.code, code)
    })
  }

  test('an incomplete checklist names what is missing', () => {
    const result = transitionLead(
      agreement,
      stateIn('sal'),
      { kind: 'qualify', checklist: { confirmed: { bant: ['budget'] } } },
      rep,
      T0,
    )
    assert.ok(!result.ok)
    assert.deepEqual(result.error.details.missing, [
      { checklist: 'bant', mandatory: ['need'], confirmed: 1, needed: 3 },
    ])
  })

  test('a deal needs a valid close date', () => {
    const result = transitionLead(
      agreement,
      stateIn('sql'),
      { kind: 'open_deal', amount: 10, expectedCloseDate: 'soon' },
      rep,
      T0,
    )
    assert.equal(result.ok ? undefined : result.error.code, 'DEAL_DETAILS_REQUIRED')
  })
})

describe('SLA breaches', () => {
  const assigned = { ...stateIn('mql'), ownerRef: 'rep-2', assignedAt: T0 }
  const breach = (action: 'notify' | 'reassign' | 'return_to_marketing', reason?: string): LeadCommand => ({
    kind: 'sla_breach',
    step: 1,
    action,
    afterBusinessHours: 16,
    ...(reason ? { reason } : {}),
  })

  test('a notify or reassign breach is recorded with the hand-off it belongs to, without a stage change', () => {
    const result = transitionLead(agreement, assigned, breach('notify'), rep, T0 + 5000)
    assert.ok(result.ok)
    assert.equal(result.state.stage, 'mql')
    assert.deepEqual(result.state.slaBreaches, [
      { step: 1, action: 'notify', at: T0 + 5000, rep: 'rep-2', assignedAt: T0 },
    ])
  })

  test('returning to marketing recycles into nurture with the built-in reason and the default cool-down', () => {
    const result = transitionLead(agreement, assigned, breach('return_to_marketing'), rep, T0)
    assert.ok(result.ok)
    assert.equal(result.state.stage, 'recycled')
    assert.equal(result.reason, 'sla_breached')
    assert.equal(result.state.ownerRef, undefined)
    assert.equal(result.state.recycleQueue, 'nurture')
    assert.deepEqual(result.state.recycleReasons, ['sla_breached'])
  })

  test('returning to marketing with an agreement reason follows that reason', () => {
    const result = transitionLead(agreement, assigned, breach('return_to_marketing', 'bad_timing'), rep, T0)
    assert.ok(result.ok)
    assert.equal(result.reason, 'bad_timing')
    assert.equal(result.state.slaBreaches.length, 1)
  })

  test('an unowned MQL cannot breach', () => {
    const result = transitionLead(agreement, stateIn('mql'), breach('notify'), rep, T0)
    assert.ok(!result.ok)
    assert.equal(result.error.code, 'ILLEGAL_TRANSITION')
  })
})

describe('checklist editing after qualification', () => {
  for (const stage of ['sql', 'opportunity'] as const) {
    test(`in ${stage} the checklist is replaced, even when it no longer satisfies the agreement`, () => {
      const command: LeadCommand = { kind: 'update_checklist', checklist: { confirmed: { bant: ['need'] } } }
      const result = transitionLead(agreement, stateIn(stage), command, rep, T0)
      assert.ok(result.ok)
      assert.equal(result.state.stage, stage)
      assert.deepEqual(result.state.checklist, { confirmed: { bant: ['need'] } })
    })
  }

  test('unknown items are refused, naming them', () => {
    const command: LeadCommand = {
      kind: 'update_checklist',
      checklist: { confirmed: { bant: ['need', 'vibes'] } },
    }
    const result = transitionLead(agreement, stateIn('sql'), command, rep, T0)
    assert.ok(!result.ok)
    assert.deepEqual(result.error.details.unknown, [{ checklist: 'bant', items: ['vibes'] }])
  })
})

describe('deal stages', () => {
  const deal = { amount: 40_000, currency: 'EUR', expectedCloseDate: '2027-03-31' }
  const open = { ...stateIn('opportunity'), deal }

  test('moving a deal keeps the opportunity and records the deal stage', () => {
    const result = transitionLead(agreement, open, { kind: 'move_deal', dealStage: 'proposal' }, rep, T0)
    assert.ok(result.ok)
    assert.equal(result.state.stage, 'opportunity')
    assert.equal(result.state.stageEnteredAt, open.stageEnteredAt)
    assert.deepEqual(result.state.deal, { ...deal, stage: 'proposal' })
  })

  test('a stage the agreement does not list is refused, naming the stages it does', () => {
    const result = transitionLead(agreement, open, { kind: 'move_deal', dealStage: 'won' }, rep, T0)
    assert.ok(!result.ok)
    assert.equal(result.error.code, 'UNKNOWN_DEAL_STAGE')
    assert.deepEqual(result.error.details.allowed, ['discovery', 'proposal'])
  })

  test('an agreement without deal stages refuses every move', () => {
    const plain = compileSmall({ deals: undefined })
    const result = transitionLead(plain, open, { kind: 'move_deal', dealStage: 'proposal' }, rep, T0)
    assert.equal(result.ok ? undefined : result.error.code, 'UNKNOWN_DEAL_STAGE')
  })
})
