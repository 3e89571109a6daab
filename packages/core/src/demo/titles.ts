// Job titles per persona, in male and female form. They feed the agreement's role rules
// ("Leiter", "Head of" …) and its student disqualifier ("Werkstudent", "Praktikantin" …).
import type { DemoCompany } from './companies.ts'
import type { Random } from './random.ts'
import type { DemoPersona } from './types.ts'

type Title = readonly [male: string, female: string]
const t = (male: string, female = male): Title => [male, female]

const TITLES = {
  senior: [
    t('Geschäftsführer', 'Geschäftsführerin'),
    t('Werkleiter', 'Werkleiterin'),
    t('Leiter Produktion', 'Leiterin Produktion'),
    t('Head of Operations'),
    t('COO'),
    t('CTO'),
    t('Leiter Produktionsplanung', 'Leiterin Produktionsplanung'),
    t('Director Supply Chain'),
    t('VP Manufacturing'),
    t('Bereichsleiter Fertigung', 'Bereichsleiterin Fertigung'),
    t('Leiter Arbeitsvorbereitung', 'Leiterin Arbeitsvorbereitung'),
    t('Head of Digital Transformation'),
    t('Leiter IT', 'Leiterin IT'),
    t('Kaufmännischer Leiter', 'Kaufmännische Leiterin'),
  ],
  practitioner: [
    t('Produktionsplaner', 'Produktionsplanerin'),
    t('Fertigungsplaner', 'Fertigungsplanerin'),
    t('Arbeitsvorbereiter', 'Arbeitsvorbereiterin'),
    t('Projektleiter Digitalisierung', 'Projektleiterin Digitalisierung'),
    t('Prozessingenieur', 'Prozessingenieurin'),
    t('Lean Manager', 'Lean Managerin'),
    t('Supply Chain Manager'),
    t('Qualitätsmanager', 'Qualitätsmanagerin'),
    t('Disponent', 'Disponentin'),
    t('Schichtleiter', 'Schichtleiterin'),
    t('Teamleiter Arbeitsvorbereitung', 'Teamleiterin Arbeitsvorbereitung'),
  ],
  other: [
    t('Einkäufer', 'Einkäuferin'),
    t('Strategischer Einkäufer', 'Strategische Einkäuferin'),
    t('IT-Administrator', 'IT-Administratorin'),
    t('Vertriebsmitarbeiter', 'Vertriebsmitarbeiterin'),
    t('Marketing Manager', 'Marketing Managerin'),
    t('Sachbearbeiter Auftragsabwicklung', 'Sachbearbeiterin Auftragsabwicklung'),
    t('Controller', 'Controllerin'),
    t('Assistenz der Geschäftsführung'),
    t('Industriemechaniker', 'Industriemechanikerin'),
  ],
  student: [
    t('Werkstudent Produktion', 'Werkstudentin Produktion'),
    t('Werkstudent Logistik', 'Werkstudentin Logistik'),
    t('Praktikant Produktionsplanung', 'Praktikantin Produktionsplanung'),
    t('Praktikant', 'Praktikantin'),
    t('Student Wirtschaftsingenieurwesen', 'Studentin Wirtschaftsingenieurwesen'),
    t('Masterstudent Produktionstechnik', 'Masterstudentin Produktionstechnik'),
  ],
  graduate: [
    t('Absolvent Wirtschaftsingenieurwesen', 'Absolventin Wirtschaftsingenieurwesen'),
    t('Junior Consultant'),
    t('Trainee Produktion'),
  ],
  partner: [
    t('Berater', 'Beraterin'),
    t('Senior Consultant'),
    t('Account Manager'),
    t('Geschäftsführer', 'Geschäftsführerin'),
    t('Partner Manager', 'Partner Managerin'),
    t('Projektleiter', 'Projektleiterin'),
  ],
  competitor: [
    t('Product Manager'),
    t('Vertriebsleiter', 'Vertriebsleiterin'),
    t('Solution Consultant'),
    t('Marketing Manager', 'Marketing Managerin'),
    t('Geschäftsführer', 'Geschäftsführerin'),
    t('Business Development Manager'),
  ],
} satisfies Record<string, readonly Title[]>

type TitleGroup = keyof typeof TITLES

const TITLE_MIX: Record<DemoPersona, Partial<Record<TitleGroup, number>>> = {
  buyer: { senior: 65, practitioner: 30, other: 5 },
  researcher: { senior: 25, practitioner: 50, other: 25 },
  browser: { senior: 20, practitioner: 35, other: 45 },
  job_seeker: { practitioner: 40, other: 30, graduate: 30 },
  student: { student: 1 },
  competitor: { competitor: 1 },
  bad_data: { practitioner: 1 },
}

export function titleFor(
  random: Random,
  persona: DemoPersona,
  female: boolean,
  company: DemoCompany | undefined,
  group?: TitleGroup,
): string {
  const partnerFirm = company !== undefined && ['software', 'consulting', 'handel'].includes(company.industry)
  const chosen =
    group ??
    (partnerFirm && persona !== 'student' && persona !== 'competitor'
      ? 'partner'
      : random.weighted(TITLE_MIX[persona]))
  const [male, femaleTitle] = random.pick(TITLES[chosen])
  return female ? femaleTitle : male
}

/** A promotion a lead's profile may later show (the title-change update events carry). */
export function promotedTitle(random: Random, female: boolean): string {
  return titleFor(random, 'buyer', female, undefined, 'senior')
}
