// Fictional companies the demo leads work for: mostly DACH manufacturers (the vendor's market), some
// partners that never buy (software, consulting, trade), a few foreign firms, and four competitors.
import { words, type Random } from './random.ts'
import { asciiSlug, cityFor, postcodeIn, type DemoRegion } from './places.ts'

export type DemoIndustry =
  | 'maschinenbau'
  | 'automotive_zulieferer'
  | 'elektrotechnik'
  | 'kunststofftechnik'
  | 'metallverarbeitung'
  | 'software'
  | 'consulting'
  | 'handel'

export type DemoCompany = {
  name: string
  domain: string
  industry: DemoIndustry
  employees: number
  country: string
  postcode: string
  city: string
  /** German territory (by postcode); null outside Germany. */
  region: DemoRegion | null
  /** A DACH manufacturer with 50+ staff: who SDR lists and real buyers come from. */
  target: boolean
}

/** Competitors of the demo vendor; the demo agreement disqualifies these domains. */
export const DEMO_COMPETITOR_DOMAINS = [
  'prodplan-systems.de',
  'fabrikcockpit.de',
  'kapaplan.com',
  'werksplaner.ch',
] as const

const COMPETITORS: DemoCompany[] = [
  ['ProdPlan Systems GmbH', 'prodplan-systems.de', 240, 'DE', '70565', 'Stuttgart', 'south'],
  ['FabrikCockpit GmbH', 'fabrikcockpit.de', 95, 'DE', '80339', 'München', 'south'],
  ['KapaPlan AG', 'kapaplan.com', 410, 'DE', '30159', 'Hannover', 'north'],
  ['Werksplaner Software AG', 'werksplaner.ch', 130, 'CH', '8005', 'Zürich', null],
].map(([name, domain, employees, country, postcode, city, region]) => ({
  name: name as string,
  domain: domain as string,
  industry: 'software' as const,
  employees: employees as number,
  country: country as string,
  postcode: postcode as string,
  city: city as string,
  region: region as DemoRegion | null,
  target: false,
}))

const MANUFACTURING: readonly DemoIndustry[] = [
  'maschinenbau',
  'automotive_zulieferer',
  'elektrotechnik',
  'kunststofftechnik',
  'metallverarbeitung',
]

const INDUSTRY_WEIGHTS: Record<DemoIndustry, number> = {
  maschinenbau: 26,
  automotive_zulieferer: 15,
  elektrotechnik: 14,
  kunststofftechnik: 10,
  metallverarbeitung: 13,
  software: 9,
  consulting: 7,
  handel: 6,
}

const WORDS: Record<DemoIndustry, readonly string[]> = {
  maschinenbau: [
    'Maschinenbau',
    'Anlagenbau',
    'Sondermaschinenbau',
    'Fördertechnik',
    'Antriebstechnik',
    'Werkzeugmaschinen',
    'Verpackungsmaschinen',
    'Präzisionsmechanik',
  ],
  automotive_zulieferer: [
    'Automotive',
    'Fahrzeugteile',
    'Fahrzeugtechnik',
    'Präzisionsteile',
    'Gusstechnik',
    'Systemtechnik',
  ],
  elektrotechnik: [
    'Elektrotechnik',
    'Elektronik',
    'Schaltanlagen',
    'Sensorik',
    'Steuerungstechnik',
    'Kabelsysteme',
  ],
  kunststofftechnik: [
    'Kunststofftechnik',
    'Kunststoffwerk',
    'Spritzguss',
    'Formenbau',
    'Kunststoffverarbeitung',
  ],
  metallverarbeitung: [
    'Metallbau',
    'Blechtechnik',
    'Stanztechnik',
    'Drehteile',
    'Oberflächentechnik',
    'Schweißtechnik',
  ],
  software: ['Software', 'IT-Solutions', 'Digital', 'Systems', 'Data'],
  consulting: ['Consulting', 'Unternehmensberatung', 'Beratung', 'Partners', 'Management Consulting'],
  handel: ['Industriebedarf', 'Großhandel', 'Technischer Handel', 'Werkzeughandel', 'Industriehandel'],
}

const FAMILIES = words(`
  Hartmann Brandt Vogt Lindner Engel Winkler Ludwig Jäger Sommer Franke Albrecht Haas Pohl Kuhn
  Schuster Baumann Seidel Heinrich Berger Lorenz Graf Ziegler Roth Kraus Böhm Otto Arnold Simon Thiel
  Weiß Hahn Stein Busch Beck Frey Eder Hofer Moser Riedl Aigner Steiner Brunner Gerber Huber Wyss
  Meier Kohler Ritter Vogel Sauer
`)
const BRAND_HEADS = words(`
  Präzi Tekno Inno Flexi Mecha Plasti Kon Elek Metal Auto Form Proto Multi Servo
`)
const BRAND_TAILS = words(`
  tec tronic form matic tech werk line plan flow mation nova sys
`)

function legalForm(random: Random, country: string, employees: number): string {
  if (country === 'AT' || country === 'CH')
    return employees > 1000 && random.chance(0.5) ? 'AG' : random.pick(['GmbH', 'GmbH', 'AG'])
  if (country === 'NL') return 'B.V.'
  if (country === 'PL') return 'Sp. z o.o.'
  if (country === 'US') return 'Inc.'
  if (employees > 2000 && random.chance(0.5)) return 'AG'
  return random.weighted({ GmbH: 60, 'GmbH & Co. KG': 28, KG: 6, AG: 6 })
}

function employeesFor(random: Random, industry: DemoIndustry): number {
  const partner = !MANUFACTURING.includes(industry)
  const bucket = random.weighted(
    partner
      ? { tiny: 40, small: 38, mid: 18, large: 4, huge: 0 }
      : { tiny: 20, small: 34, mid: 31, large: 12, huge: 3 },
  )
  const [low, high] = {
    tiny: [10, 49],
    small: [50, 199],
    mid: [200, 999],
    large: [1000, 4999],
    huge: [5000, 8000],
  }[bucket]
  return Math.round(random.logUniform(low as number, (high as number) + 0.99) - 0.49)
}

function tld(country: string): string {
  return { DE: 'de', AT: 'at', CH: 'ch', NL: 'nl', PL: 'pl', US: 'com' }[country] ?? 'com'
}

export type CompanyPool = {
  companies: readonly DemoCompany[]
  /** Any company, bigger ones more often: several leads per large account. */
  pickAny(random: Random): DemoCompany
  /** A target-market manufacturer, weighted the same way. */
  pickTarget(random: Random): DemoCompany
  pickCompetitor(random: Random): DemoCompany
}

function weightedPicker(companies: readonly DemoCompany[]): (random: Random) => DemoCompany {
  // Cumulative weights + binary search: O(log n) per pick, so 100,000 leads stay fast.
  const cumulative = new Float64Array(companies.length)
  let total = 0
  companies.forEach((company, index) => {
    total += Math.pow(company.employees, 0.6)
    cumulative[index] = total
  })
  return (random) => {
    const roll = random.next() * total
    let low = 0
    let high = companies.length - 1
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((cumulative[mid] as number) > roll) high = mid
      else low = mid + 1
    }
    return companies[low] as DemoCompany
  }
}

function createCompany(random: Random, takenDomains: Set<string>): DemoCompany {
  const industry = random.weighted(INDUSTRY_WEIGHTS)
  const country = random.weighted({ DE: 780, AT: 90, CH: 80, NL: 25, PL: 15, US: 10 })
  const place = cityFor(random, country)
  const employees = employeesFor(random, industry)
  const word = random.pick(WORDS[industry])
  let base = ''
  let slug = ''
  for (
    let attempt = 0;
    attempt < 6 && (slug === '' || takenDomains.has(`${slug}.${tld(country)}`));
    attempt++
  ) {
    const style = random.weighted({ family: 45, pair: 12, place: 23, brand: 20 })
    const family = random.pick(FAMILIES)
    if (style === 'family') [base, slug] = [`${family} ${word}`, `${family}-${word}`]
    else if (style === 'pair') {
      let partner = random.pick(FAMILIES)
      while (partner === family) partner = random.pick(FAMILIES)
      ;[base, slug] = [`${family} & ${partner} ${word}`, `${family}-${partner}`]
    } else if (style === 'place') [base, slug] = [`${word} ${place.name}`, `${word}-${place.name}`]
    else {
      const brand = random.pick(BRAND_HEADS) + random.pick(BRAND_TAILS)
      ;[base, slug] = [`${brand} ${word}`, brand]
    }
    slug = asciiSlug(slug)
  }
  // Still taken after several tries (large demos): number it, as real firms do with "-gruppe" or "2".
  for (let n = 2; takenDomains.has(`${slug}.${tld(country)}`); n++) slug = `${asciiSlug(base)}-${n}`
  const domain = `${slug}.${tld(country)}`
  takenDomains.add(domain)
  const target = MANUFACTURING.includes(industry) && ['DE', 'AT', 'CH'].includes(country) && employees >= 50
  const name = `${base} ${legalForm(random, country, employees)}`
  return {
    name,
    domain,
    industry,
    employees,
    country,
    postcode: postcodeIn(random, place),
    city: place.name,
    region: place.region,
    target,
  }
}

export function createCompanyPool(random: Random, count: number): CompanyPool {
  const taken = new Set<string>(DEMO_COMPETITOR_DOMAINS)
  const companies: DemoCompany[] = []
  for (let i = 0; i < count; i++) companies.push(createCompany(random, taken))
  const targets = companies.filter((company) => company.target)
  const pickAny = weightedPicker(companies)
  const pickTarget = targets.length > 0 ? weightedPicker(targets) : pickAny
  return { companies, pickAny, pickTarget, pickCompetitor: (r) => r.pick(COMPETITORS) }
}
