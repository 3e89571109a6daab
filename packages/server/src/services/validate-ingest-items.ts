// Checks each item of an ingestion batch on its own, so one bad item never sinks the good ones.
import { createHash } from 'node:crypto'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { isKnownEventType } from '#core/touchpoint/event-types.ts'
import { IngestEventSchema, type IngestEvent } from './ingest-contract.ts'
import { isInstant, parseInstant } from '#core/util/is-instant.ts'
import { isCalendarDate } from '#core/util/is-calendar-date.ts'
import { unsafeStrings } from '#core/util/unsafe-strings.ts'
import { nonFiniteNumbers } from '#core/util/non-finite-numbers.ts'

export type ItemError = {
  index: number
  id?: string
  code: 'invalid' | 'idempotency_conflict' | 'unknown_content'
  errors: Array<{ path: string; message: string }>
}

export type ValidItem = { index: number; event: IngestEvent; occurredAt: Date; hash: string }

// Clock skew a source may have; anything later is a bug on the sender's side, not a touchpoint.
const MAX_FUTURE_MS = 5 * 60_000
const EARLIEST = Date.parse('2000-01-01T00:00:00Z')

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
// The same date checks as every route (see http/app.ts): impossible dates are refused, not rolled over.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }))
  .addFormat('date-time', { type: 'string', validate: isInstant })
  .addFormat('date', { type: 'string', validate: isCalendarDate })
const validateEvent = ajv.compile<IngestEvent>(IngestEventSchema)

export function validateIngestItems(
  items: readonly unknown[],
  now: Date,
): { valid: ValidItem[]; errors: ItemError[] } {
  const valid: ValidItem[] = []
  const errors: ItemError[] = []
  items.forEach((item, index) => {
    const id =
      typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id
        : undefined
    const reject = (problems: ItemError['errors']) =>
      errors.push({ index, ...(id === undefined ? {} : { id }), code: 'invalid', errors: problems })
    // 1e400 parses as Infinity and would be stored as null; named here, since schema numbers allow it.
    const infinite = nonFiniteNumbers(item, `/events/${index}`)
    if (infinite.length > 0) return reject(infinite)
    if (!validateEvent(item)) {
      reject(
        (validateEvent.errors ?? []).map((error) => {
          const params = error.params as { missingProperty?: string; additionalProperty?: string }
          const name = params.missingProperty ?? params.additionalProperty
          const message = params.additionalProperty
            ? `unknown property "${params.additionalProperty}"`
            : (error.message ?? 'is invalid')
          return { path: `/events/${index}${error.instancePath}${name ? `/${name}` : ''}`, message }
        }),
      )
      return
    }
    const event = item
    const problems: ItemError['errors'] = unsafeStrings(event, `/events/${index}`)
    if (!isKnownEventType(event.type)) {
      problems.push({
        path: `/events/${index}/type`,
        message: `unknown event type "${event.type}" (use a standard type or custom.<name>)`,
      })
    }
    // Valid by the schema's format, so it parses.
    const occurredAt = parseInstant(event.occurredAt)!
    if (occurredAt > now.getTime() + MAX_FUTURE_MS) {
      problems.push({ path: `/events/${index}/occurredAt`, message: 'lies in the future' })
    } else if (occurredAt < EARLIEST) {
      problems.push({ path: `/events/${index}/occurredAt`, message: 'lies before the year 2000' })
    }
    if (problems.length > 0) return reject(problems)
    valid.push({ index, event, occurredAt: new Date(occurredAt), hash: payloadHash(event) })
  })
  return { valid, errors }
}

/** A hash of the item's meaning: key order and e-mail case do not make a different payload. */
export function payloadHash(event: IngestEvent): string {
  const normalised = {
    ...event,
    occurredAt: new Date(event.occurredAt).toISOString(),
    lead: { ...event.lead, email: event.lead.email.toLowerCase() },
  }
  return createHash('sha256').update(canonicalJson(normalised)).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
