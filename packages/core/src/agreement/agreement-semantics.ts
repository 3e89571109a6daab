// Checks that need the whole document: unique ids, references between sections, time zones,
// checklists. Run only on documents that passed the schema, so the shape can be trusted.
import type { AgreementDocument, SourceLane } from './agreement-document.ts'
import { listOf, pointer, quote, type AgreementIssue } from './agreement-issue.ts'
import { CHECKLIST_FRAMEWORK_ITEMS, checklistItemIds } from './checklist-frameworks.ts'
import { checkCondition, type ConditionContext } from './condition-checks.ts'

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
  ]
}

function checkUniqueIds(document: AgreementDocument): AgreementIssue[] {
  const lists: [string, string[], readonly { id: string }[] | undefined][] = [
    ['fit rule', ['fit', 'rules'], document.fit.rules],
    ['engagement rule', ['engagement', 'rules'], document.engagement.rules],
    ['disqualifier', ['disqualifiers'], document.disqualifiers],
    ['source lane', ['sources'], document.sources],
    ['recycle reason', ['recycling', 'reasons'], document.recycling?.reasons],
    ['team', ['routing', 'teams'], document.routing?.teams],
    ['checklist', ['sql', 'checklists'], document.sql?.checklists],
  ]
  for (const [index, checklist] of (document.sql?.checklists ?? []).entries()) {
    lists.push(['checklist item', ['sql', 'checklists', String(index), 'items'], checklist.items])
  }
  return lists.flatMap(([noun, at, entries]) => {
    const seen = new Set<string>()
    return (entries ?? []).flatMap((entry, index) => {
      if (!seen.has(entry.id)) return (seen.add(entry.id), [])
      return [
        {
          path: pointer(...at, index, 'id'),
          message: `duplicate id ${quote(entry.id)}: another ${noun} already uses it`,
        },
      ]
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
      ? [
          {
            path: pointer('engagement', 'rules', index, 'cap'),
            message: 'a cap needs points or count: the most this rule adds per period',
          },
        ]
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
      if (owner !== undefined) {
        const where = owner === lane.id ? 'twice in this lane' : `already in lane ${quote(owner)}`
        issues.push({
          path: pointer('sources', laneIndex, 'sources', index),
          message: `source ${quote(source)} is listed ${where}`,
        })
      } else laneBySource.set(source, lane.id)
    }
    // emailNurture predates channels.email; both may be written, but they must say the same.
    const email = lane.channels?.email
    if (
      email !== undefined &&
      lane.emailNurture !== undefined &&
      EMAIL_NURTURE_BASIS[lane.emailNurture] !== email
    ) {
      issues.push({
        path: pointer('sources', laneIndex, 'channels', 'email'),
        message: `channels.email ${quote(email)} contradicts emailNurture ${quote(lane.emailNurture)}; state one of them`,
      })
    }
    if (lane.entryStage === 'sal' && lane.ownerProperty === undefined) {
      issues.push({
        path: pointer('sources', laneIndex, 'ownerProperty'),
        message:
          'a lane with entryStage sal needs ownerProperty: the touchpoint property naming the owning rep',
      })
    }
  }
  const { defaultSource } = document
  if (defaultSource !== undefined && !lanes.some((lane) => lane.id === defaultSource)) {
    const known =
      lanes.length > 0 ? `lanes: ${lanes.map((lane) => lane.id).join(', ')}` : 'no source lanes are defined'
    issues.push({
      path: pointer('defaultSource'),
      message: `defaultSource ${quote(defaultSource)} is not a source lane; ${known}`,
    })
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
  if (/^[+-]/.test(zone))
    return [{ path, message: `${quote(zone)} is an offset; use an IANA time zone like Europe/Berlin` }]
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return []
  } catch {
    return [{ path, message: `unknown time zone ${quote(zone)}; use an IANA time zone like Europe/Berlin` }]
  }
}

function checkBusinessHours(document: AgreementDocument): AgreementIssue[] {
  const hours = document.sla?.businessHours
  if (!hours || hours.end > hours.start) return []
  return [
    {
      path: pointer('sla', 'businessHours', 'end'),
      message: `business hours must end after they start (${hours.start})`,
    },
  ]
}

function checkBreachSteps(document: AgreementDocument): AgreementIssue[] {
  const reasons = (document.recycling?.reasons ?? []).map((reason) => reason.id)
  return (document.sla?.onBreach ?? []).flatMap((step, index) => {
    const at = (key: string) => pointer('sla', 'onBreach', index, key)
    if (step.reason === undefined) return []
    if (step.action !== 'return_to_marketing') {
      return [{ path: at('reason'), message: 'only a return_to_marketing step names a recycle reason' }]
    }
    if (reasons.includes(step.reason)) return []
    const known =
      reasons.length > 0 ? `; reasons: ${reasons.join(', ')}` : '; the agreement has no recycling reasons'
    return [{ path: at('reason'), message: `${quote(step.reason)} is not a recycle reason${known}` }]
  })
}

function checkRouting(document: AgreementDocument): AgreementIssue[] {
  const routing = document.routing
  if (routing?.fallbackTeam === undefined || routing.teams.some((team) => team.id === routing.fallbackTeam))
    return []
  const teams = routing.teams.map((team) => team.id).join(', ')
  return [
    {
      path: pointer('routing', 'fallbackTeam'),
      message: `fallbackTeam ${quote(routing.fallbackTeam)} is not a team; teams: ${teams}`,
    },
  ]
}

function checkChecklists(document: AgreementDocument): AgreementIssue[] {
  return (document.sql?.checklists ?? []).flatMap((checklist, index) => {
    const at = (...rest: (string | number)[]) => pointer('sql', 'checklists', index, ...rest)
    const issues: AgreementIssue[] = []
    if (checklist.framework === 'custom' && !checklist.items) {
      issues.push({ path: at('items'), message: 'a custom checklist must list its items (id and label)' })
    }
    if (checklist.framework !== 'custom' && checklist.items) {
      const builtIn = CHECKLIST_FRAMEWORK_ITEMS[checklist.framework].map((item) => item.id)
      const message = `only custom checklists list items; ${checklist.framework} has ${listOf(builtIn, 'and')}`
      issues.push({ path: at('items'), message })
    }
    const itemIds = checklistItemIds(checklist)
    for (const [itemIndex, item] of (checklist.mandatory ?? []).entries()) {
      if (itemIds.includes(item)) continue
      const known = itemIds.length > 0 ? `; use ${listOf(itemIds)}` : ''
      issues.push({
        path: at('mandatory', itemIndex),
        message: `${quote(item)} is not an item of this ${checklist.framework} checklist${known}`,
      })
    }
    if (
      checklist.minConfirmed !== undefined &&
      itemIds.length > 0 &&
      checklist.minConfirmed > itemIds.length
    ) {
      const message = `minConfirmed ${checklist.minConfirmed} is more than the ${itemIds.length} items of this checklist`
      issues.push({ path: at('minConfirmed'), message })
    }
    return issues
  })
}
