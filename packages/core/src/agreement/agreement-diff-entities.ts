// The lists of things with ids an agreement holds (rules, lanes, teams, …): their names in both
// languages and the fields whose change is reported.
import type {
  AgreementDocument,
  AgreementText,
  Condition,
  DealStage,
  Disqualifier,
  EngagementRule,
  FitRule,
  RecycleReason,
  Signal,
  SourceLane,
} from './agreement-document.ts'
import { textIn, type TextLanguage } from './agreement-labels.ts'
import {
  describeCondition,
  describeMatch,
  quote,
  showCap,
  showCondition,
  showDays,
  showMatch,
  showNumber,
  showPlain,
  showText,
  showWord,
} from './agreement-diff-text.ts'
import { labelField, sameCondition, sameMatch, sameSet, type Entity, type Field } from './agreement-change.ts'

function signed(points: number, language: TextLanguage): string {
  const one = Math.abs(points) === 1
  const unit = language === 'de' ? (one ? 'Punkt' : 'Punkte') : one ? 'point' : 'points'
  return `${points > 0 ? '+' : ''}${showNumber(points, language)} ${unit}`
}

const whenField = <T extends { when: Condition }>(): Field<T> => ({
  field: 'when',
  noun: { de: 'Bedingung', en: 'condition' },
  read: (item) => item.when,
  same: sameCondition,
  show: showCondition,
})
const pointsField = <T extends { points: number }>(): Field<T> => ({
  field: 'points',
  noun: { de: 'Punkte', en: 'points' },
  read: (item) => item.points,
})

export const FIT_RULE: Entity<FitRule> = {
  kind: 'rule',
  section: 'fit',
  name: { de: 'Fit-Regel', en: 'fit rule' },
  of: 'der Fit-Regel',
  id: (rule) => rule.id,
  label: (rule) => rule.label,
  fields: [labelField(), whenField(), pointsField()],
  summary: (rule, language, document) =>
    `${signed(rule.points, language)}${language === 'de' ? ', wenn' : ' when'} ${describeCondition(rule.when, language, document)}`,
}

export const ENGAGEMENT_RULE: Entity<EngagementRule> = {
  kind: 'rule',
  section: 'engagement',
  name: { de: 'Engagement-Regel', en: 'engagement rule' },
  of: 'der Engagement-Regel',
  id: (rule) => rule.id,
  label: (rule) => rule.label,
  fields: [
    labelField(),
    {
      field: 'when',
      noun: { de: 'Auslöser', en: 'trigger' },
      read: (rule) => rule.when,
      same: sameMatch,
      show: showMatch,
    },
    pointsField(),
    {
      field: 'handRaiser',
      noun: { de: 'Hand-Raiser', en: 'hand-raiser' },
      read: (rule) => rule.handRaiser ?? false,
    },
    {
      field: 'halfLifeDays',
      noun: { de: 'Halbwertszeit', en: 'half-life' },
      read: (rule) => rule.halfLifeDays,
      show: showDays,
    },
    { field: 'cap', noun: { de: 'Obergrenze', en: 'cap' }, read: (rule) => rule.cap, show: showCap },
  ],
  summary: (rule, language, document) =>
    `${signed(rule.points, language)} ${language === 'de' ? 'für' : 'for'} ${describeMatch(rule.when, language, document)}`,
}

type NamedSignal = Signal & { id: string }
export const signalList = (document: AgreementDocument): NamedSignal[] =>
  Object.entries(document.signals ?? {}).map(([id, signal]) => ({ id, ...signal }))

export const SIGNAL: Entity<NamedSignal> = {
  kind: 'signal',
  section: 'signals',
  name: { de: 'Signal', en: 'signal' },
  of: 'des Signals',
  id: (signal) => signal.id,
  label: (signal) => signal.label,
  fields: [
    labelField(),
    {
      field: 'touchpoints',
      noun: { de: 'Touchpoints', en: 'touchpoints' },
      read: (signal) => signal.touchpoints,
      same: sameMatch,
      show: showMatch,
    },
    {
      field: 'atLeast',
      noun: { de: 'Mindestanzahl', en: 'minimum count' },
      read: (signal) => signal.atLeast,
    },
    {
      field: 'withinDays',
      noun: { de: 'Zeitfenster', en: 'window' },
      read: (signal) => signal.withinDays,
      show: showDays,
    },
  ],
}

export const DISQUALIFIER: Entity<Disqualifier> = {
  kind: 'disqualifier',
  section: 'disqualifiers',
  name: { de: 'Ausschlusskriterium', en: 'disqualifier' },
  of: 'des Ausschlusskriteriums',
  id: (disqualifier) => disqualifier.id,
  label: (disqualifier) => disqualifier.label,
  fields: [
    labelField(),
    { field: 'reason', noun: { de: 'Grund', en: 'reason' }, read: (disqualifier) => disqualifier.reason },
    whenField(),
  ],
  summary: (disqualifier, language, document) =>
    `${language === 'de' ? 'wenn' : 'when'} ${describeCondition(disqualifier.when, language, document)}`,
}

// MQL criteria: the default and each lane's own. Where only score bounds moved, each move is its own
// change ("threshold lowered from 50 to 40"); any other difference replaces the whole criterion.
export const LANE: Entity<SourceLane> = {
  kind: 'lane',
  section: 'sources',
  name: { de: 'Lead-Quelle', en: 'source lane' },
  of: 'der Lead-Quelle',
  id: (lane) => lane.id,
  label: (lane) => lane.label,
  fields: [
    labelField(),
    {
      field: 'sources',
      noun: { de: 'Quellwerte', en: 'source values' },
      read: (lane) => lane.sources,
      same: sameSet,
    },
    {
      field: 'entryStage',
      noun: { de: 'Einstiegsphase', en: 'entry stage' },
      read: (lane) => lane.entryStage ?? 'lead',
      show: showWord,
    },
    {
      field: 'ownerProperty',
      noun: { de: 'Eigenschaft für Zuständig', en: 'owner property' },
      read: (lane) => lane.ownerProperty,
    },
    {
      field: 'emailNurture',
      noun: { de: 'E-Mail-Nurturing', en: 'e-mail nurture' },
      read: (lane) => lane.emailNurture,
      show: showWord,
    },
    {
      field: 'lawfulBasis',
      noun: { de: 'Rechtsgrundlage', en: 'lawful basis' },
      read: (lane) => lane.lawfulBasis ?? 'legitimate_interest',
      show: showWord,
    },
    {
      field: 'channels.email',
      noun: { de: 'Voraussetzung für E-Mail', en: 'e-mail requirement' },
      read: (lane) => lane.channels?.email,
      show: showWord,
    },
    {
      field: 'channels.phone',
      noun: { de: 'Voraussetzung für Telefon', en: 'phone requirement' },
      read: (lane) => lane.channels?.phone,
      show: showWord,
    },
  ],
}

export const REASON: Entity<RecycleReason> = {
  kind: 'reason',
  section: 'recycling',
  name: { de: 'Ablehnungsgrund', en: 'rejection reason' },
  of: 'des Ablehnungsgrunds',
  id: (reason) => reason.id,
  label: (reason) => reason.label,
  fields: [
    labelField(),
    { field: 'action', noun: { de: 'Folge', en: 'action' }, read: (reason) => reason.action, show: showWord },
    {
      field: 'track',
      noun: { de: 'Nurturing-Strecke', en: 'nurture track' },
      read: (reason) => reason.track,
    },
    {
      field: 'coolDownDays',
      noun: { de: 'Sperrfrist', en: 'cool-down' },
      read: (reason) => reason.coolDownDays,
      show: showDays,
    },
  ],
}

export type Team = NonNullable<AgreementDocument['routing']>['teams'][number]
export const TEAM: Entity<Team> = {
  kind: 'team',
  section: 'routing',
  name: { de: 'Team', en: 'team' },
  of: 'des Teams',
  id: (team) => team.id,
  label: (team) => team.label,
  fields: [
    labelField(),
    {
      field: 'members',
      noun: { de: 'Mitglieder', en: 'members' },
      read: (team) => team.members,
      same: sameSet,
    },
    { field: 'lead', noun: { de: 'Teamleitung', en: 'team lead' }, read: (team) => team.lead },
    {
      field: 'territory',
      noun: { de: 'Gebiet', en: 'territory' },
      read: (team) => team.territory,
      same: sameCondition,
      show: showCondition,
    },
  ],
  summary: (team) => team.members.join(', '),
}

type Checklist = NonNullable<AgreementDocument['sql']>['checklists'][number]
export const CHECKLIST: Entity<Checklist> = {
  kind: 'checklist',
  section: 'sql',
  name: { de: 'Qualifizierungs-Checkliste', en: 'qualification checklist' },
  of: 'der Qualifizierungs-Checkliste',
  id: (checklist) => checklist.id,
  label: (checklist) => checklist.label,
  fields: [
    labelField(),
    {
      field: 'framework',
      noun: { de: 'Framework', en: 'framework' },
      read: (checklist) => checklist.framework,
    },
    {
      field: 'items',
      noun: { de: 'Punkte der Checkliste', en: 'items' },
      read: (checklist) => checklist.items?.map((item) => item.id),
      same: sameSet,
    },
    {
      field: 'mandatory',
      noun: { de: 'Pflichtpunkte', en: 'mandatory items' },
      read: (checklist) => checklist.mandatory,
      same: sameSet,
    },
    {
      field: 'minConfirmed',
      noun: { de: 'Mindestens bestätigt', en: 'minimum confirmed' },
      read: (checklist) => checklist.minConfirmed,
    },
    {
      field: 'appliesWhen.dealAmountAbove',
      noun: { de: 'Gilt ab Deal-Betrag', en: 'applies above deal amount' },
      read: (checklist) => checklist.appliesWhen?.dealAmountAbove,
    },
  ],
}

export const DEAL_STAGE: Entity<DealStage> = {
  kind: 'deal_stage',
  section: 'deals',
  name: { de: 'Deal-Phase', en: 'deal stage' },
  of: 'der Deal-Phase',
  id: (stage) => stage.id,
  label: (stage) => stage.label,
  fields: [
    labelField(),
    {
      field: 'probability',
      noun: { de: 'Abschlusswahrscheinlichkeit', en: 'win probability' },
      read: (stage) => stage.probability,
      show: (value, language) =>
        value === undefined
          ? showPlain(value, language, {} as AgreementDocument)
          : `${showNumber(value as number, language)} %`,
    },
  ],
}

type CodeLabel = { id: string; label: AgreementText }
export const LABEL: Entity<CodeLabel> = {
  kind: 'label',
  section: 'labels',
  name: { de: 'Bezeichnung für den Code', en: 'label for code' },
  of: 'der Bezeichnung für den Code',
  id: (entry) => entry.id,
  label: () => undefined,
  fields: [{ field: 'text', noun: { de: 'Text', en: 'text' }, read: (entry) => entry.label, show: showText }],
  summary: (entry, language) => quote(textIn(entry.label, language), language),
}
