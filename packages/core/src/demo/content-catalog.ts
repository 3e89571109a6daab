// What the demo vendor (a production-planning suite for DACH manufacturers) publishes. Ids are
// stable because the demo agreement refers to some of them (pricing, careers, demo, ...).
import type { DemoContentItem, DemoJourneyStage } from './types.ts'

const SITE = 'https://demo.takt.dev'

type Entry = [
  id: string,
  kind: string,
  stage: DemoJourneyStage | null,
  topics: string[],
  title: string,
  path: string,
]

const ENTRIES: Entry[] = [
  // Conversion points: the agreement scores these as decision-stage touchpoints or hand-raisers.
  ['pricing', 'page', 'decision', [], 'Preise und Pakete', '/preise'],
  ['demo', 'form', 'decision', [], 'Live-Demo anfordern', '/demo'],
  ['contact-sales', 'form', 'decision', [], 'Vertrieb kontaktieren', '/kontakt/vertrieb'],
  [
    'roi-calculator',
    'tool',
    'decision',
    ['feinplanung', 'oee'],
    'ROI-Rechner: Was bringt digitale Feinplanung?',
    '/roi-rechner',
  ],
  // No journey stage: visiting them says nothing about buying.
  ['home', 'page', null, [], 'Startseite', '/'],
  ['careers', 'page', null, [], 'Karriere: Jobs in Entwicklung, Beratung und Vertrieb', '/karriere'],
  // Product pages
  [
    'product-feinplanung',
    'product_page',
    'consideration',
    ['feinplanung'],
    'Feinplanung und APS-Leitstand',
    '/produkt/feinplanung',
  ],
  [
    'product-kapazitaetsplanung',
    'product_page',
    'consideration',
    ['kapazitaetsplanung'],
    'Kapazitätsplanung über alle Werke',
    '/produkt/kapazitaetsplanung',
  ],
  [
    'product-mes-anbindung',
    'product_page',
    'consideration',
    ['mes', 'digitalisierung'],
    'MES- und ERP-Anbindung',
    '/produkt/mes-anbindung',
  ],
  [
    'product-oee-monitor',
    'product_page',
    'consideration',
    ['oee'],
    'OEE-Monitor in Echtzeit',
    '/produkt/oee-monitor',
  ],
  [
    'product-lieferketten-cockpit',
    'product_page',
    'consideration',
    ['lieferkette'],
    'Lieferketten-Cockpit',
    '/produkt/lieferketten-cockpit',
  ],
  // Blog
  [
    'blog-feinplanung-grundlagen',
    'blog_post',
    'orientation',
    ['feinplanung'],
    'Feinplanung vs. Grobplanung: Was ist der Unterschied?',
    '/blog/feinplanung-grundlagen',
  ],
  [
    'blog-oee-berechnen',
    'blog_post',
    'orientation',
    ['oee'],
    'OEE berechnen: Formel, Beispiele und typische Fehler',
    '/blog/oee-berechnen',
  ],
  [
    'blog-engpass-finden',
    'blog_post',
    'orientation',
    ['kapazitaetsplanung'],
    'Engpässe in der Fertigung finden – in fünf Schritten',
    '/blog/engpass-finden',
  ],
  [
    'blog-excel-produktionsplanung',
    'blog_post',
    'orientation',
    ['feinplanung', 'digitalisierung'],
    'Warum Excel in der Produktionsplanung an Grenzen stößt',
    '/blog/excel-produktionsplanung',
  ],
  [
    'blog-mes-einfuehrung',
    'blog_post',
    'orientation',
    ['mes'],
    'MES einführen: Die häufigsten Stolpersteine',
    '/blog/mes-einfuehrung',
  ],
  [
    'blog-lieferkette-resilienz',
    'blog_post',
    'orientation',
    ['lieferkette'],
    'Resiliente Lieferketten im Mittelstand',
    '/blog/lieferkette-resilienz',
  ],
  [
    'blog-digitaler-zwilling',
    'blog_post',
    'orientation',
    ['digitalisierung'],
    'Digitaler Zwilling in der Fertigung – Hype oder Hebel?',
    '/blog/digitaler-zwilling',
  ],
  // Newsletter issues (rotated through the weekly send)
  [
    'newsletter-planungspraxis',
    'newsletter',
    'orientation',
    ['feinplanung'],
    'Planungspraxis: Rüstzeiten systematisch senken',
    '/newsletter/planungspraxis',
  ],
  [
    'newsletter-fertigung-digital',
    'newsletter',
    'orientation',
    ['digitalisierung'],
    'Fertigung digital: KI in der Feinplanung',
    '/newsletter/fertigung-digital',
  ],
  [
    'newsletter-lieferkette',
    'newsletter',
    'orientation',
    ['lieferkette'],
    'Lieferengpässe früh erkennen',
    '/newsletter/lieferkette',
  ],
  [
    'newsletter-oee-spezial',
    'newsletter',
    'orientation',
    ['oee', 'kapazitaetsplanung'],
    'OEE-Spezial: Verfügbarkeit, Leistung, Qualität',
    '/newsletter/oee-spezial',
  ],
  // E-books (orientation) and whitepapers (consideration)
  [
    'ebook-digitalisierung-mittelstand',
    'ebook',
    'orientation',
    ['digitalisierung'],
    'E-Book: Digitalisierung der Produktion im Mittelstand',
    '/downloads/ebook-digitalisierung-mittelstand',
  ],
  [
    'ebook-oee-steigern',
    'ebook',
    'orientation',
    ['oee'],
    'E-Book: 10 Hebel für eine höhere OEE',
    '/downloads/ebook-oee-steigern',
  ],
  [
    'whitepaper-kapazitaetsplanung-leitfaden',
    'whitepaper',
    'consideration',
    ['kapazitaetsplanung'],
    'Whitepaper: Leitfaden Kapazitätsplanung mit APS',
    '/downloads/leitfaden-kapazitaetsplanung',
  ],
  [
    'whitepaper-mes-auswahl',
    'whitepaper',
    'consideration',
    ['mes'],
    'Whitepaper: MES-Auswahl – Kriterien und Checkliste',
    '/downloads/mes-auswahl',
  ],
  [
    'whitepaper-feinplanung-erp',
    'whitepaper',
    'consideration',
    ['feinplanung', 'digitalisierung'],
    'Whitepaper: Feinplanung neben SAP & Co.',
    '/downloads/feinplanung-erp',
  ],
  [
    'whitepaper-aps-einfuehrung',
    'whitepaper',
    'consideration',
    ['feinplanung', 'kapazitaetsplanung'],
    'Checkliste: APS-Einführung in 90 Tagen',
    '/downloads/aps-einfuehrung',
  ],
  // Webinars
  [
    'webinar-feinplanung-live',
    'webinar',
    'consideration',
    ['feinplanung'],
    'Webinar: Feinplanung live – vom Auftrag zum Leitstand',
    '/webinare/feinplanung-live',
  ],
  [
    'webinar-mes-erp-integration',
    'webinar',
    'consideration',
    ['mes'],
    'Webinar: MES und ERP sauber integrieren',
    '/webinare/mes-erp-integration',
  ],
  [
    'webinar-oee-praxis',
    'webinar',
    'consideration',
    ['oee'],
    'Webinar: OEE in der Praxis steigern',
    '/webinare/oee-praxis',
  ],
  // Case studies (fictional customers)
  [
    'case-study-kessler-antriebstechnik',
    'case_study',
    'decision',
    ['feinplanung'],
    'Fallstudie Kessler Antriebstechnik: 18 % weniger Rüstzeit',
    '/kunden/kessler-antriebstechnik',
  ],
  [
    'case-study-alpenplast',
    'case_study',
    'decision',
    ['lieferkette', 'kapazitaetsplanung'],
    'Fallstudie Alpenplast: Liefertreue von 82 auf 96 %',
    '/kunden/alpenplast',
  ],
  [
    'case-study-nordblech',
    'case_study',
    'decision',
    ['kapazitaetsplanung', 'mes'],
    'Fallstudie Nordblech: Kapazitätsplanung über drei Werke',
    '/kunden/nordblech',
  ],
]

// The vendor sells to DACH manufacturers and publishes in German only; the calculator and the forms are
// German pages too. English items would join the pools journeys draw from and change every seeded history.
const LANGUAGE = 'de'

/** A fresh copy each call, so callers may mutate their demo data freely. */
export function demoContentItems(): DemoContentItem[] {
  return ENTRIES.map(([id, kind, journeyStage, topics, title, path]) => ({
    id,
    title,
    kind,
    journeyStage,
    topics: [...topics],
    language: LANGUAGE,
    url: SITE + path,
  }))
}

export const DEMO_TOPICS = [
  'feinplanung',
  'kapazitaetsplanung',
  'mes',
  'oee',
  'lieferkette',
  'digitalisierung',
] as const

/** Catalog ids grouped the way journeys draw from them. */
export type ContentPools = {
  blogPosts: readonly DemoContentItem[]
  newsletters: readonly DemoContentItem[]
  ebooks: readonly DemoContentItem[]
  whitepapers: readonly DemoContentItem[]
  webinars: readonly DemoContentItem[]
  productPages: readonly DemoContentItem[]
  caseStudies: readonly DemoContentItem[]
}

export function contentPools(items: readonly DemoContentItem[]): ContentPools {
  const ofKind = (kind: string) => items.filter((item) => item.kind === kind)
  return {
    blogPosts: ofKind('blog_post'),
    newsletters: ofKind('newsletter'),
    ebooks: ofKind('ebook'),
    whitepapers: ofKind('whitepaper'),
    webinars: ofKind('webinar'),
    productPages: ofKind('product_page'),
    caseStudies: ofKind('case_study'),
  }
}
