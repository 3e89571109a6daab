import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseAgreement } from '../agreement/parse-agreement.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import { compileRouting, type Routing } from './compile-routing.ts'
import { explanationText } from '../explanation/explanation.ts'
import { routeLead, type RepState, type RoundRobinCursors, type RoutingDecision } from './route-lead.ts'

const text = readFileSync(
  new URL('../agreement/fixtures/dach-production-planning.yaml', import.meta.url),
  'utf8',
)
const parsed = parseAgreement(text)
if (!parsed.ok || !parsed.document.routing) throw new Error('fixture agreement has no valid routing')
// Teams: de_north (jonas, anna), de_south (lukas, sophie), at_ch (david, laura); 25 open leads per rep.
const document: Routing = parsed.document.routing
const routing = compileRouting(document)

const AT = Date.parse('2026-09-14T08:00:00Z')
const rep = (name: string) => `${name}@demo.takt.dev`
const [JONAS, ANNA, LUKAS, SOPHIE, DAVID, LAURA] = [
  'jonas.becker',
  'anna.schulz',
  'lukas.maier',
  'sophie.huber',
  'david.gruber',
  'laura.keller',
].map(rep) as [string, string, string, string, string, string]
const MEMBERS = [JONAS, ANNA, LUKAS, SOPHIE, DAVID, LAURA]
const lead = (company: LeadProfile['company']): LeadProfile => ({ email: 'lead@kunde.de', company })
const HAMBURG = lead({ country: 'DE', postcode: '20095' })
const MUNICH = lead({ country: 'DE', postcode: '80331' })
const VIENNA = lead({ country: 'AT', postcode: '1010' })
const ZURICH = lead({ country: 'CH', postcode: '8001' })
const NO_POSTCODE = lead({ country: 'DE' })

const reps = (changes: Record<string, Partial<RepState>> = {}): RepState[] =>
  MEMBERS.map((email) => ({ email, openLeads: 3, available: true, ...changes[email] }))

type Case = {
  name: string
  profile: LeadProfile
  owner?: string
  changes?: Record<string, Partial<RepState>>
  cursors?: RoundRobinCursors
  expected: { kind: RoutingDecision['kind']; rep?: string; team?: string; reasons: string[] }
}

const NORTH =
  'territory Germany north (company.country "DE" equals "DE"; company.postcode "20095" matches "^[0-4]")'
const SOUTH =
  'territory Germany south (company.country "DE" equals "DE"; company.postcode "80331" matches "^[5-9]")'
const AUSTRIA = 'territory Austria and Switzerland (company.country "AT" in ["AT","CH"])'
const SWITZERLAND = 'territory Austria and Switzerland (company.country "CH" in ["AT","CH"])'
const LABELS: Record<string, string> = {
  de_north: 'Germany north',
  de_south: 'Germany south',
  at_ch: 'Austria and Switzerland',
}
const next = (team: string, rep: string, after?: string) =>
  `round-robin in ${LABELS[team]}: ${rep} ${after === undefined ? 'starts the rotation' : `next after ${after}`}`

const cases: Case[] = [
  {
    name: 'a Hamburg lead goes to Germany north',
    profile: HAMBURG,
    expected: { kind: 'assigned', rep: JONAS, team: 'de_north', reasons: [NORTH, next('de_north', JONAS)] },
  },
  {
    name: 'a Munich lead goes to Germany south, next after the cursor',
    profile: MUNICH,
    cursors: { de_south: LUKAS },
    expected: {
      kind: 'assigned',
      rep: SOPHIE,
      team: 'de_south',
      reasons: [SOUTH, next('de_south', SOPHIE, LUKAS)],
    },
  },
  {
    name: 'an Austrian lead goes to the AT/CH team',
    profile: VIENNA,
    expected: { kind: 'assigned', rep: DAVID, team: 'at_ch', reasons: [AUSTRIA, next('at_ch', DAVID)] },
  },
  {
    name: 'a Swiss lead wraps around the rotation',
    profile: ZURICH,
    cursors: { at_ch: LAURA },
    expected: {
      kind: 'assigned',
      rep: DAVID,
      team: 'at_ch',
      reasons: [SWITZERLAND, next('at_ch', DAVID, LAURA)],
    },
  },
  {
    name: 'a German lead without postcode goes to the fallback team',
    profile: NO_POSTCODE,
    expected: {
      kind: 'assigned',
      rep: JONAS,
      team: 'de_north',
      reasons: ['no territory matched: fallback team Germany north', next('de_north', JONAS)],
    },
  },
  {
    name: 'the account owner comes first, in their own team, without moving the rotation',
    profile: HAMBURG,
    owner: 'Sophie.Huber@demo.takt.dev',
    expected: { kind: 'assigned', rep: SOPHIE, team: 'de_south', reasons: [`account owner ${SOPHIE}`] },
  },
  {
    name: 'an owner out of office falls through to the territory',
    profile: HAMBURG,
    owner: SOPHIE,
    changes: { [SOPHIE]: { available: false } },
    cursors: { de_north: JONAS },
    expected: {
      kind: 'assigned',
      rep: ANNA,
      team: 'de_north',
      reasons: [`account owner ${SOPHIE} skipped: out of office`, NORTH, next('de_north', ANNA, JONAS)],
    },
  },
  {
    name: 'an owner at capacity falls through too',
    profile: ZURICH,
    owner: LAURA,
    changes: { [LAURA]: { openLeads: 25 } },
    cursors: { at_ch: DAVID },
    expected: {
      kind: 'assigned',
      rep: DAVID,
      team: 'at_ch',
      reasons: [
        `account owner ${LAURA} skipped: at capacity 25/25`,
        SWITZERLAND,
        `skipped ${LAURA}: at capacity 25/25`,
        next('at_ch', DAVID, DAVID),
      ],
    },
  },
  {
    name: 'an owner who is no known rep is skipped',
    profile: VIENNA,
    owner: 'left.company@demo.takt.dev',
    expected: {
      kind: 'assigned',
      rep: DAVID,
      team: 'at_ch',
      reasons: [
        'account owner left.company@demo.takt.dev skipped: not a known rep',
        AUSTRIA,
        next('at_ch', DAVID),
      ],
    },
  },
  {
    name: 'a rep at capacity is skipped in the rotation',
    profile: MUNICH,
    changes: { [LUKAS]: { openLeads: 25 } },
    cursors: { de_south: SOPHIE },
    expected: {
      kind: 'assigned',
      rep: SOPHIE,
      team: 'de_south',
      reasons: [SOUTH, `skipped ${LUKAS}: at capacity 25/25`, next('de_south', SOPHIE, SOPHIE)],
    },
  },
  {
    name: 'when nobody in the team can take it, the lead waits there',
    profile: MUNICH,
    changes: { [LUKAS]: { openLeads: 25 }, [SOPHIE]: { available: false } },
    cursors: { de_south: LUKAS },
    expected: {
      kind: 'queued',
      team: 'de_south',
      reasons: [
        SOUTH,
        `skipped ${SOPHIE}: out of office`,
        `skipped ${LUKAS}: at capacity 25/25`,
        'warm hold in Germany south: none of 2 reps can take the lead now',
      ],
    },
  },
  {
    name: 'without a cursor the rotation resumes after the latest assignment',
    profile: HAMBURG,
    changes: { [JONAS]: { lastAssignedAt: AT - 1_000 }, [ANNA]: { lastAssignedAt: AT - 5_000 } },
    expected: {
      kind: 'assigned',
      rep: ANNA,
      team: 'de_north',
      reasons: [NORTH, next('de_north', ANNA, JONAS)],
    },
  },
  {
    name: 'a cursor naming a rep who left restarts at the top',
    profile: HAMBURG,
    cursors: { de_north: 'left.company@demo.takt.dev' },
    expected: {
      kind: 'assigned',
      rep: JONAS,
      team: 'de_north',
      reasons: [NORTH, next('de_north', JONAS, 'left.company@demo.takt.dev')],
    },
  },
]

describe('routeLead', () => {
  for (const { name, profile, owner, changes, cursors, expected } of cases) {
    test(name, () => {
      const decision = routeLead(routing, {
        profile,
        account: { owner },
        reps: reps(changes),
        cursors,
        at: AT,
      })
      assert.deepEqual(
        {
          kind: decision.kind,
          rep: decision.kind === 'assigned' ? decision.rep : undefined,
          team: decision.kind === 'unrouted' ? undefined : decision.team,
          reasons: decision.reasons.map(explanationText),
        },
        { rep: undefined, team: undefined, ...expected },
      )
    })
  }

  test('moves only the assigning team’s cursor', () => {
    const decision = routeLead(routing, {
      profile: MUNICH,
      reps: reps(),
      cursors: { de_north: ANNA },
      at: AT,
    })
    assert.deepEqual(decision.cursors, { de_north: ANNA, de_south: LUKAS })
  })

  test('reasons carry data, not just words', () => {
    const changes = { [LUKAS]: { openLeads: 30 } }
    const decision = routeLead(routing, { profile: MUNICH, reps: reps(changes), at: AT })
    const reason = decision.reasons[1]!
    assert.deepEqual(reason, {
      code: 'skipped',
      team: 'de_south',
      teamLabel: { de: 'Deutschland Süd', en: 'Germany south' },
      rep: LUKAS,
      cause: 'at_capacity',
      openLeads: 30,
      capacity: 25,
    })
    assert.equal(explanationText(reason), `skipped ${LUKAS}: at capacity 30/25`)
  })

  test('ignores the account owner when the agreement does not put owners first', () => {
    const ownersLast = compileRouting({ ...document, accountOwnerFirst: false })
    const decision = routeLead(ownersLast, {
      profile: HAMBURG,
      account: { owner: SOPHIE },
      reps: reps(),
      at: AT,
    })
    assert.equal(decision.kind === 'assigned' && decision.rep, JONAS)
  })

  test('an owner outside every team is assigned in the territory team', () => {
    const lead = rep('martina.wolf')
    const all = [...reps(), { email: lead, openLeads: 0, available: true }]
    const decision = routeLead(routing, { profile: VIENNA, account: { owner: lead }, reps: all, at: AT })
    assert.deepEqual([decision.kind, decision.kind === 'assigned' && decision.team], ['assigned', 'at_ch'])
  })
})
