// Properties of routing over many leads: fairness of the rotation and determinism.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { parseAgreement } from '../agreement/parse-agreement.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import { compileRouting } from './compile-routing.ts'
import { routeLead, type RoundRobinCursors } from './route-lead.ts'

const text = readFileSync(
  new URL('../agreement/fixtures/dach-production-planning.yaml', import.meta.url),
  'utf8',
)
const parsed = parseAgreement(text)
if (!parsed.ok || !parsed.document.routing) throw new Error('fixture agreement has no valid routing')
// Teams: de_north (jonas, anna), de_south (lukas, sophie), at_ch (david, laura); 25 open leads per rep.
const routing = compileRouting(parsed.document.routing)

const AT = Date.parse('2026-09-14T08:00:00Z')
const MEMBERS = routing.teams.flatMap((team) => team.members)
const [JONAS, , , SOPHIE, DAVID] = MEMBERS as [string, string, string, string, string, string]
const lead = (company: LeadProfile['company']): LeadProfile => ({ email: 'lead@kunde.de', company })
const HAMBURG = lead({ country: 'DE', postcode: '20095' })
const MUNICH = lead({ country: 'DE', postcode: '80331' })
const VIENNA = lead({ country: 'AT', postcode: '1010' })
const ZURICH = lead({ country: 'CH', postcode: '8001' })
const NO_POSTCODE = lead({ country: 'DE' })

describe('routeLead properties', () => {
  const profiles = fc.constantFrom(HAMBURG, MUNICH, VIENNA, ZURICH, NO_POSTCODE)
  const availability = fc.array(fc.boolean(), { minLength: MEMBERS.length, maxLength: MEMBERS.length })

  test('round-robin is fair: with equal capacity, counts within a team differ by at most 1, none above 25', () => {
    fc.assert(
      fc.property(fc.array(profiles, { maxLength: 200 }), availability, (leads, available) => {
        let state = MEMBERS.map((email, index) => ({ email, openLeads: 0, available: available[index]! }))
        let cursors: RoundRobinCursors = {}
        const counts = new Map<string, number>()
        for (const profile of leads) {
          const decision = routeLead(routing, { profile, reps: state, cursors, at: AT })
          cursors = decision.cursors
          if (decision.kind !== 'assigned') continue
          counts.set(decision.rep, (counts.get(decision.rep) ?? 0) + 1)
          state = state.map((rep) =>
            rep.email === decision.rep ? { ...rep, openLeads: rep.openLeads + 1 } : rep,
          )
        }
        for (const team of routing.teams) {
          const taking = team.members.filter((email) => state.find((rep) => rep.email === email)!.available)
          const assigned = taking.map((email) => counts.get(email) ?? 0)
          assert.ok(
            (assigned.length === 0 ? 0 : Math.max(...assigned) - Math.min(...assigned)) <= 1,
            `${team.id}: ${assigned}`,
          )
          assert.ok(assigned.every((count) => count <= 25))
          const away = team.members.filter((email) => !taking.includes(email))
          assert.ok(
            away.every((email) => !counts.has(email)),
            'out of office reps got leads',
          )
        }
      }),
    )
  })

  test('is deterministic and independent of the order reps are listed in', () => {
    const states = fc.shuffledSubarray(
      MEMBERS.map((email, index) => ({ email, openLeads: index * 5, available: index !== 3 })),
      { minLength: MEMBERS.length },
    )
    fc.assert(
      fc.property(profiles, states, fc.constantFrom(undefined, SOPHIE, DAVID), (profile, shuffled, owner) => {
        const input = { profile, account: { owner }, cursors: { de_north: JONAS }, at: AT }
        const ordered = [...shuffled].sort((a, b) => a.email.localeCompare(b.email))
        assert.deepEqual(
          routeLead(routing, { ...input, reps: shuffled }),
          routeLead(routing, { ...input, reps: ordered }),
        )
      }),
    )
  })
})
