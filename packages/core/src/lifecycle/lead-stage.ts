// The lifecycle stages (DESIGN.md §2) and who owns a lead in each.
export const LEAD_STAGES = [
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'recycled',
  'disqualified',
] as const
export type LeadStage = (typeof LEAD_STAGES)[number]

export const LeadStage = Object.freeze({
  all: LEAD_STAGES,
  isLeadStage: (value: unknown): value is LeadStage => LEAD_STAGES.includes(value as LeadStage),
  /** Stages where the agreement may still disqualify a lead on its own; sales-owned deals are left to sales. */
  isAutoDisqualifiable: (stage: LeadStage): boolean =>
    stage === 'lead' || stage === 'mql' || stage === 'sal' || stage === 'recycled',
  isClosed: (stage: LeadStage): boolean => stage === 'customer' || stage === 'disqualified',
  label: (stage: LeadStage, locale: 'de' | 'en'): string => STAGE_LABELS[stage][locale],
  owner: (stage: LeadStage): 'marketing' | 'sales' | 'none' => STAGE_OWNER[stage],
})

const STAGE_LABELS: Record<LeadStage, { de: string; en: string }> = {
  lead: { de: 'Lead', en: 'Lead' },
  mql: { de: 'MQL (marketingqualifiziert)', en: 'Marketing Qualified Lead' },
  sal: { de: 'Vom Vertrieb akzeptiert (SAL)', en: 'Sales Accepted Lead' },
  sql: { de: 'SQL (vertriebsqualifiziert)', en: 'Sales Qualified Lead' },
  opportunity: { de: 'Verkaufschance', en: 'Opportunity' },
  customer: { de: 'Kunde', en: 'Customer' },
  recycled: { de: 'Zurück im Nurturing', en: 'Recycled' },
  disqualified: { de: 'Disqualifiziert', en: 'Disqualified' },
}

const STAGE_OWNER: Record<LeadStage, 'marketing' | 'sales' | 'none'> = {
  lead: 'marketing',
  mql: 'sales',
  sal: 'sales',
  sql: 'sales',
  opportunity: 'sales',
  customer: 'sales',
  recycled: 'marketing',
  disqualified: 'none',
}
