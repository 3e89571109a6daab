// The lead filters as GET /leads and GET /pipeline receive them, turned into the service's terms once,
// so the list and the counts read a query the same way.
import type { Static } from 'typebox'
import type { Principal } from './access.ts'
import type { LeadFilterQuerySchema } from './schemas/lead.schema.ts'
import type { LeadFilters } from '../services/lead-filters.ts'
import { visibilityFor, type Visibility } from '../services/lead-visibility.ts'

const DAY_MS = 86_400_000

export function leadFiltersOf(
  query: Static<typeof LeadFilterQuerySchema>,
  principal: Principal | undefined,
  now: Date,
): LeadFilters {
  const { enteredWithinDays, touchedWithinDays, owner, ...rest } = query
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
    visibility: viewerVisibility(principal),
    at: now,
  }
}

export function viewerVisibility(principal: Principal | undefined): Visibility {
  return visibilityFor(
    principal?.kind === 'user' ? { role: principal.role, userId: principal.userId } : undefined,
  )
}
