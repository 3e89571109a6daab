// The demo workspace's team. E-mails are constants because the demo agreement's routing
// section names the reps, and the agreement and this list must never drift apart.
import type { DemoTeam, DemoUser } from './types.ts'

export const DEMO_USER_DOMAIN = 'demo.takt.dev'

export const DEMO_ADMIN_EMAIL = 'admin@demo.takt.dev'

/** All sales reps per territory team (SDRs included: they are reps of their team). */
export const DEMO_REPS_BY_TEAM = {
  de_north: ['jonas.becker@demo.takt.dev', 'anna.schulz@demo.takt.dev', 'felix.krueger@demo.takt.dev'],
  de_south: ['lukas.maier@demo.takt.dev', 'sophie.huber@demo.takt.dev', 'maximilian.bauer@demo.takt.dev'],
  at_ch: ['david.gruber@demo.takt.dev', 'laura.keller@demo.takt.dev'],
} as const satisfies Record<DemoTeam, readonly string[]>

/** The two reps who prospect cold lists; cold-outreach leads are owned by one of them. */
export const DEMO_SDR_EMAILS = ['felix.krueger@demo.takt.dev', 'maximilian.bauer@demo.takt.dev'] as const

/** Reps who take inbound MQL hand-offs, i.e. DEMO_REPS_BY_TEAM without the SDRs. */
export const DEMO_ACCOUNT_EXECUTIVES_BY_TEAM = {
  de_north: ['jonas.becker@demo.takt.dev', 'anna.schulz@demo.takt.dev'],
  de_south: ['lukas.maier@demo.takt.dev', 'sophie.huber@demo.takt.dev'],
  at_ch: ['david.gruber@demo.takt.dev', 'laura.keller@demo.takt.dev'],
} as const satisfies Record<DemoTeam, readonly string[]>

const REP_NAMES: Record<string, string> = {
  'jonas.becker@demo.takt.dev': 'Jonas Becker',
  'anna.schulz@demo.takt.dev': 'Anna Schulz',
  'felix.krueger@demo.takt.dev': 'Felix Krüger',
  'lukas.maier@demo.takt.dev': 'Lukas Maier',
  'sophie.huber@demo.takt.dev': 'Sophie Huber',
  'maximilian.bauer@demo.takt.dev': 'Maximilian Bauer',
  'david.gruber@demo.takt.dev': 'David Gruber',
  'laura.keller@demo.takt.dev': 'Laura Keller',
}

// Where the German reps work: their state's public holidays pause their SLA clock.
const REP_REGIONS: Record<string, string> = {
  'jonas.becker@demo.takt.dev': 'HH',
  'anna.schulz@demo.takt.dev': 'NI',
  'felix.krueger@demo.takt.dev': 'HB',
  'lukas.maier@demo.takt.dev': 'BY',
  'sophie.huber@demo.takt.dev': 'BW',
  'maximilian.bauer@demo.takt.dev': 'BY',
}

function buildUsers(): DemoUser[] {
  const users: DemoUser[] = [
    { email: DEMO_ADMIN_EMAIL, name: 'Katrin Vogel', role: 'admin' },
    { email: 'lena.hoffmann@demo.takt.dev', name: 'Lena Hoffmann', role: 'marketing' },
    { email: 'tobias.schreiber@demo.takt.dev', name: 'Tobias Schreiber', role: 'marketing' },
    { email: 'martina.wolf@demo.takt.dev', name: 'Martina Wolf', role: 'sales_manager', region: 'NW' },
  ]
  for (const team of Object.keys(DEMO_REPS_BY_TEAM) as DemoTeam[]) {
    for (const email of DEMO_REPS_BY_TEAM[team]) {
      const region = REP_REGIONS[email]
      users.push({
        email,
        name: REP_NAMES[email] ?? email,
        role: 'sales',
        team,
        ...(region ? { region } : {}),
      })
    }
  }
  return users
}

/** A fresh copy each call, so callers may mutate their demo data freely. */
export function demoUsers(): DemoUser[] {
  return buildUsers()
}
