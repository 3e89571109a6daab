// The lead filters as GET /leads and GET /pipeline receive them, turned into the service's terms once,
// so the list and the counts read a query the same way.
import type { Static } from 'typebox'
import type { Principal } from './access.ts'
import type { LeadFilterQuerySchema } from './schemas/lead.schema.ts'
import type { LeadFilters } from '../services/lead-filters.ts'
import { parseScoreRange } from '#core/util/score-range.ts'
import { visibilityFor, type Visibility } from '../services/lead-visibility.ts'
import { DomainError } from '#core/errors.ts'

const DAY_MS = 86_400_000

export function leadFiltersOf(
  query: Static<typeof LeadFilterQuerySchema>,
  principal: Principal | undefined,
  now: Date,
): LeadFilters {
  const {
    enteredWithinDays,
    touchedWithinDays,
    owner,
    entered,
    enteredFrom,
    enteredTo,
    enteredOwner,
    enteredVersion,
    enteredLeaving,
    enteredReason,
    enteredBy,
    firstTouchFrom,
    firstTouchTo,
    firstMqlFrom,
    firstMqlTo,
    firstMqlVersion,
    firstMqlFit,
    firstMqlEngagement,
    handOffFrom,
    handOffTo,
    handOffRep,
    handOffTeam,
    handOffVersion,
    ...rest
  } = query
  const enteredBounds = {
    enteredFrom,
    enteredTo,
    enteredOwner,
    enteredVersion,
    enteredLeaving,
    enteredReason,
    enteredBy,
  }
  const unbound = Object.entries(enteredBounds).find(([, value]) => value !== undefined)
  if (!entered?.length && unbound) {
    throw filterInvalid(unbound[0], `${unbound[0]} bounds a stage change: name its stage with entered.`)
  }
  const from = instant(enteredFrom)
  const to = instant(enteredTo)
  if (from && to && from > to) throw filterInvalid('enteredTo', 'enteredTo lies before enteredFrom.')
  const firstFrom = instant(firstTouchFrom)
  const firstTo = instant(firstTouchTo)
  if (firstFrom && firstTo && firstFrom > firstTo) {
    throw filterInvalid('firstTouchTo', 'firstTouchTo lies before firstTouchFrom.')
  }
  const handedFrom = instant(handOffFrom)
  const handedTo = instant(handOffTo)
  if (handedFrom && handedTo && handedFrom > handedTo) {
    throw filterInvalid('handOffTo', 'handOffTo lies before handOffFrom.')
  }
  const handOff = {
    ...(handedFrom ? { from: handedFrom } : {}),
    ...(handedTo ? { to: handedTo } : {}),
    ...(handOffRep === undefined ? {} : { rep: handOffRep }),
    ...(handOffTeam === undefined ? {} : { team: handOffTeam }),
    ...(handOffVersion === undefined ? {} : { version: handOffVersion }),
  }
  const mqlFrom = instant(firstMqlFrom)
  const mqlTo = instant(firstMqlTo)
  if (mqlFrom && mqlTo && mqlFrom > mqlTo)
    throw filterInvalid('firstMqlTo', 'firstMqlTo lies before firstMqlFrom.')
  const range = (parameter: string, text: string | undefined) => {
    if (text === undefined) return {}
    const parsed = parseScoreRange(text)
    if (!parsed) throw filterInvalid(parameter, `${parameter} has its lower end above its upper end.`)
    return { [parameter === 'firstMqlFit' ? 'fit' : 'engagement']: parsed }
  }
  const firstMql = {
    ...(mqlFrom ? { from: mqlFrom } : {}),
    ...(mqlTo ? { to: mqlTo } : {}),
    ...(firstMqlVersion === undefined ? {} : { version: firstMqlVersion }),
    ...range('firstMqlFit', firstMqlFit),
    ...range('firstMqlEngagement', firstMqlEngagement),
  }
  // A period is counted back from now rather than fixed, so a shared link stays current.
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS)
  return {
    ...rest,
    // "me" for an API key, which is nobody, means the unowned leads.
    ...(owner === undefined
      ? {}
      : { owner: owner === 'me' ? (principal?.kind === 'user' ? principal.userId : 'none') : owner }),
    ...(enteredWithinDays === undefined ? {} : { enteredSince: ago(enteredWithinDays) }),
    ...(touchedWithinDays === undefined ? {} : { touchedSince: ago(touchedWithinDays) }),
    ...(entered?.length
      ? {
          entered: {
            stages: entered,
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
            ...(enteredOwner === undefined ? {} : { owner: enteredOwner }),
            ...(enteredVersion === undefined ? {} : { version: enteredVersion }),
            ...(enteredLeaving?.length ? { leaving: enteredLeaving } : {}),
            ...(enteredReason === undefined ? {} : { reason: enteredReason }),
            ...(enteredBy === undefined ? {} : { by: enteredBy }),
          },
        }
      : {}),
    ...(firstFrom || firstTo
      ? { firstTouch: { ...(firstFrom ? { from: firstFrom } : {}), ...(firstTo ? { to: firstTo } : {}) } }
      : {}),
    ...(Object.keys(handOff).length > 0 ? { handOff } : {}),
    ...(Object.keys(firstMql).length > 0 ? { firstMql } : {}),
    visibility: viewerVisibility(principal),
    at: now,
  }
}

// The schema checked the format (RFC 3339 with an offset): only the order is left to check.
function instant(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value)
}

function filterInvalid(parameter: string, message: string) {
  return new DomainError('LEAD_FILTER_INVALID', message, { parameter })
}

export function viewerVisibility(principal: Principal | undefined): Visibility {
  return visibilityFor(
    principal?.kind === 'user' ? { role: principal.role, userId: principal.userId } : undefined,
  )
}
