// JSON Schema → fast-check arbitraries, so the fuzz derives its inputs from the published document
// alone. Covers what TypeBox and @fastify/swagger emit: object, array, string (format, pattern, enum,
// lengths), number and integer with bounds, boolean, null, const, anyOf/oneOf/allOf and $ref.
import fc, { type Arbitrary } from 'fast-check'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

export type JsonSchema = boolean | { [keyword: string]: unknown }
type SchemaObject = { [keyword: string]: unknown }

export type GeneratorOptions = {
  /** resolves a `$ref` (the fuzz inlines the document's refs, so this is a fallback) */
  resolve?: (ref: string) => JsonSchema
}

// Short collections and strings keep requests fast; the bounds themselves are generated on purpose.
const TYPICAL_ITEMS = 3
const TYPICAL_LENGTH = 24
const MAX_DEPTH = 8

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
// The server's validator accepts a superset (it coerces types); this one is exact, so "valid" stays honest.
const ajv = addFormats(
  new Ajv2020({ strict: false, allErrors: false, discriminator: true, validateSchema: false }),
)
const compiled = new WeakMap<object, ValidateFunction>()

/** An exact validator for a schema (draft 2020-12, as OpenAPI 3.1 uses, with ajv-formats). */
export function validatorFor(schema: JsonSchema): (value: unknown) => boolean {
  if (typeof schema === 'boolean') return () => schema
  let validate = compiled.get(schema)
  if (!validate) {
    validate = ajv.compile(schema)
    compiled.set(schema, validate)
  }
  return validate as (value: unknown) => boolean
}

/** Values the schema accepts. */
export function validValue(schema: JsonSchema, options: GeneratorOptions = {}): Arbitrary<unknown> {
  const isValid = validatorFor(schema)
  return arbitraryFor(schema, options, 0).filter((value) => isValid(value))
}

// Characters that break naive code: NUL, direction overrides, BOM, zero-width, lone surrogates,
// combining marks, astral emoji, quotes and escapes, percent and angle brackets, case-folding traps.
export const ODD_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u202e',
  '\ufeff',
  '\u200b',
  '\ud800',
  '\udfff',
  '\u0301',
  '😀',
  '\\',
  '"',
  "'",
  '%',
  '<',
  '\n',
  '\r',
  '\t',
  'ß',
  'İ',
  '\u2028',
] as const

const oddText = (minLength: number, maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(...ODD_CHARACTERS),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    minLength,
    maxLength,
  })

function arbitraryFor(schema: JsonSchema, options: GeneratorOptions, depth: number): Arbitrary<unknown> {
  if (schema === true) return fc.jsonValue({ maxDepth: 2 })
  if (schema === false) return fc.constant(undefined)
  if (depth > MAX_DEPTH) return fc.constant(null)
  if (typeof schema.$ref === 'string') {
    return options.resolve
      ? arbitraryFor(options.resolve(schema.$ref), options, depth + 1)
      : fc.jsonValue({ maxDepth: 2 })
  }
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  if (Array.isArray(schema.allOf))
    return arbitraryFor(mergeAll(schema, schema.allOf as JsonSchema[]), options, depth + 1)
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword]
    if (Array.isArray(branches) && branches.length > 0) {
      const { [keyword]: _branches, discriminator: _discriminator, ...base } = schema
      return fc.oneof(
        ...branches.map((branch: JsonSchema) =>
          arbitraryFor(typeof branch === 'boolean' ? branch : { ...base, ...branch }, options, depth + 1),
        ),
      )
    }
  }
  const types = typesOf(schema)
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 })
  return fc.oneof(...types.map((type) => arbitraryOfType(type, schema, options, depth)))
}

function typesOf(schema: SchemaObject): string[] {
  if (typeof schema.type === 'string') return [schema.type]
  if (Array.isArray(schema.type)) return schema.type as string[]
  if (schema.properties || schema.additionalProperties !== undefined || schema.required) return ['object']
  if (schema.items || schema.prefixItems) return ['array']
  if (schema.format || schema.pattern || schema.minLength !== undefined || schema.maxLength !== undefined)
    return ['string']
  if (schema.minimum !== undefined || schema.maximum !== undefined) return ['number']
  return []
}

function arbitraryOfType(
  type: string,
  schema: SchemaObject,
  options: GeneratorOptions,
  depth: number,
): Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
      return integerArbitrary(schema)
    case 'number':
      return numberArbitrary(schema)
    case 'string':
      return stringArbitrary(schema)
    case 'array':
      return arrayArbitrary(schema, options, depth)
    case 'object':
      return objectArbitrary(schema, options, depth)
    default:
      return fc.jsonValue({ maxDepth: 1 })
  }
}

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback)

function integerArbitrary(schema: SchemaObject): Arbitrary<number> {
  const min = Math.ceil(
    Math.max(
      numberOr(schema.minimum, -Number.MAX_SAFE_INTEGER),
      numberOr(schema.exclusiveMinimum, -Infinity) + 1,
    ),
  )
  const max = Math.floor(
    Math.min(
      numberOr(schema.maximum, Number.MAX_SAFE_INTEGER),
      numberOr(schema.exclusiveMaximum, Infinity) - 1,
    ),
  )
  // Small values are the common case; the bounds are where off-by-one errors live.
  const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) })
  return fc.oneof(
    { arbitrary: min <= 1000 && max >= -1000 ? small : fc.integer({ min, max }), weight: 3 },
    { arbitrary: fc.integer({ min, max }), weight: 1 },
    { arbitrary: fc.constantFrom(min, max), weight: 1 },
  )
}

function numberArbitrary(schema: SchemaObject): Arbitrary<number> {
  const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.minimum
  const max = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : schema.maximum
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(typeof min === 'number' ? { min, minExcluded: schema.exclusiveMinimum === min } : {}),
    ...(typeof max === 'number' ? { max, maxExcluded: schema.exclusiveMaximum === max } : {}),
  })
}

function stringArbitrary(schema: SchemaObject): Arbitrary<string> {
  const minLength = numberOr(schema.minLength, 0)
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined
  const fitsLength = (text: string) => {
    const length = [...text].length
    return length >= minLength && (maxLength === undefined || length <= maxLength)
  }
  const formatted = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined
  if (formatted) return formatted.filter(fitsLength)
  if (typeof schema.pattern === 'string') return patternArbitrary(schema.pattern).filter(fitsLength)
  const typical = Math.min(maxLength ?? Infinity, minLength + TYPICAL_LENGTH)
  const texts: Array<{ arbitrary: Arbitrary<string>; weight: number }> = [
    { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength: typical }), weight: 5 },
    { arbitrary: fc.string({ unit: 'binary', minLength, maxLength: typical }), weight: 2 },
    { arbitrary: oddText(minLength, typical), weight: 2 },
  ]
  if (maxLength !== undefined && maxLength > typical)
    texts.push({ arbitrary: fc.string({ minLength: maxLength, maxLength }), weight: 1 })
  return fc.oneof(...texts)
}

function patternArbitrary(pattern: string): Arbitrary<string> {
  const regex = new RegExp(pattern)
  try {
    return fc.stringMatching(regex)
  } catch {
    // fast-check cannot generate from lookarounds: generate without them, keep what the full pattern accepts.
    const relaxed = new RegExp(pattern.replace(/\(\?<?[=!][^()]*\)/g, ''))
    return fc.stringMatching(relaxed).filter((text) => regex.test(text))
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

// Every spelling RFC 3339 (and ajv-formats) accepts: offsets, fractions, lower case, a space for T,
// and leap seconds.
const dateTime: Arbitrary<string> = fc
  .record({
    date: fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,9}$/)),
    separator: fc.constantFrom('T', 't', ' '),
    zulu: fc.constantFrom('Z', 'z'),
    leapSecond: fc.oneof(
      { arbitrary: fc.constant(false), weight: 9 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
  })
  .map(({ date, offsetMinutes, fraction, separator, zulu, leapSecond }) => {
    const local = new Date(date.getTime() + offsetMinutes * 60_000)
    const day = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
    const time = leapSecond
      ? '23:59:60'
      : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
    const sign = offsetMinutes < 0 ? '-' : '+'
    const zone =
      offsetMinutes === 0
        ? zulu
        : `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
    return `${day}${separator}${time}${fraction}${leapSecond ? zulu : zone}`
  })

const FORMATS: Record<string, Arbitrary<string>> = {
  'date-time': dateTime,
  date: fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2199-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10)),
  time: dateTime.map((value) => value.slice(11)),
  uuid: fc.oneof(
    fc.uuid(),
    fc.uuid().map((value) => value.toUpperCase()),
  ),
  email: fc.emailAddress().filter(validatorFor({ type: 'string', format: 'email' })),
  uri: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  hostname: fc.domain(),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
}

function arrayArbitrary(
  schema: SchemaObject,
  options: GeneratorOptions,
  depth: number,
): Arbitrary<unknown[]> {
  const minLength = numberOr(schema.minItems, 0)
  const maxLength = Math.min(numberOr(schema.maxItems, Infinity), minLength + TYPICAL_ITEMS)
  const items = (schema.items ?? true) as JsonSchema
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : []
  const item = arbitraryFor(items, options, depth + 1)
  const rest = schema.uniqueItems
    ? fc.uniqueArray(item, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
    : fc.array(item, { minLength, maxLength })
  if (prefix.length === 0) return rest
  return fc
    .tuple(fc.tuple(...prefix.map((entry) => arbitraryFor(entry, options, depth + 1))), rest)
    .map(([head, tail]) => [...head, ...tail])
}

function objectArbitrary(
  schema: SchemaObject,
  options: GeneratorOptions,
  depth: number,
): Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = ((schema.required ?? []) as string[]).filter((key) => key in properties)
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, entry]) => [key, arbitraryFor(entry, options, depth + 1)]),
  )
  const declared = fc.record(model, { requiredKeys: required })
  const extra = extraProperties(schema, options, depth)
  if (!extra) return declared
  return fc.tuple(declared, extra).map(([known, more]) => ({
    ...Object.fromEntries(Object.entries(more).filter(([key]) => !(key in properties))),
    ...known,
  }))
}

function extraProperties(
  schema: SchemaObject,
  options: GeneratorOptions,
  depth: number,
): Arbitrary<Record<string, unknown>> | undefined {
  const additional = schema.additionalProperties
  const keys = (schema.propertyNames ?? { type: 'string', minLength: 1, maxLength: 20 }) as JsonSchema
  const keyArbitrary = arbitraryFor(keys, options, depth + 1).filter(
    (key): key is string => typeof key === 'string' && key !== '__proto__',
  )
  const minKeys = numberOr(schema.minProperties, 0)
  if (additional && typeof additional === 'object')
    return fc.dictionary(keyArbitrary, arbitraryFor(additional as JsonSchema, options, depth + 1), {
      minKeys,
      maxKeys: minKeys + TYPICAL_ITEMS,
    })
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, JsonSchema>)
  if (patterns.length > 0)
    return fc
      .tuple(
        ...patterns.map(([pattern, entry]) =>
          fc.dictionary(fc.stringMatching(new RegExp(pattern)), arbitraryFor(entry, options, depth + 1), {
            maxKeys: TYPICAL_ITEMS,
          }),
        ),
      )
      .map((parts) => Object.assign({}, ...parts) as Record<string, unknown>)
  // A free-form object (no declared properties): any JSON members.
  if (additional !== false && !schema.properties)
    return fc.dictionary(keyArbitrary, fc.jsonValue({ maxDepth: 2 }), {
      minKeys,
      maxKeys: minKeys + TYPICAL_ITEMS,
    })
  return undefined
}

function mergeAll(base: SchemaObject, parts: JsonSchema[]): SchemaObject {
  const { allOf: _allOf, ...rest } = base
  const merged: SchemaObject = { ...rest }
  for (const part of parts) {
    if (typeof part === 'boolean') continue
    const properties = { ...(merged.properties as object), ...(part.properties as object) }
    const required = [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])]
    Object.assign(merged, part, { properties, required })
  }
  return merged
}
