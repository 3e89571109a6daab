// The lead detail as GET /api/v1/leads/{id} answers it: every type here is taken from the client types
// generated from the server's OpenAPI document, so the page cannot drift from the API.
import type { paths } from '../../api/openapi'
import type { Undoable } from '../../hooks/undoable.ts'

export type LeadDetail = paths['/api/v1/leads/{id}']['get']['responses'][200]['content']['application/json']
export type ActionBody =
  paths['/api/v1/leads/{id}/actions']['post']['requestBody']['content']['application/json']
export type ActionKind = ActionBody['action']
export type Stage = LeadDetail['stage']

export type Person = NonNullable<LeadDetail['owner']>
type Contribution = LeadDetail['scores']['contributions'][number]
export type FitContribution = Extract<Contribution, { kind: 'fit' }>
export type EngagementContribution = Extract<Contribution, { kind: 'engagement' }>
export type Transition = LeadDetail['history'][number]
export type Touchpoint = LeadDetail['timeline'][number]
export type JourneyStage = NonNullable<Touchpoint['journeyStage']>
export type Assignment = NonNullable<LeadDetail['assignment']>
export type SlaState = NonNullable<Assignment['sla']>['state']
export type SlaBreach = LeadDetail['slaBreaches'][number]
export type SlaBreachAction = SlaBreach['action']
export type Qualification = NonNullable<LeadDetail['qualification']>
export type ChecklistProblem = NonNullable<Qualification['problem']>
export type ChecklistEvidence = NonNullable<LeadDetail['state']['checklist']>

/**
 * Reports an action's outcome (null clears it when the next one starts), where focus goes, and the
 * decision it recorded, which the user may undo for a few seconds.
 */
export type OnDone = (
  message: string | null,
  focus?: 'actions-title' | 'checklist-title',
  undo?: Undoable,
) => void

export function leadName(lead: Pick<LeadDetail, 'firstName' | 'lastName' | 'email'>): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ')
  return name || lead.email
}
