// The people behind demo leads: German names, titles that fit their persona (so fit scoring on
// title has something to find), corporate or free-mail addresses, and deliberately broken records.
import type { DemoCompany } from './companies.ts'
import { asciiSlug } from './places.ts'
import { words, type Random } from './random.ts'
import { titleFor } from './titles.ts'
import type { DemoLeadProfile, DemoPersona } from './types.ts'

export type DemoPerson = {
  email: string
  firstName?: string
  lastName?: string
  title?: string
  phone?: string
  female: boolean
  freeMail: boolean
}

const FIRST_MALE = words(`
  Thomas Michael Andreas Stefan Markus Christian Frank Jürgen Martin Daniel Alexander Sebastian
  Matthias Tobias Florian Jan Philipp Dirk Ralf Uwe Bernd Holger Oliver Patrick Benjamin Niklas Lukas
  Moritz Johannes Georg Wolfgang Klaus Peter Hannes Fabian Simon Kevin Marco Reto Lorenz
`)
const FIRST_FEMALE = words(`
  Sabine Petra Claudia Susanne Andrea Nicole Stefanie Julia Katharina Christina Sandra Melanie Anja
  Birgit Kerstin Tanja Nadine Lisa Laura Sarah Johanna Miriam Carina Franziska Verena Theresa Lea
  Hannah Marie Eva Silke Daniela Jana Simone Ines Barbara Corinne Monika Elena Sophie
`)
const LAST = words(`
  Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
  Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt
  Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber
  Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank
  Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus
  Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber
  Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold
  Wolff Pfeiffer Gruber Egger Steiner Moser Brunner Gerber Bachmann Frei Widmer Kowalski Nowak Visser
  Jansen
`)

export const FREE_MAIL_DOMAINS = [
  'gmail.com',
  'gmx.de',
  'web.de',
  't-online.de',
  'outlook.com',
  'yahoo.de',
] as const

/** Share of free-mail addresses per persona; averages about 12 % over the inbound mix. */
const FREE_MAIL_SHARE: Record<DemoPersona, number> = {
  buyer: 0.07,
  researcher: 0.08,
  browser: 0.1,
  job_seeker: 0.5,
  student: 0.4,
  competitor: 0,
  bad_data: 0,
}

export function phoneFor(random: Random, country: string): string {
  const prefix = { AT: '+43', CH: '+41', NL: '+31', PL: '+48', US: '+1' }[country] ?? '+49'
  if (random.chance(0.3))
    return `${prefix} ${random.pick(['151', '160', '170', '171', '176', '177'])} ${random.int(1000000, 9999999)}`
  return `${prefix} ${random.int(20, 999)} ${random.int(100000, 99999999)}`
}

export type PersonFactory = {
  create(random: Random, persona: DemoPersona, company: DemoCompany | undefined): DemoPerson
}

export function createPersonFactory(): PersonFactory {
  const taken = new Set<string>()
  // Addresses must be unique: lead identity is the e-mail. Namesakes get a variant or a number.
  const claim = (candidates: string[], domain: string, random: Random): string => {
    for (const local of candidates) if (!taken.has(`${local}@${domain}`)) return take(`${local}@${domain}`)
    const base = candidates[0] ?? 'kontakt'
    for (let n = random.int(2, 99); ; n++)
      if (!taken.has(`${base}${n}@${domain}`)) return take(`${base}${n}@${domain}`)
  }
  const take = (email: string): string => {
    taken.add(email)
    return email
  }

  return {
    create(random, persona, company) {
      const female = random.chance(persona === 'student' ? 0.45 : 0.3)
      const firstName = random.pick(female ? FIRST_FEMALE : FIRST_MALE)
      const lastName = random.pick(LAST)
      const [first, last] = [asciiSlug(firstName, '.'), asciiSlug(lastName, '')]
      if (persona === 'bad_data') return badRecord(random, firstName, lastName, company, claim)
      const freeMail = company === undefined || random.chance(FREE_MAIL_SHARE[persona])
      const email = freeMail
        ? claim(
            random.chance(0.6)
              ? [`${first}.${last}`, `${first}${last}`]
              : [`${first}.${last}${random.int(60, 99)}`, `${first[0]}.${last}`],
            random.pick(FREE_MAIL_DOMAINS),
            random,
          )
        : claim(
            [`${first}.${last}`, `${first[0]}.${last}`, `${first}${last}`],
            (company as DemoCompany).domain,
            random,
          )
      const person: DemoPerson = { email, firstName, lastName, female, freeMail }
      if (persona !== 'job_seeker' || random.chance(0.7))
        person.title = titleFor(random, persona, female, company)
      if (random.chance(persona === 'buyer' ? 0.55 : 0.25))
        person.phone = phoneFor(random, company?.country ?? 'DE')
      return person
    },
  }
}

/** Typos, placeholders and throwaway addresses: what web forms and fair scanners really collect. */
function badRecord(
  random: Random,
  firstName: string,
  lastName: string,
  company: DemoCompany | undefined,
  claim: (candidates: string[], domain: string, random: Random) => string,
): DemoPerson {
  const kind = random.weighted({ placeholder: 35, typoDomain: 40, roleAccount: 25 })
  const [first, last] = [asciiSlug(firstName, '.'), asciiSlug(lastName, '')]
  if (kind === 'placeholder') {
    const local = random.pick(['test', 'asdf', 'keine.angabe', 'max.mustermann', 'xxx', 'noreply'])
    const email = claim(
      [`${local}${random.int(1, 999)}`],
      random.pick(['test.de', 'example.com', 'mustermann.de', 'asdf.de', 'firma.de']),
      random,
    )
    return {
      email,
      firstName: random.pick(['Test', 'Max', 'asdf', 'x']),
      lastName: random.pick(['Test', 'Mustermann', 'asdf', '-']),
      title: random.pick(['xxx', '-', 'Test']),
      female: false,
      freeMail: false,
    }
  }
  if (kind === 'typoDomain') {
    const typo = random.pick(['gmial.com', 'gmx.dee', 'web.d', 't-onlin.de', 'outlok.com', 'yahoo.dd'])
    const domain =
      company && random.chance(0.5) ? company.domain.replace(/\.(de|at|ch|com|nl|pl)$/, '.dee') : typo
    return {
      email: claim([`${first}.${last}`, `${first}${last}`], domain, random),
      firstName,
      lastName,
      female: false,
      freeMail: false,
    }
  }
  const domain = company?.domain ?? 'firma.de'
  return {
    email: claim([random.pick(['info', 'kontakt', 'office', 'zentrale'])], domain, random),
    firstName,
    female: false,
    freeMail: false,
  }
}

/** What the first touchpoint's form or import knows about the lead. */
export function firstProfile(person: DemoPerson, company: DemoCompany | undefined): DemoLeadProfile {
  const profile: DemoLeadProfile = { email: person.email }
  if (person.firstName !== undefined) profile.firstName = person.firstName
  if (person.lastName !== undefined) profile.lastName = person.lastName
  if (person.title !== undefined) profile.title = person.title
  if (person.phone !== undefined) profile.phone = person.phone
  if (company !== undefined) {
    // A free-mail lead types its employer into the form; domain, industry and size stay unknown.
    profile.company = person.freeMail
      ? { name: company.name, country: company.country, postcode: company.postcode }
      : {
          name: company.name,
          domain: company.domain,
          industry: company.industry,
          employees: company.employees,
          country: company.country,
          postcode: company.postcode,
        }
  }
  return profile
}

/** Demo and contact forms ask for a phone number and, from free-mail leads, company details. */
export function handRaiserProfile(
  random: Random,
  person: DemoPerson,
  company: DemoCompany | undefined,
): DemoLeadProfile {
  const profile: DemoLeadProfile = { email: person.email }
  if (person.phone === undefined && random.chance(0.8))
    profile.phone = phoneFor(random, company?.country ?? 'DE')
  if (company !== undefined && person.freeMail)
    profile.company = {
      name: company.name,
      industry: company.industry,
      employees: company.employees,
      country: company.country,
    }
  return profile
}
