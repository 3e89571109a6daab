import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { compileRouting, type Routing } from './compile-routing.ts'
import { routeLead } from './route-lead.ts'
import { explanationText } from '../explanation/explanation.ts'

const AT = Date.parse('2026-09-14T08:00:00Z')
const ROUTING: Routing = {
  teams: [
    {
      id: 'south',
      label: { de: 'Süd', en: 'South' },
      members: ['Lukas@Example.de', 'sophie@example.de'],
      lead: 'Martina@Example.de',
      territory: { field: 'company.postcode', startsWith: '8' },
    },
    { id: 'everyone', members: ['lukas@example.de', 'jonas@example.de'] },
  ],
}

describe('compileRouting', () => {
  const routing = compileRouting(ROUTING)

  test('keeps team order, lower-cases e-mails and applies the defaults', () => {
    assert.deepEqual(
      routing.teams.map((team) => [team.id, team.label, team.members, team.lead]),
      [
        [
          'south',
          { de: 'Süd', en: 'South' },
          ['lukas@example.de', 'sophie@example.de'],
          'martina@example.de',
        ],
        ['everyone', { de: 'everyone', en: 'everyone' }, ['lukas@example.de', 'jonas@example.de'], undefined],
      ],
    )
    assert.deepEqual([routing.accountOwnerFirst, routing.maxOpenLeadsPerRep], [false, Infinity])
  })

  test('a team without territory takes every lead', () => {
    const profile = { email: 'x@kunde.de', company: { postcode: '20095' } }
    assert.deepEqual(
      routing.teams.map((team) => team.inTerritory(profile, AT)),
      [false, true],
    )
    assert.deepEqual(routing.teams[1]!.explainTerritory(profile, AT), [])
  })

  test('finds a rep’s first team, ignoring case', () => {
    assert.equal(routing.teamOfRep('LUKAS@example.de')?.id, 'south')
    assert.equal(routing.teamOfRep('jonas@example.de')?.id, 'everyone')
    assert.equal(routing.teamOfRep('martina@example.de'), undefined)
  })

  test('without a fallback team an unmatched lead is unrouted', () => {
    const southOnly = compileRouting({ teams: ROUTING.teams.slice(0, 1) })
    const decision = routeLead(southOnly, {
      profile: { email: 'x@kunde.de', company: { postcode: '20095' } },
      reps: [{ email: 'lukas@example.de', openLeads: 0, available: true }],
      at: AT,
    })
    assert.deepEqual(
      [decision.kind, decision.reasons.map(explanationText)],
      ['unrouted', ['no territory matched and the agreement names no fallback team']],
    )
  })

  test('refuses territories that depend on scores or touchpoints', () => {
    const cases: Array<[string, NonNullable<Routing['teams'][number]['territory']>]> = [
      ['score', { score: 'fit', gte: 50 }],
      [
        'nested touchpoints',
        { all: [{ field: 'country', equals: 'DE' }, { touchpoints: { type: 'demo' } }] },
      ],
      ['hand-raiser under not', { not: { handRaiser: true } }],
    ]
    for (const [name, territory] of cases) {
      const teams = [{ id: 'big', members: ['a@example.de'], territory }]
      assert.throws(() => compileRouting({ teams }), /territory of team big/, name)
    }
  })

  test('refuses an unknown fallback team', () => {
    assert.throws(() => compileRouting({ ...ROUTING, fallbackTeam: 'north' }), /fallbackTeam north/)
  })
})
