// Checks that need the whole document: unique ids, references between sections, time zones,
// checklists. Run only on documents that passed the schema, so the shape can be trusted.
import type { AgreementDocument, SourceLane } from './agreement-document.ts'
import { excerpt, type IdListNoun } from './agreement-issue-codes.ts'
import { issue, pointer, type AgreementIssue } from './agreement-issue.ts'
import { agreementCodes } from './agreement-labels.ts'
import { CHECKLIST_FRAMEWORK_ITEMS, checklistItemIds } from './checklist-frameworks.ts'
import { checkCondition, type ConditionContext } from './condition-checks.ts'
import { closestName } from './schema-error-message.ts'

/** Every semantic issue of a schema-valid agreement, each located by JSON pointer; empty when the agreement is sound. */
export function checkAgreementSemantics(document: AgreementDocument): AgreementIssue[] {
  return [
    ...checkUniqueIds(document),
    ...checkConditions(document),
    ...checkEngagement(document),
    ...checkSources(document),
    ...checkTimeZone(document.timezone, pointer('timezone')),
    ...checkTimeZone(document.sla?.businessHours.timezone, pointer('sla', 'businessHours', 'timezone')),
    ...checkBusinessHours(document),
    ...checkBreachSteps(document),
    ...checkRouting(document),
    ...checkChecklists(document),
    ...checkLabels(document),
  ]
}

function checkUniqueIds(document: AgreementDocument): AgreementIssue[] {
  const lists: [IdListNoun, string[], readonly { id: string }[] | undefined][] = [
    ['fit_rule', ['fit', 'rules'], document.fit.rules],
    ['engagement_rule', ['engagement', 'rules'], document.engagement.rules],
    ['disqualifier', ['disqualifiers'], document.disqualifiers],
    ['source_lane', ['sources'], document.sources],
    ['recycle_reason', ['recycling', 'reasons'], document.recycling?.reasons],
    ['team', ['routing', 'teams'], document.routing?.teams],
    ['checklist', ['sql', 'checklists'], document.sql?.checklists],
    ['deal_stage', ['deals', 'stages'], document.deals?.stages],
  ]
  for (const [index, checklist] of (document.sql?.checklists ?? []).entries()) {
    lists.push(['checklist_item', ['sql', 'checklists', String(index), 'items'], checklist.items])
  }
  return lists.flatMap(([noun, at, entries]) => {
    const seen = new Set<string>()
    return (entries ?? []).flatMap((entry, index) => {
      if (!seen.has(entry.id)) return (seen.add(entry.id), [])
      return [issue(pointer(...at, index, 'id'), 'duplicate_id', { id: excerpt(entry.id), noun })]
    })
  })
}

function checkConditions(document: AgreementDocument): AgreementIssue[] {
  const context: ConditionContext = {
    signals: new Set(Object.keys(document.signals ?? {})),
    hasHandRaiserRule: document.engagement.rules.some((rule) => rule.handRaiser === true),
  }
  const issues = [
    ...document.fit.rules.flatMap((rule, index) =>
      checkCondition(rule.when, pointer('fit', 'rules', index, 'when'), 'fit', context),
    ),
    ...(document.disqualifiers ?? []).flatMap((disqualifier, index) =>
      checkCondition(disqualifier.when, pointer('disqualifiers', index, 'when'), 'disqualifier', context),
    ),
    ...checkCondition(document.mql, pointer('mql'), 'mql', context),
    ...(document.sources ?? []).flatMap((lane, index) =>
      lane.mql ? checkCondition(lane.mql, pointer('sources', index, 'mql'), 'mql', context) : [],
    ),
    ...(document.routing?.teams ?? []).flatMap((team, index) =>
      team.territory
        ? checkCondition(
            team.territory,
            pointer('routing', 'teams', index, 'territory'),
            'territory',
            context,
          )
        : [],
    ),
  ]
  const requalify = document.recycling?.requalify
  if (requalify)
    issues.push(...checkCondition(requalify, pointer('recycling', 'requalify'), 'requalify', context))
  return issues
}

function checkEngagement(document: AgreementDocument): AgreementIssue[] {
  return document.engagement.rules.flatMap((rule, index) =>
    rule.cap && rule.cap.points === undefined && rule.cap.count === undefined
      ? [issue(pointer('engagement', 'rules', index, 'cap'), 'cap_without_limit', {})]
      : [],
  )
}

function checkSources(document: AgreementDocument): AgreementIssue[] {
  const lanes = document.sources ?? []
  const issues: AgreementIssue[] = []
  const laneBySource = new Map<string, string>()
  for (const [laneIndex, lane] of lanes.entries()) {
    for (const [index, source] of lane.sources.entries()) {
      const owner = laneBySource.get(source)
      const at = pointer('sources', laneIndex, 'sources', index)
      if (owner === lane.id) issues.push(issue(at, 'source_listed_twice', { source: excerpt(source) }))
      else if (owner !== undefined) {
        issues.push(issue(at, 'source_in_other_lane', { source: excerpt(source), lane: excerpt(owner) }))
      } else laneBySource.set(source, lane.id)
    }
    // emailNurture predates channels.email; both may be written, but they must say the same.
    const email = lane.channels?.email
    if (
      email !== undefined &&
      lane.emailNurture !== undefined &&
      EMAIL_NURTURE_BASIS[lane.emailNurture] !== email
    ) {
      issues.push(
        issue(pointer('sources', laneIndex, 'channels', 'email'), 'email_basis_conflict', {
          email,
          emailNurture: lane.emailNurture,
        }),
      )
    }
    if (lane.entryStage === 'sal' && lane.ownerProperty === undefined) {
      issues.push(issue(pointer('sources', laneIndex, 'ownerProperty'), 'sal_lane_without_owner', {}))
    }
  }
  const { defaultSource } = document
  if (defaultSource !== undefined && !lanes.some((lane) => lane.id === defaultSource)) {
    issues.push(
      issue(pointer('defaultSource'), 'unknown_default_source', {
        source: excerpt(defaultSource),
        lanes: lanes.map((lane) => lane.id),
      }),
    )
  }
  return issues
}

/** What each emailNurture value means as the basis e-mail needs (channels.email). */
export const EMAIL_NURTURE_BASIS = {
  allowed: 'legitimate_interest',
  requiresConsent: 'consent',
  never: 'never',
} as const satisfies Record<NonNullable<SourceLane['emailNurture']>, string>

function checkTimeZone(zone: string | undefined, path: string): AgreementIssue[] {
  if (zone === undefined) return []
  // Intl also accepts offsets like +01:00, but an offset ignores daylight saving time.
  if (/^[+-]/.test(zone)) return [issue(path, 'time_zone_offset', { zone: excerpt(zone) })]
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return []
  } catch {
    return [issue(path, 'unknown_time_zone', { zone: excerpt(zone) })]
  }
}

function checkBusinessHours(document: AgreementDocument): AgreementIssue[] {
  const hours = document.sla?.businessHours
  if (!hours || hours.end > hours.start) return []
  return [
    issue(pointer('sla', 'businessHours', 'end'), 'business_hours_end_before_start', { start: hours.start }),
  ]
}

function checkBreachSteps(document: AgreementDocument): AgreementIssue[] {
  const reasons = (document.recycling?.reasons ?? []).map((reason) => reason.id)
  return (document.sla?.onBreach ?? []).flatMap((step, index) => {
    const at = (key: string) => pointer('sla', 'onBreach', index, key)
    if (step.reason === undefined) return []
    if (step.action !== 'return_to_marketing') return [issue(at('reason'), 'reason_without_return', {})]
    if (reasons.includes(step.reason)) return []
    return [issue(at('reason'), 'unknown_recycle_reason', { reason: excerpt(step.reason), reasons })]
  })
}

function checkRouting(document: AgreementDocument): AgreementIssue[] {
  const routing = document.routing
  if (routing?.fallbackTeam === undefined || routing.teams.some((team) => team.id === routing.fallbackTeam))
    return []
  return [
    issue(pointer('routing', 'fallbackTeam'), 'unknown_fallback_team', {
      team: excerpt(routing.fallbackTeam),
      teams: routing.teams.map((team) => team.id),
    }),
  ]
}

function checkChecklists(document: AgreementDocument): AgreementIssue[] {
  return (document.sql?.checklists ?? []).flatMap((checklist, index) => {
    const at = (...rest: (string | number)[]) => pointer('sql', 'checklists', index, ...rest)
    const issues: AgreementIssue[] = []
    const { framework } = checklist
    if (framework === 'custom' && !checklist.items) {
      issues.push(issue(at('items'), 'custom_checklist_without_items', {}))
    }
    if (framework !== 'custom' && checklist.items) {
      const items = CHECKLIST_FRAMEWORK_ITEMS[framework].map((item) => item.id)
      issues.push(issue(at('items'), 'items_on_builtin_checklist', { framework, items }))
    }
    const itemIds = checklistItemIds(checklist)
    for (const [itemIndex, item] of (checklist.mandatory ?? []).entries()) {
      if (itemIds.includes(item)) continue
      issues.push(
        issue(at('mandatory', itemIndex), 'unknown_checklist_item', {
          item: excerpt(item),
          framework,
          items: itemIds,
        }),
      )
    }
    if (
      checklist.minConfirmed !== undefined &&
      itemIds.length > 0 &&
      checklist.minConfirmed > itemIds.length
    ) {
      issues.push(
        issue(at('minConfirmed'), 'min_confirmed_too_high', {
          minConfirmed: checklist.minConfirmed,
          count: itemIds.length,
        }),
      )
    }
    return issues
  })
}

function checkLabels(document: AgreementDocument): AgreementIssue[] {
  const labelled = Object.keys(document.labels ?? {})
  if (labelled.length === 0) return []
  const codes = agreementCodes(document)
  return labelled.flatMap((code) => {
    if (codes.has(code)) return []
    const at = pointer('labels', code)
    const suggestion = closestName(code, [...codes])
    return suggestion
      ? [issue(at, 'misspelt_label_code', { code: excerpt(code), suggestion })]
      : [issue(at, 'unknown_label_code', { code: excerpt(code) })]
  })
}
