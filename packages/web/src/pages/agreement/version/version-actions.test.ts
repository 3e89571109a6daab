// Which steps a role may take on a version in each state, and why a blocked one is blocked: the same
// answers the server gives (services/agreement-governance.ts), before anyone clicks.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  approvalSidesOf,
  openSidesFor,
  versionActions,
  type ActionState,
  type Context,
  type VersionFacts,
  type Viewer,
} from './version-actions.ts'

const LENA: Viewer = { userId: 'lena', role: 'marketing', leadsTeam: false }
const MARTINA: Viewer = { userId: 'martina', role: 'sales_manager', leadsTeam: false }
const JONAS: Viewer = { userId: 'jonas', role: 'sales', leadsTeam: false }
const ADMIN: Viewer = { userId: 'admin', role: 'admin', leadsTeam: false }
const SAVED: Context = { dirty: false, singlePartyActivation: false }

const version = (facts: Partial<VersionFacts>): VersionFacts => ({
  status: 'draft',
  createdBy: 'lena',
  approvals: { marketing: null, sales: null },
  valid: true,
  ...facts,
})
const shown = (actions: ActionState[]) =>
  actions.map(({ action, blocked }) => (blocked ? `${action}:${blocked}` : action))

describe('versionActions', () => {
  const cases: Array<[string, VersionFacts, Viewer, Context, string[]]> = [
    [
      'a saved valid draft: nothing to save, ready to propose',
      version({}),
      LENA,
      SAVED,
      ['save:unchanged', 'propose', 'withdraw'],
    ],
    [
      'a draft with unsaved edits is saved before it is proposed',
      version({}),
      LENA,
      { ...SAVED, dirty: true },
      ['save', 'propose:unsaved', 'withdraw'],
    ],
    [
      'an invalid draft cannot be proposed',
      version({ valid: false }),
      LENA,
      SAVED,
      ['save:unchanged', 'propose:invalid', 'withdraw'],
    ],
    [
      'someone else’s draft: only its author or an admin withdraws it',
      version({ createdBy: 'anna' }),
      LENA,
      SAVED,
      ['save:unchanged', 'propose', 'withdraw:notAuthor'],
    ],
    [
      'single-party activation lets a valid draft go live',
      version({}),
      LENA,
      { dirty: false, singlePartyActivation: true },
      ['save:unchanged', 'propose', 'activate', 'withdraw'],
    ],
    ['sales reads a draft and cannot edit it', version({}), MARTINA, SAVED, []],
    [
      'marketing approves a proposal; activation waits for both sides',
      version({ status: 'proposed' }),
      LENA,
      SAVED,
      ['approve', 'requestChanges', 'activate:missingBoth', 'withdraw', 'copy'],
    ],
    [
      'after marketing’s approval the button names the missing sales approval',
      version({ status: 'proposed', approvals: { marketing: { userId: 'lena' }, sales: null } }),
      LENA,
      SAVED,
      ['approve:approvedByYou', 'requestChanges', 'activate:missingSales', 'withdraw', 'copy'],
    ],
    [
      'the sales manager approves for sales, and neither drafts nor activates',
      version({ status: 'proposed', approvals: { marketing: { userId: 'lena' }, sales: null } }),
      MARTINA,
      SAVED,
      ['approve', 'requestChanges'],
    ],
    [
      'another marketing user finds the marketing side done',
      version({ status: 'proposed', approvals: { marketing: { userId: 'lena' }, sales: null } }),
      { ...LENA, userId: 'paula' },
      SAVED,
      ['approve:yourSideDone', 'requestChanges', 'activate:missingSales', 'withdraw:notAuthor', 'copy'],
    ],
    ['a rep who leads no team takes no step', version({ status: 'proposed' }), JONAS, SAVED, []],
    [
      'a rep who leads a team approves for sales',
      version({ status: 'proposed' }),
      { ...JONAS, leadsTeam: true },
      SAVED,
      ['approve', 'requestChanges'],
    ],
    [
      'an admin may approve for the side still open',
      version({ status: 'proposed', approvals: { marketing: null, sales: { userId: 'martina' } } }),
      ADMIN,
      SAVED,
      ['approve', 'requestChanges', 'activate:missingMarketing', 'withdraw', 'copy'],
    ],
    [
      'an approved version is activated',
      version({
        status: 'approved',
        approvals: {
          marketing: { userId: 'lena' },
          sales: { userId: 'martina' },
        },
      }),
      LENA,
      SAVED,
      ['requestChanges', 'activate', 'withdraw', 'copy'],
    ],
    [
      'the active version can only be copied into a new draft',
      version({ status: 'active' }),
      LENA,
      SAVED,
      ['copy'],
    ],
    ['a withdrawn version: nothing but a copy', version({ status: 'withdrawn' }), ADMIN, SAVED, ['copy']],
    [
      'the sales manager has nothing to do on a retired version',
      version({ status: 'retired' }),
      MARTINA,
      SAVED,
      [],
    ],
  ]
  for (const [name, facts, viewer, context, expected] of cases) {
    test(name, () => assert.deepEqual(shown(versionActions(facts, viewer, context)), expected))
  }
})

describe('approval sides', () => {
  test('each role speaks for its side; an admin for either; a rep only when leading a team', () => {
    assert.deepEqual(approvalSidesOf(LENA), ['marketing'])
    assert.deepEqual(approvalSidesOf(MARTINA), ['sales'])
    assert.deepEqual(approvalSidesOf(ADMIN), ['marketing', 'sales'])
    assert.deepEqual(approvalSidesOf(JONAS), [])
    assert.deepEqual(approvalSidesOf({ ...JONAS, leadsTeam: true }), ['sales'])
  })

  test('an admin chooses among the sides not approved yet', () => {
    assert.deepEqual(openSidesFor(ADMIN, { marketing: { userId: 'lena' }, sales: null }), ['sales'])
    assert.deepEqual(openSidesFor(ADMIN, { marketing: null, sales: null }), ['marketing', 'sales'])
    assert.deepEqual(openSidesFor(LENA, { marketing: { userId: 'lena' }, sales: null }), [])
  })
})
