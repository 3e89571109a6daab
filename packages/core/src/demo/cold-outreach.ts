// Leads the SDRs prospect themselves (UWG §7: no marketing e-mail without consent, so only the
// SDR's own sequence). They meet sales first; some start reading content on their own later.
import {
  browse,
  choose,
  consideration,
  decision,
  handRaiser,
  session,
  web,
  type Properties,
  type Session,
} from './journey-steps.ts'
import type { JourneyInput } from './journeys.ts'

/** Prospected by an SDR: sequence mails first, and only some start reading on their own. */
export function coldOutreach(input: JourneyInput): Session[] {
  const { ctx, persona, origin } = input
  const { random, pools } = ctx
  const sdr = (step: number): Properties => ({ ...origin, sequenceStep: step })
  const sessions = [
    random.chance(0.7)
      ? session(0, { type: 'email_open', source: 'sdr_list', properties: sdr(1) })
      : session(
          0,
          web(
            'page_view',
            choose(ctx, pools.productPages).id,
            { ...sdr(1), utm_medium: 'email', utm_campaign: 'sdr-outbound' },
            'sdr_list',
          ),
        ),
  ]
  const followUps = persona === 'browser' ? random.int(0, 2) : random.int(1, 3)
  for (let step = 2; step < followUps + 2; step++)
    sessions.push(
      session(random.int(2, 6), { type: 'email_open', source: 'sdr_list', properties: sdr(step) }),
    )
  if (persona === 'buyer') {
    sessions.push(
      ...consideration(ctx, random.int(1, 2), [2, 10], 0.3),
      ...decision(ctx, random.int(1, 3), [1, 6]),
    )
    if (random.chance(0.5)) sessions.push(session(random.int(1, 5), handRaiser(random)))
  } else if (persona === 'researcher') {
    sessions.push(...consideration(ctx, random.int(1, 3), [3, 15], 0.3))
  } else if (random.chance(0.15)) {
    sessions.push(
      session(random.int(1, 5), {
        type: 'unsubscribe',
        source: 'sdr_list',
        properties: { ...origin, list: 'sdr_sequence' },
      }),
    )
  } else if (random.chance(0.4)) {
    sessions.push(session(random.int(3, 20), ...browse(ctx, 1)))
  }
  return sessions
}
