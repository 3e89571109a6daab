// What the predictive score may learn from about one lead: its fields and touchpoint aggregates as they
// were known at a cut-off instant — the hand-off for a lead with an outcome, now for a lead still in
// marketing's hands. Nothing after the cut-off is read, so nothing sales learned afterwards (a budget
// field synced from the CRM, the meeting that followed) can leak into what the model learns.
import { JOURNEY_STAGES } from '../agreement/agreement-document.ts'
import { FREE_MAIL_DOMAINS } from '../lead/free-mail-domains.ts'
import { emailDomain, mergeLeadFields, type LeadProfile } from '../lead/lead-profile.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { countUpTo } from '../scoring/score-lead.ts'
import type { CsvTable } from './read-csv-table.ts'

/** Columns that count touchpoints: a lead without any such touchpoint has 0 there, not a missing value. */
export const COUNT_PREFIX = 'count.'

const DAY_MS = 86_400_000
const RECENT_DAYS = 30

/** Fields that identify a person rather than describe a buyer: never features. */
const IDENTIFYING_FIELDS: ReadonlySet<string> = new Set([
  'email',
  'firstName',
  'lastName',
  'phone',
  'company.name',
  'company.domain',
  'company.postcode',
])

export type LeadFeatureInput = {
  email: string
  /** the lead's log in replay order; those after `cutOff` are not read */
  touchpoints: readonly Touchpoint[]
  /** features hold what was known at this instant: the touchpoints up to it, this one's included */
  cutOff: number
  /** whether a touchpoint asks for sales (the agreement's hand-raiser types) */
  isHandRaiser: (touchpoint: Touchpoint) => boolean
  /** field paths (`custom.budget`, `title`) the workspace marked as known only after hand-off */
  postHandOff?: ReadonlySet<string>
}

/** One lead's features by column name, as text (a CSV row's cells); a column left out is missing. */
export type LeadFeatureRecord = Record<string, string>

export function leadFeatures(input: LeadFeatureInput): LeadFeatureRecord {
  const before = countUpTo(input.touchpoints, input.cutOff)
  let profile: LeadProfile = { email: input.email }
  for (let index = 0; index < before; index++) {
    const fields = input.touchpoints[index]!.leadFields
    if (fields) profile = mergeLeadFields(profile, fields)
  }
  const record: LeadFeatureRecord = {}
  const excluded = input.postHandOff ?? new Set<string>()
  const put = (path: string, value: string | number | boolean | undefined) => {
    if (value === undefined || value === '' || IDENTIFYING_FIELDS.has(path) || excluded.has(path)) return
    record[path] = String(value)
  }
  put('title', profile.title)
  put('country', profile.country)
  for (const [key, value] of Object.entries(profile.company ?? {})) put(`company.${key}`, value)
  for (const [key, value] of Object.entries(profile.custom ?? {})) put(`custom.${key}`, value)
  put('email.freeMail', FREE_MAIL_DOMAINS.has(emailDomain(input.email)) ? 'yes' : 'no')

  if (before === 0) return { ...record, [`${COUNT_PREFIX}touchpoints`]: '0' }
  const first = input.touchpoints[0]!
  put('source', first.source?.toLowerCase())
  const campaign = first.properties['utm_campaign']
  put('campaign', typeof campaign === 'string' ? campaign.toLowerCase() : undefined)

  const counts = new Map<string, number>()
  const count = (column: string) => counts.set(column, (counts.get(column) ?? 0) + 1)
  const topics = new Set<string>()
  for (let index = 0; index < before; index++) {
    const touchpoint = input.touchpoints[index]!
    count('touchpoints')
    count(`type.${touchpoint.type.toLowerCase()}`)
    if (touchpoint.journeyStage) count(`stage.${touchpoint.journeyStage}`)
    if (input.isHandRaiser(touchpoint)) count('handRaisers')
    if (input.cutOff - touchpoint.occurredAt <= RECENT_DAYS * DAY_MS) count(`last${RECENT_DAYS}Days`)
    for (const topic of touchpoint.topics ?? []) topics.add(topic.toLowerCase())
  }
  for (const stage of JOURNEY_STAGES) counts.set(`stage.${stage}`, counts.get(`stage.${stage}`) ?? 0)
  counts.set('handRaisers', counts.get('handRaisers') ?? 0)
  counts.set(`last${RECENT_DAYS}Days`, counts.get(`last${RECENT_DAYS}Days`) ?? 0)
  for (const [column, value] of counts) record[`${COUNT_PREFIX}${column}`] = String(value)
  record[`${COUNT_PREFIX}topics`] = String(topics.size)
  const last = input.touchpoints[before - 1]!
  record['daysActive'] = roundDays(last.occurredAt - first.occurredAt)
  record['daysSinceLastTouch'] = roundDays(input.cutOff - last.occurredAt)
  return record
}

/**
 * Records as a table the models read: every column any record has, in name order; a count column a
 * record lacks holds 0, any other column missing (''). `label` names the target column and its cell.
 */
export function featureTable(
  records: ReadonlyArray<{ features: LeadFeatureRecord; label: string }>,
  target: string,
): CsvTable {
  const columns = new Set<string>()
  for (const { features } of records) for (const column of Object.keys(features)) columns.add(column)
  columns.delete(target)
  const header = [...columns].sort()
  return {
    header: [...header, target],
    rows: records.map(({ features, label }) => [...header.map((column) => cellOf(features, column)), label]),
  }
}

/** A record completed for a model that knows `columns`: what the table would have held for it. */
export function completeRecord(features: LeadFeatureRecord, columns: readonly string[]): LeadFeatureRecord {
  return Object.fromEntries(columns.map((column) => [column, cellOf(features, column)]))
}

function cellOf(features: LeadFeatureRecord, column: string): string {
  return features[column] ?? (column.startsWith(COUNT_PREFIX) ? '0' : '')
}

function roundDays(ms: number): string {
  return String(Math.round((ms / DAY_MS) * 10) / 10)
}
