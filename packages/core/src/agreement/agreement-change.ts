// The shape of one agreement change, and the machinery that finds changes in settings and in lists of
// things with ids; agreement-diff.ts says which settings and lists an agreement has.
import type { AgreementDocument, AgreementText, Condition, TouchpointMatch } from './agreement-document.ts'
import { textIn, type TextLanguage } from './agreement-labels.ts'
import { isSameCondition, isSameMatch, isSameSet, isSameValue } from './canonical-condition.ts'
import {
  capitalize,
  describeFieldChange,
  describeSetChange,
  inBoth,
  quote,
  showPlain,
  showText,
  type DiffText,
  type ShowValue,
} from './agreement-diff-text.ts'

export const AGREEMENT_SECTIONS = [
  'general',
  'labels',
  'fit',
  'engagement',
  'signals',
  'disqualifiers',
  'mql',
  'sources',
  'recycling',
  'routing',
  'sla',
  'sql',
  'deals',
] as const
export type AgreementSection = (typeof AGREEMENT_SECTIONS)[number]

export const AGREEMENT_CHANGE_KINDS = [
  'setting_changed',
  'label_added',
  'label_removed',
  'label_changed',
  'rule_added',
  'rule_removed',
  'rule_changed',
  'signal_added',
  'signal_removed',
  'signal_changed',
  'disqualifier_added',
  'disqualifier_removed',
  'disqualifier_changed',
  'threshold_moved',
  'criteria_changed',
  'lane_added',
  'lane_removed',
  'lane_changed',
  'reason_added',
  'reason_removed',
  'reason_changed',
  'team_added',
  'team_removed',
  'team_changed',
  'teams_reordered',
  'checklist_added',
  'checklist_removed',
  'checklist_changed',
  'deal_stage_added',
  'deal_stage_removed',
  'deal_stage_changed',
  'deal_stages_reordered',
] as const
export type AgreementChangeKind = (typeof AGREEMENT_CHANGE_KINDS)[number]

/** One change between two agreement versions. `before`/`after` are absent where nothing was set. */
export type AgreementChange = {
  kind: AgreementChangeKind
  section: AgreementSection
  /** the rule, lane, team, reason, … id the change is about; null for the section's own settings */
  subject: string | null
  /** the changed key, as a path inside the subject (or section), e.g. `points`, `engagement.gte` */
  field: string | null
  before?: unknown
  after?: unknown
  text: DiffText
}

export type Versions = { before: AgreementDocument; after: AgreementDocument }

export const sameCondition = (left: unknown, right: unknown) =>
  isSameCondition(left as Condition | undefined, right as Condition | undefined)
export const sameMatch = (left: unknown, right: unknown) =>
  isSameMatch(left as TouchpointMatch | undefined, right as TouchpointMatch | undefined)
export const sameSet = (left: unknown, right: unknown) =>
  isSameSet(left as unknown[] | undefined, right as unknown[] | undefined)

// --- settings: one value each ------------------------------------------------------------------

export type Setting = {
  section: AgreementSection
  field: string
  noun: DiffText
  read: (document: AgreementDocument) => unknown
  same?: (left: unknown, right: unknown) => boolean
  show?: ShowValue
}

export function diffSettings(settings: readonly Setting[], versions: Versions): AgreementChange[] {
  return settings.flatMap((setting) => {
    const before = setting.read(versions.before)
    const after = setting.read(versions.after)
    const same = setting.same ?? isSameValue
    if (same(before, after)) return []
    const text = describeChange(setting.noun, before, after, setting, versions)
    return [change('setting_changed', setting.section, null, setting.field, before, after, text)]
  })
}

export function change(
  kind: AgreementChangeKind,
  section: AgreementSection,
  subject: string | null,
  field: string | null,
  before: unknown,
  after: unknown,
  text: DiffText,
): AgreementChange {
  return {
    kind,
    section,
    subject,
    field,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    text,
  }
}

// --- entities: lists of things with ids --------------------------------------------------------

export type Field<T> = {
  field: string
  noun: DiffText
  read: (item: T) => unknown
  same?: (left: unknown, right: unknown) => boolean
  show?: ShowValue
}

export type Entity<T> = {
  kind: 'label' | 'rule' | 'signal' | 'disqualifier' | 'lane' | 'reason' | 'team' | 'checklist' | 'deal_stage'
  section: AgreementSection
  /** e.g. Fit-Regel / fit rule */
  name: DiffText
  /** the German genitive, e.g. "der Fit-Regel" */
  of: string
  id: (item: T) => string
  label: (item: T) => AgreementText | undefined
  fields: ReadonlyArray<Field<T>>
  /** what an added or removed item does, in a few words */
  summary?: (item: T, language: TextLanguage, document: AgreementDocument) => string
}

export const labelField = <T extends { label?: AgreementText }>(): Field<T> => ({
  field: 'label',
  noun: { de: 'Bezeichnung', en: 'label' },
  read: (item) => item.label,
  show: showText,
})

export function diffEntities<T>(
  entity: Entity<T>,
  before: readonly T[],
  after: readonly T[],
  versions: Versions,
): AgreementChange[] {
  const afterById = new Map(after.map((item) => [entity.id(item), item]))
  const beforeIds = new Set(before.map(entity.id))
  const changes: AgreementChange[] = []
  for (const old of before) {
    const current = afterById.get(entity.id(old))
    if (current === undefined) changes.push(entityChange(entity, 'removed', old, versions.before))
    else changes.push(...diffEntityFields(entity, old, current, versions))
  }
  for (const added of after) {
    if (!beforeIds.has(entity.id(added))) changes.push(entityChange(entity, 'added', added, versions.after))
  }
  return changes
}

function entityName<T>(entity: Entity<T>, item: T, language: TextLanguage): string {
  return quote(textIn(entity.label(item), language) ?? entity.id(item), language)
}

function entityChange<T>(
  entity: Entity<T>,
  how: 'added' | 'removed',
  item: T,
  document: AgreementDocument,
): AgreementChange {
  const text = inBoth((language) => {
    const verb = how === 'added' ? { de: 'hinzugefügt', en: 'added' } : { de: 'entfernt', en: 'removed' }
    const summary = entity.summary?.(item, language, document)
    const head =
      language === 'de'
        ? `${entity.name.de} ${entityName(entity, item, 'de')} ${verb.de}`
        : `${capitalize(entity.name.en)} ${entityName(entity, item, 'en')} ${verb.en}`
    return summary ? `${head}: ${summary}` : head
  })
  const [before, after] = how === 'added' ? [undefined, item] : [item, undefined]
  return change(`${entity.kind}_${how}`, entity.section, entity.id(item), null, before, after, text)
}

function diffEntityFields<T>(entity: Entity<T>, old: T, current: T, versions: Versions): AgreementChange[] {
  return entity.fields.flatMap((field) => {
    const before = field.read(old)
    const after = field.read(current)
    const same = field.same ?? isSameValue
    if (same(before, after)) return []
    const noun = {
      de: `${field.noun.de} ${entity.of} ${entityName(entity, current, 'de')}`,
      en: `${field.noun.en} of ${entity.name.en} ${entityName(entity, current, 'en')}`,
    }
    const text = describeChange(noun, before, after, field, versions)
    return [
      change(`${entity.kind}_changed`, entity.section, entity.id(current), field.field, before, after, text),
    ]
  })
}

/** Order matters for teams (the first matching territory wins) and deal stages (the board's columns). */
export function diffOrder(
  kind: 'teams_reordered' | 'deal_stages_reordered',
  section: AgreementSection,
  noun: DiffText,
  ids: { before: string[]; after: string[] },
): AgreementChange[] {
  const kept = ids.after.filter((id) => ids.before.includes(id))
  const keptBefore = ids.before.filter((id) => ids.after.includes(id))
  if (isSameValue(kept, keptBefore)) return []
  const text = inBoth((language) =>
    language === 'de'
      ? `${noun.de} geändert: ${ids.after.join(', ')} (bisher ${ids.before.join(', ')})`
      : `${capitalize(noun.en)} changed to ${ids.after.join(', ')} (was ${ids.before.join(', ')})`,
  )
  return [change(kind, section, null, null, ids.before, ids.after, text)]
}

// A list whose order means nothing reads best as what joined and what left it.
function describeChange(
  noun: DiffText,
  before: unknown,
  after: unknown,
  how: { same?: (left: unknown, right: unknown) => boolean; show?: ShowValue },
  versions: Versions,
): DiffText {
  const show = how.show ?? showPlain
  if (how.same === sameSet && Array.isArray(before) && Array.isArray(after)) {
    return describeSetChange(noun, before, after, show, versions)
  }
  return describeFieldChange(noun, before, after, show, versions)
}
