// Where demo companies sit. German postcodes follow the brief's territory split (north 1/2/3xxxx,
// south 7/8/9xxxx) so the demo agreement can route by postcode prefix without ambiguity.
import type { Random } from './random.ts'

export type DemoRegion = 'north' | 'south'

export type City = { name: string; country: string; region: DemoRegion | null; low: number; high: number }

const city = (
  name: string,
  country: string,
  low: number,
  high: number,
  region: DemoRegion | null = null,
): City => ({ name, country, region, low, high })

const DE_NORTH: City[] = [
  city('Hamburg', 'DE', 20095, 22769, 'north'),
  city('Bremen', 'DE', 28195, 28779, 'north'),
  city('Hannover', 'DE', 30159, 30669, 'north'),
  city('Berlin', 'DE', 10115, 14199, 'north'),
  city('Kiel', 'DE', 24103, 24159, 'north'),
  city('Braunschweig', 'DE', 38100, 38126, 'north'),
  city('Bielefeld', 'DE', 33602, 33739, 'north'),
  city('Lübeck', 'DE', 23552, 23570, 'north'),
  city('Magdeburg', 'DE', 39104, 39130, 'north'),
  city('Rostock', 'DE', 18055, 18147, 'north'),
  city('Oldenburg', 'DE', 26121, 26135, 'north'),
  city('Göttingen', 'DE', 37073, 37085, 'north'),
  city('Kassel', 'DE', 34117, 34134, 'north'),
  city('Wolfsburg', 'DE', 38440, 38448, 'north'),
  city('Paderborn', 'DE', 33098, 33106, 'north'),
  city('Hildesheim', 'DE', 31134, 31141, 'north'),
  city('Lüneburg', 'DE', 21335, 21339, 'north'),
  city('Potsdam', 'DE', 14467, 14482, 'north'),
]
const DE_SOUTH: City[] = [
  city('Stuttgart', 'DE', 70173, 70629, 'south'),
  city('Heilbronn', 'DE', 74072, 74081, 'south'),
  city('Ulm', 'DE', 89073, 89081, 'south'),
  city('München', 'DE', 80331, 81929, 'south'),
  city('Augsburg', 'DE', 86150, 86199, 'south'),
  city('Nürnberg', 'DE', 90402, 90491, 'south'),
  city('Regensburg', 'DE', 93047, 93059, 'south'),
  city('Würzburg', 'DE', 97070, 97084, 'south'),
  city('Karlsruhe', 'DE', 76131, 76229, 'south'),
  city('Freiburg', 'DE', 79098, 79117, 'south'),
  city('Reutlingen', 'DE', 72760, 72770, 'south'),
  city('Ingolstadt', 'DE', 85049, 85057, 'south'),
  city('Friedrichshafen', 'DE', 88045, 88048, 'south'),
  city('Passau', 'DE', 94032, 94036, 'south'),
  city('Pforzheim', 'DE', 75172, 75181, 'south'),
  city('Aalen', 'DE', 73430, 73434, 'south'),
  city('Schweinfurt', 'DE', 97421, 97424, 'south'),
  city('Tuttlingen', 'DE', 78532, 78532, 'south'),
  city('Bayreuth', 'DE', 95444, 95448, 'south'),
  city('Kempten', 'DE', 87435, 87439, 'south'),
]
const AT: City[] = [
  city('Wien', 'AT', 1010, 1230),
  city('Linz', 'AT', 4020, 4040),
  city('Graz', 'AT', 8010, 8055),
  city('Salzburg', 'AT', 5020, 5026),
  city('Innsbruck', 'AT', 6020, 6080),
  city('Steyr', 'AT', 4400, 4407),
  city('Wels', 'AT', 4600, 4600),
  city('Dornbirn', 'AT', 6850, 6850),
]
const CH: City[] = [
  city('Zürich', 'CH', 8001, 8057),
  city('Winterthur', 'CH', 8400, 8411),
  city('St. Gallen', 'CH', 9000, 9016),
  city('Basel', 'CH', 4001, 4059),
  city('Bern', 'CH', 3001, 3027),
  city('Luzern', 'CH', 6003, 6015),
  city('Aarau', 'CH', 5000, 5004),
  city('Schaffhausen', 'CH', 8200, 8208),
]
const OTHER: City[] = [
  city('Eindhoven', 'NL', 5611, 5658),
  city('Venlo', 'NL', 5911, 5928),
  city('Wrocław', 'PL', 50001, 54530),
  city('Poznań', 'PL', 60001, 61897),
  city('Chicago', 'US', 60601, 60661),
  city('Detroit', 'US', 48201, 48243),
]

export function cityFor(random: Random, country: string): City {
  if (country === 'DE') return random.pick(random.chance(0.45) ? DE_NORTH : DE_SOUTH)
  if (country === 'AT') return random.pick(AT)
  if (country === 'CH') return random.pick(CH)
  const abroad = OTHER.filter((candidate) => candidate.country === country)
  return random.pick(abroad.length > 0 ? abroad : OTHER)
}

export function postcodeIn(random: Random, place: City): string {
  const number = random.int(place.low, place.high)
  if (place.country === 'NL')
    return `${number} ${String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25))}`
  if (place.country === 'PL')
    return `${String(number).padStart(5, '0').slice(0, 2)}-${String(number).padStart(5, '0').slice(2)}`
  return String(number).padStart(place.country === 'AT' || place.country === 'CH' ? 4 : 5, '0')
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', é: 'e', ł: 'l', ń: 'n' }

/** Lower-case ASCII for e-mail local parts and domains ("Jäger & Söhne" → "jaeger-soehne"). */
export function asciiSlug(text: string, separator: '-' | '.' | '' = '-'): string {
  return text
    .toLowerCase()
    .replace(/[äöüßéłń]/g, (char) => UMLAUTS[char] ?? char)
    .replace(/[^a-z0-9]+/g, separator)
    .replace(/^[-.]+|[-.]+$/g, '')
}
