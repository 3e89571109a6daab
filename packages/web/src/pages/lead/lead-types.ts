// The lead detail as GET /api/v1/leads/{id} answers it. The generated type fixes only the main fields and
// lets the rest pass through; these types name that rest (see server/src/services/lead-detail.ts).
import type { paths } from '../../api/openapi'
import type { Label } from '../../hooks/use-agreement.ts'

type LeadDetailResponse = paths['/api/v1/leads/{id}']['get']['responses'][200]['content']['application/json']
export type ActionBody =
  paths['/api/v1/leads/{id}/actions']['post']['requestBody']['content']['application/json']
export type ActionKind = ActionBody['action']
export type Stage = LeadDetailResponse['stage']
export type JourneyStage = 'orientation' | 'consideration' | 'decision'

export type Person = { id: string; name: string; email: string }

export type FitContribution = {
  kind: 'fit'
  ruleId: string
  label: string
  points: number
  because: string[]
}

export type EngagementContribution = {
  kind: 'engagement'
  ruleId: string
  label: string
  points: number
  originalPoints: number
  creditedPoints: number
  capped: boolean
  touchpointId: string
  touchpointType: string
  contentId?: string
  occurredAt: string
  halfLifeDays: number | null
}

export type Transition = {
  from: Stage | null
  to: Stage
  at: string
  actor:
    | { type: 'system'; agreementVersion: number }
    | { type: 'user' | 'api_key'; id: string; user: Person | null }
  agreementVersion: number
  reason: string | null
  because: string[]
  trigger:
    | { kind: 'touchpoint'; id: string }
    | { kind: 'decision'; id: string }
    | { kind: 'cool_down_ended' }
    | { kind: 'agreement_activated'; version: number }
  fit: number
  engagement: number
}

export type Touchpoint = {
  id: string
  type: string
  occurredAt: string
  source: string | null
  contentId: string | null
  contentTitle: string | null
  journeyStage: JourneyStage | null
  properties: Record<string, unknown>
  points: number
}

export type SlaState = 'on_time' | 'due_soon' | 'breached' | 'met' | 'met_late'
export type SlaBreachAction = 'notify' | 'reassign' | 'return_to_marketing'

export type Assignment = {
  rep: string
  team: string | null
  at: string
  reasons: string[]
  sla: {
    state: SlaState
    dueAt: string
    remainingBusinessHours: number
    respondedAt: string | null
    responseBusinessHours: number | null
    systemDelayBusinessHours: number
    nextStep: { at: string; action: SlaBreachAction } | null
  } | null
}

export type SlaBreach = { step: number; action: SlaBreachAction; at: string; rep: string; assignedAt: string }

export type ChecklistEvidence = { confirmed: Record<string, string[]>; expectedAmount?: number }

export type ChecklistProblem = {
  code: string
  message: string
  details: {
    missing?: Array<{ checklist: string; mandatory: string[]; confirmed: number; needed: number }>
    unknown?: Array<{ checklist: string; items: string[] }>
  }
}

export type Qualification = {
  satisfied: boolean
  problem: ChecklistProblem | null
  expectedAmount: number | null
  checklists: Array<{
    id: string
    label: Label | null
    framework: string
    mandatory: string[]
    minConfirmed: number
    items: Array<{ id: string; label: Label; confirmed: boolean }>
  }>
  history: Array<{
    kind: 'qualify' | 'update_checklist'
    at: string
    by: Person | null
    actor: 'user' | 'api_key' | 'system'
    confirmed: Record<string, string[]>
    expectedAmount: number | null
    note: string | null
  }>
}

export type LeadDetail = {
  id: string
  email: string
  asOf: string
  firstName: string | null
  lastName: string | null
  title: string | null
  phone: string | null
  company: {
    name?: string
    domain?: string
    country?: string
    industry?: string
    employees?: number
    postcode?: string
  } | null
  account: {
    id: string
    domain: string | null
    name: string | null
    industry: string | null
    employees: number | null
    country: string | null
    owner: Person | null
  } | null
  lane: string | null
  stage: Stage
  stageEnteredAt: string | null
  owner: Person | null
  agreementVersion: number | null
  scores: {
    at: string
    fit: number
    engagement: number
    total: number
    contributions: Array<FitContribution | EngagementContribution>
  }
  history: Transition[]
  timeline: Touchpoint[]
  // empty before the first touchpoint
  state: {
    coolDownUntil?: number | null
    recycleQueue?: 'nurture' | 'data_quality' | null
    nurtureTrack?: string | null
    recycleCount?: number
    recycleReasons?: string[]
    closedReason?: string | null
    deal?: { amount: number; currency: string; expectedCloseDate: string } | null
    checklist?: ChecklistEvidence | null
  } | null
  assignment: Assignment | null
  slaBreaches: SlaBreach[]
  qualification: Qualification | null
  allowedActions: ActionKind[]
  refusedDecisions: Array<{ id: string; code: string; message: string }>
}

/** Reports an action's outcome (null clears it when the next one starts) and where focus goes. */
export type OnDone = (message: string | null, focus?: 'actions-title' | 'checklist-title') => void

/** The generated type leaves the detail open; this is the one place it is narrowed. */
export function toLeadDetail(response: LeadDetailResponse): LeadDetail {
  return response as unknown as LeadDetail
}

export function leadName(lead: Pick<LeadDetail, 'firstName' | 'lastName' | 'email'>): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ')
  return name || lead.email
}
