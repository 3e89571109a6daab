// The starter agreement `takt init` installs: valid under the published schema, and doing what its
// comments promise for a new workspace that has an admin and no reps yet.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import ajvFormats from 'ajv-formats'
import { parse } from 'yaml'
import { agreementJsonSchema } from './agreement-json-schema.ts'
import { parseAgreement } from './parse-agreement.ts'
import { compileAgreement } from './compile-agreement.ts'
import { replayLead } from '../lifecycle/replay-lead.ts'
import { compileRouting } from '../routing/compile-routing.ts'
import { routeLead } from '../routing/route-lead.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import type { LeadFields } from '../lead/lead-profile.ts'

const text = readFileSync(new URL('./fixtures/b2b-starter.yaml', import.meta.url), 'utf8')
const parsed = parseAgreement(text)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
const agreement = compileAgreement(parsed.document)
const versions = [{ version: 1, activatedAt: 0, agreement }]

const DAY = 86_400_000
const START = Date.parse('2026-09-07T09:00:00Z')
const tp = (id: string, type: string, at: number, leadFields?: Partial<LeadFields>): Touchpoint => ({
  id,
  type,
  occurredAt: at,
  source: 'website',
  properties: {},
  ...(leadFields ? { leadFields } : {}),
})
const stagesOf = (email: string, touchpoints: Touchpoint[]) =>
  replayLead({ email, touchpoints, decisions: [], versions, until: START + 30 * DAY }).transitions.map(
    (transition) => transition.to,
  )

describe('the starter agreement', () => {
  test('is valid under the published JSON Schema and the semantic checks', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true })
    ajvFormats.default(validate)
    const check = validate.compile(agreementJsonSchema())
    assert.equal(check(parse(text)), true, JSON.stringify(check.errors))
    assert.ok(parsed.ok)
  })

  const manager: Partial<LeadFields> = {
    title: 'Head of Operations',
    company: { name: 'Beispiel AG', domain: 'beispiel.de', employees: 300, country: 'DE' },
  }
  const cases: Array<[string, string, Touchpoint[], string[]]> = [
    [
      'a demo request from an unknown profile is handed over at once',
      'anna@unknown.de',
      [tp('d1', 'demo_request', START)],
      ['lead', 'mql'],
    ],
    [
      'a demo request from a free-mail address waits',
      'someone@gmail.com',
      [tp('d2', 'demo_request', START)],
      ['lead'],
    ],
    [
      'a senior buyer at a mid-sized company (fit 40) qualifies once engagement passes 40',
      'jo@beispiel.de',
      [
        tp('m1', 'webinar_registered', START, manager),
        tp('m2', 'webinar_attended', START + DAY),
        tp('m3', 'content_download', START + 2 * DAY),
        tp('m4', 'case_study_view', START + 3 * DAY),
      ],
      ['lead', 'mql'],
    ],
    [
      'page views alone never reach sales',
      'browse@beispiel.de',
      Array.from({ length: 40 }, (_, index) =>
        tp(`p${index}`, 'page_view', START + index * 3_600_000, manager),
      ),
      ['lead'],
    ],
    [
      'a student is disqualified',
      'lisa@uni.example',
      [tp('s1', 'demo_request', START, { title: 'Werkstudentin Marketing' })],
      ['lead', 'disqualified'],
    ],
  ]
  for (const [name, email, touchpoints, expected] of cases) {
    test(name, () => assert.deepEqual(stagesOf(email, touchpoints), expected))
  }

  test('with only the admin and no reps, an MQL waits in the sales team queue', () => {
    const routing = compileRouting(parsed.document.routing!)
    const decision = routeLead(routing, { profile: { email: 'anna@unknown.de' }, reps: [], at: START })
    assert.equal(decision.kind, 'queued')
    assert.equal(decision.kind === 'queued' && decision.team, 'sales')
  })
})
