// Why a webhook subscription is off: a stable code and when it happened, so the UI can say it in the
// user's language (columns disabled_reason and disabled_at of webhook_subscriptions).
import { assertUnreachable } from '#core/util/assert-unreachable.ts'

export const DISABLED_REASONS = ['DISABLED_BY_ADMIN', 'RECEIVER_GONE'] as const
export type DisabledReasonCode = (typeof DISABLED_REASONS)[number]
/** `at` is when the subscription was disabled; null for old rows that did not record it. */
export type DisabledReason = { code: DisabledReasonCode; at: string | null }

/** The stored reason of a disabled subscription (migration 0011 turned older texts into codes). */
export function readDisabledReason(code: string | null, at: Date | null): DisabledReason {
  const known = DISABLED_REASONS.find((reason) => reason === code)
  return { code: known ?? 'DISABLED_BY_ADMIN', at: at?.toISOString() ?? null }
}

/** The reason in English, for API clients that show the text as it is. */
export function describeDisabledReason(reason: DisabledReason): string {
  switch (reason.code) {
    case 'DISABLED_BY_ADMIN':
      return 'Disabled by an admin.'
    case 'RECEIVER_GONE':
      return `The receiver answered 410 Gone${reason.at ? ` at ${reason.at}` : ''}.`
    default:
      return assertUnreachable(reason.code)
  }
}
