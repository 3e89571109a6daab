// What changed between two versions of the qualification agreement, as data and in words: the list
// marketing and sales read before they approve a version, instead of a text diff of the YAML.
// Meaning is compared, not text: reordered rules, keys or set-like lists are no change.
import type { AgreementDocument, SourceLane } from './agreement-document.ts'
import { textIn } from './agreement-labels.ts'
import {
  inBoth,
  showBreachSteps,
  showDays,
  showHours,
  showText,
  type DiffText,
} from './agreement-diff-text.ts'
import {
  diffEntities,
  diffOrder,
  diffSettings,
  sameSet,
  type AgreementChange,
  type Setting,
  type Versions,
} from './agreement-change.ts'
import { diffCriteria, thresholdNoun, type Criteria } from './agreement-diff-criteria.ts'
import {
  CHECKLIST,
  DEAL_STAGE,
  DISQUALIFIER,
  ENGAGEMENT_RULE,
  FIT_RULE,
  LABEL,
  LANE,
  REASON,
  SIGNAL,
  signalList,
  TEAM,
} from './agreement-diff-entities.ts'

export {
  AGREEMENT_CHANGE_KINDS,
  AGREEMENT_SECTIONS,
  type AgreementChange,
  type AgreementChangeKind,
  type AgreementSection,
} from './agreement-change.ts'

/**
 * Every change from `before` to `after`, section by section in document order; identical → [].
 * @example diffAgreements(v1, v2)
 * // [{ kind: 'threshold_moved', section: 'mql', subject: 'inbound', field: 'engagement.gte', before: 50,
 * //    after: 40, text: { de: 'MQL-Schwelle Engagement (Inbound) von 50 auf 40 gesenkt', en: … } }]
 */
export function diffAgreements(before: AgreementDocument, after: AgreementDocument): AgreementChange[] {
  const versions = { before, after }
  return [
    ...diffGeneral(versions),
    ...diffLabels(versions),
    ...diffEntities(FIT_RULE, before.fit.rules, after.fit.rules, versions),
    ...diffEngagement(versions),
    ...diffEntities(SIGNAL, signalList(before), signalList(after), versions),
    ...diffEntities(DISQUALIFIER, before.disqualifiers ?? [], after.disqualifiers ?? [], versions),
    ...diffMql(versions),
    ...diffSources(versions),
    ...diffRecycling(versions),
    ...diffRouting(versions),
    ...diffSla(versions),
    ...diffEntities(CHECKLIST, before.sql?.checklists ?? [], after.sql?.checklists ?? [], versions),
    ...diffDeals(versions),
  ]
}

function diffGeneral(versions: Versions): AgreementChange[] {
  return diffSettings(
    [
      {
        section: 'general',
        field: 'name',
        noun: { de: 'Name der Vereinbarung', en: 'agreement name' },
        read: (document) => document.name,
        show: showText,
      },
      {
        section: 'general',
        field: 'description',
        noun: { de: 'Beschreibung der Vereinbarung', en: 'agreement description' },
        read: (document) => document.description,
        show: showText,
      },
      {
        section: 'general',
        field: 'timezone',
        noun: { de: 'Zeitzone für Obergrenzen', en: 'time zone for caps' },
        read: (document) => document.timezone,
      },
    ],
    versions,
  )
}

function diffLabels(versions: Versions): AgreementChange[] {
  const entries = (document: AgreementDocument) =>
    Object.entries(document.labels ?? {}).map(([id, label]) => ({ id, label }))
  return diffEntities(LABEL, entries(versions.before), entries(versions.after), versions)
}

function diffEngagement(versions: Versions): AgreementChange[] {
  const halfLife: Setting = {
    section: 'engagement',
    field: 'halfLifeDays',
    noun: { de: 'Standard-Halbwertszeit des Engagements', en: 'default engagement half-life' },
    read: (document) => document.engagement.halfLifeDays,
    show: showDays,
  }
  return [
    ...diffSettings([halfLife], versions),
    ...diffEntities(
      ENGAGEMENT_RULE,
      versions.before.engagement.rules,
      versions.after.engagement.rules,
      versions,
    ),
  ]
}

function diffMql(versions: Versions): AgreementChange[] {
  const lanes = new Map<string, { before?: SourceLane; after?: SourceLane }>()
  for (const lane of versions.before.sources ?? []) lanes.set(lane.id, { before: lane })
  for (const lane of versions.after.sources ?? []) lanes.set(lane.id, { ...lanes.get(lane.id), after: lane })
  const forLanes = [...lanes].flatMap(([id, { before, after }]) => {
    const lane = (after ?? before)!
    return diffCriteria(
      {
        section: 'mql',
        subject: id,
        field: 'mql',
        criteria: inBoth(
          (language) =>
            `${language === 'de' ? 'MQL-Kriterien' : 'MQL criteria'} (${textIn(lane.label, language) ?? id})`,
        ),
        threshold: (score, upper) =>
          inBoth((language) =>
            thresholdNoun('mql', score, upper, language, textIn(lane.label, language) ?? id),
          ),
      },
      before?.mql,
      after?.mql,
      versions,
    )
  })
  return [
    ...diffCriteria(
      {
        section: 'mql',
        subject: null,
        field: 'mql',
        criteria: { de: 'MQL-Kriterien', en: 'MQL criteria' },
        threshold: (score, upper) => inBoth((language) => thresholdNoun('mql', score, upper, language)),
      },
      versions.before.mql,
      versions.after.mql,
      versions,
    ),
    ...forLanes,
  ]
}

function diffSources(versions: Versions): AgreementChange[] {
  const defaultSource: Setting = {
    section: 'sources',
    field: 'defaultSource',
    noun: { de: 'Standard-Lead-Quelle', en: 'default source lane' },
    read: (document) => document.defaultSource,
  }
  return [
    ...diffSettings([defaultSource], versions),
    ...diffEntities(LANE, versions.before.sources ?? [], versions.after.sources ?? [], versions),
  ]
}

function diffRecycling(versions: Versions): AgreementChange[] {
  const settings: Setting[] = [
    {
      section: 'recycling',
      field: 'coolDownDays',
      noun: { de: 'Standard-Sperrfrist nach Rückgabe', en: 'default cool-down after recycling' },
      read: (document) => document.recycling?.coolDownDays,
      show: showDays,
    },
    {
      section: 'recycling',
      field: 'handRaiserEndsCoolDown',
      noun: { de: 'Hand-Raiser beendet die Sperrfrist', en: 'hand-raiser ends the cool-down' },
      read: (document) =>
        document.recycling ? (document.recycling.handRaiserEndsCoolDown ?? false) : undefined,
    },
  ]
  const requalify: Criteria = {
    section: 'recycling',
    subject: null,
    field: 'requalify',
    criteria: { de: 'Kriterien für die Requalifizierung', en: 're-qualification criteria' },
    threshold: (score, upper) => inBoth((language) => thresholdNoun('requalify', score, upper, language)),
  }
  return [
    ...diffSettings(settings, versions),
    ...diffCriteria(
      requalify,
      versions.before.recycling?.requalify,
      versions.after.recycling?.requalify,
      versions,
    ),
    ...diffEntities(
      REASON,
      versions.before.recycling?.reasons ?? [],
      versions.after.recycling?.reasons ?? [],
      versions,
    ),
  ]
}

function diffRouting(versions: Versions): AgreementChange[] {
  const routing = (document: AgreementDocument) => document.routing
  const settings: Setting[] = [
    {
      section: 'routing',
      field: 'accountOwnerFirst',
      noun: { de: 'Account-Owner zuerst', en: 'account owner first' },
      read: (document) => (routing(document) ? (routing(document)!.accountOwnerFirst ?? false) : undefined),
    },
    {
      section: 'routing',
      field: 'maxOpenLeadsPerRep',
      noun: { de: 'Kapazität pro Vertriebsmitarbeiter:in', en: 'capacity per rep' },
      read: (document) => routing(document)?.maxOpenLeadsPerRep,
    },
    {
      section: 'routing',
      field: 'fallbackTeam',
      noun: { de: 'Auffang-Team', en: 'fallback team' },
      read: (document) => routing(document)?.fallbackTeam,
    },
  ]
  const teams = (document: AgreementDocument) => routing(document)?.teams ?? []
  return [
    ...diffSettings(settings, versions),
    ...diffEntities(TEAM, teams(versions.before), teams(versions.after), versions),
    ...diffOrder(
      'teams_reordered',
      'routing',
      {
        de: 'Reihenfolge der Teams (das erste passende Gebiet gewinnt)',
        en: 'team order (the first matching territory wins)',
      },
      {
        before: teams(versions.before).map((team) => team.id),
        after: teams(versions.after).map((team) => team.id),
      },
    ),
  ]
}

function diffSla(versions: Versions): AgreementChange[] {
  const hours = (document: AgreementDocument) => document.sla?.businessHours
  const setting = (
    field: string,
    noun: DiffText,
    read: Setting['read'],
    more: Partial<Setting> = {},
  ): Setting => ({
    section: 'sla',
    field,
    noun,
    read,
    ...more,
  })
  return diffSettings(
    [
      setting(
        'acceptWithinBusinessHours',
        { de: 'SLA (Reaktionszeit)', en: 'SLA (time to accept or reject)' },
        (document) => document.sla?.acceptWithinBusinessHours,
        { show: showHours },
      ),
      setting(
        'staleAfterBusinessDays',
        { de: 'Geschäftstage bis „inaktiv“', en: 'business days until stale' },
        (document) => (document.sla ? (document.sla.staleAfterBusinessDays ?? 5) : undefined),
      ),
      setting(
        'businessHours.timezone',
        { de: 'Zeitzone der Geschäftszeiten', en: 'business-hours time zone' },
        (document) => hours(document)?.timezone,
      ),
      setting(
        'businessHours.days',
        { de: 'Arbeitstage', en: 'working days' },
        (document) => hours(document)?.days,
        { same: sameSet },
      ),
      setting(
        'businessHours.start',
        { de: 'Beginn der Geschäftszeiten', en: 'business hours start' },
        (document) => hours(document)?.start,
      ),
      setting(
        'businessHours.end',
        { de: 'Ende der Geschäftszeiten', en: 'business hours end' },
        (document) => hours(document)?.end,
      ),
      setting(
        'businessHours.holidays',
        { de: 'Feiertage', en: 'holidays' },
        (document) => hours(document)?.holidays,
      ),
      setting(
        'onBreach',
        { de: 'Eskalation bei SLA-Überschreitung', en: 'escalation on SLA breach' },
        (document) => document.sla?.onBreach,
        { same: sameSet, show: showBreachSteps },
      ),
    ],
    versions,
  )
}

function diffDeals(versions: Versions): AgreementChange[] {
  const stages = (document: AgreementDocument) => document.deals?.stages ?? []
  return [
    ...diffEntities(DEAL_STAGE, stages(versions.before), stages(versions.after), versions),
    ...diffOrder(
      'deal_stages_reordered',
      'deals',
      { de: 'Reihenfolge der Deal-Phasen', en: 'deal stage order' },
      {
        before: stages(versions.before).map((stage) => stage.id),
        after: stages(versions.after).map((stage) => stage.id),
      },
    ),
  ]
}
