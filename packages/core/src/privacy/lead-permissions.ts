// What marketing may do with a person, derived from the log: consents and withdrawals are touchpoints
// (consent_given, consent_withdrawn, unsubscribe), and the source lane of the agreement says which
// lawful basis each channel needs. Recorded consents are never overwritten, so the answer can be
// rebuilt for any past instant and shown with the wording the person agreed to.
import type { ChannelRequirement, LawfulBasis } from '../agreement/agreement-document.ts'
import { EMAIL_NURTURE_BASIS } from '../agreement/agreement-semantics.ts'
import type { CompiledAgreement } from '../agreement/compile-agreement.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'

export const CHANNELS = ['email', 'phone'] as const
export type Channel = (typeof CHANNELS)[number]

/** What one source lane asks for: the basis of processing and what each channel needs. */
export type LanePrivacy = {
  lane: string
  lawfulBasis: LawfulBasis
  channels: Readonly<Record<Channel, ChannelRequirement>>
}

export type ConsentRecord = {
  purpose: string
  channel: Channel | null
  granted: boolean
  at: number
  source: string | null
  touchpointId: string
  kind: 'consent' | 'unsubscribe'
  basis: string | null
  text: string | null
}

export type ChannelReason =
  | 'consent_given'
  | 'legitimate_interest'
  | 'no_consent'
  | 'consent_withdrawn'
  | 'unsubscribed'
  | 'excluded_by_agreement'

export type ChannelPermission = {
  allowed: boolean
  /** what the lane requires for this channel */
  requires: ChannelRequirement
  /** the basis the channel may be used on; null when it may not */
  basis: LawfulBasis | null
  source: string | null
  since: number | null
  reason: ChannelReason
}

export type EmailNurture =
  'allowed' | 'blocked_no_consent' | 'blocked_withdrawn' | 'blocked_unsubscribed' | 'blocked_by_agreement'

export type LeadPermissions = {
  lane: string
  /** `established` is false for a consent lane while no consent stands */
  lawfulBasis: { basis: LawfulBasis; source: string | null; since: number | null; established: boolean }
  channels: Record<Channel, ChannelPermission>
  consents: ConsentRecord[]
  emailNurture: EmailNurture
}

/** Purposes that name no channel of their own (profiling) never open a channel. */
const CHANNEL_OF_PURPOSE: Readonly<Record<string, Channel>> = {
  email_marketing: 'email',
  newsletter: 'email',
  phone: 'phone',
}
const ALL = 'all'

/** The privacy settings of the lane `laneId` (a lane of `agreement`, or the defaults). */
export function lanePrivacy(agreement: CompiledAgreement, laneId: string | undefined): LanePrivacy {
  const lane = agreement.document.sources?.find((entry) => entry.id === laneId)
  const lawfulBasis = lane?.lawfulBasis ?? 'legitimate_interest'
  const nurture = lane?.emailNurture === undefined ? undefined : EMAIL_NURTURE_BASIS[lane.emailNurture]
  return {
    lane: lane?.id ?? laneId ?? agreement.laneForSource(undefined).id,
    lawfulBasis,
    channels: {
      email: lane?.channels?.email ?? nurture ?? lawfulBasis,
      phone: lane?.channels?.phone ?? lawfulBasis,
    },
  }
}

/** The consent events of a log, in its order; an unsubscribe withdraws every e-mail purpose. */
export function consentRecords(sorted: readonly Touchpoint[], at: number): ConsentRecord[] {
  return sorted.flatMap((touchpoint): ConsentRecord[] => {
    if (touchpoint.occurredAt > at) return []
    const { type, properties } = touchpoint
    if (type !== 'consent_given' && type !== 'consent_withdrawn' && type !== 'unsubscribe') return []
    const text = (key: string) => (typeof properties[key] === 'string' ? (properties[key] as string) : null)
    const unsubscribe = type === 'unsubscribe'
    const purpose = unsubscribe ? ALL : (text('purpose') ?? ALL)
    const channel = text('channel')
    return [
      {
        purpose,
        channel: isChannel(channel) ? channel : unsubscribe ? 'email' : (CHANNEL_OF_PURPOSE[purpose] ?? null),
        granted: type === 'consent_given',
        at: touchpoint.occurredAt,
        source: touchpoint.source ?? null,
        touchpointId: touchpoint.id,
        kind: unsubscribe ? 'unsubscribe' : 'consent',
        basis: text('basis'),
        text: text('text'),
      },
    ]
  })
}

/**
 * Derives what marketing may do with a lead at `at`. `sorted` is in replay order (compareTouchpoints).
 *
 * @example
 * const permissions = derivePermissions(replay.touchpoints, lanePrivacy(agreement, 'cold_outreach'), now)
 * permissions.emailNurture // 'blocked_no_consent' until the person agrees to marketing e-mail (UWG §7)
 */
export function derivePermissions(
  sorted: readonly Touchpoint[],
  lane: LanePrivacy,
  at: number,
): LeadPermissions {
  const consents = consentRecords(sorted, at)
  const standing = new Map<string, ConsentRecord>()
  const stopped = new Map<Channel, ConsentRecord>()
  for (const record of consents) {
    if (record.granted) {
      standing.set(`${record.purpose}|${record.channel ?? ''}`, record)
      continue
    }
    for (const [key, grant] of standing) {
      const purposeHit = record.purpose === ALL || grant.purpose === record.purpose
      const channelHit = record.channel === null || grant.channel === record.channel
      if (purposeHit && channelHit) standing.delete(key)
    }
    // A withdrawal of profiling alone names no channel and stops none.
    for (const channel of CHANNELS) {
      if (record.channel === channel || (record.channel === null && record.purpose === ALL))
        stopped.set(channel, record)
    }
  }
  const grants = [...standing.values()].sort((a, b) => a.at - b.at)
  const first = sorted.find((touchpoint) => touchpoint.occurredAt <= at)
  const channelPermission = (channel: Channel): ChannelPermission => {
    const requires = lane.channels[channel]
    const grant = grants.find((record) => record.channel === channel && record.purpose !== 'profiling')
    const stop = stopped.get(channel)
    const blocked = (reason: ChannelReason): ChannelPermission => ({
      allowed: false,
      requires,
      basis: null,
      source: stop && reason !== 'no_consent' ? stop.source : null,
      since: stop && reason !== 'no_consent' ? stop.at : null,
      reason,
    })
    if (requires === 'never') return blocked('excluded_by_agreement')
    if (grant) {
      return {
        allowed: true,
        requires,
        basis: 'consent',
        source: grant.source,
        since: grant.at,
        reason: 'consent_given',
      }
    }
    // Without a standing consent, a withdrawal or unsubscribe is an objection (Art. 21 DSGVO).
    if (stop) return blocked(stop.kind === 'unsubscribe' ? 'unsubscribed' : 'consent_withdrawn')
    if (requires === 'consent' || !first) return blocked('no_consent')
    return {
      allowed: true,
      requires,
      basis: 'legitimate_interest',
      source: first.source ?? null,
      since: first.occurredAt,
      reason: 'legitimate_interest',
    }
  }
  const channels = { email: channelPermission('email'), phone: channelPermission('phone') }
  const basisGrant = grants[0]
  const lawfulBasis =
    lane.lawfulBasis === 'consent'
      ? {
          basis: 'consent' as const,
          source: basisGrant?.source ?? null,
          since: basisGrant?.at ?? null,
          established: basisGrant !== undefined,
        }
      : {
          basis: 'legitimate_interest' as const,
          source: first?.source ?? null,
          since: first?.occurredAt ?? null,
          established: first !== undefined,
        }
  return { lane: lane.lane, lawfulBasis, channels, consents, emailNurture: nurtureOf(channels.email) }
}

function nurtureOf(email: ChannelPermission): EmailNurture {
  if (email.allowed) return 'allowed'
  switch (email.reason) {
    case 'excluded_by_agreement':
      return 'blocked_by_agreement'
    case 'unsubscribed':
      return 'blocked_unsubscribed'
    case 'consent_withdrawn':
      return 'blocked_withdrawn'
    default:
      return 'blocked_no_consent'
  }
}

/** The few facts a lead list filters on, kept on the lead row. */
export function permissionSummary(permissions: LeadPermissions) {
  return {
    lawfulBasis: permissions.lawfulBasis.basis,
    email: permissions.channels.email.allowed,
    phone: permissions.channels.phone.allowed,
    emailNurture: permissions.emailNurture,
  }
}

function isChannel(value: string | null): value is Channel {
  return value === 'email' || value === 'phone'
}
