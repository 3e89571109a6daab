// Requests for one operation of the document: valid ones generated from its schemas, and invalid ones
// made from a valid one by a single mutation (wrong type, missing or forged field, huge or odd text,
// malformed JSON, wrong content type, bad parameter or query, tampered cursor, bad credentials).
import fc, { type Arbitrary } from 'fast-check'
import { ODD_CHARACTERS, validValue, type JsonSchema } from './schema-arbitrary.ts'
import type { Operation, Parameter } from './openapi-operations.ts'
import {
  BAD_CREDENTIALS,
  BAD_SCALARS,
  BAD_SEGMENTS,
  CONTENT_TYPES,
  FORGED_FIELDS,
  MALFORMED_JSON,
  WRONG_VALUES,
  type Credentials,
} from './hostile-inputs.ts'

export type { Credentials }

export type RequestCase = {
  valid: boolean
  label: string
  method: string
  /** path and query, ready to append to the base URL */
  url: string
  credentials: Credentials
  contentType?: string
  body?: string | Uint8Array
}

type Draft = {
  params: Record<string, string>
  query: Array<[string, string]>
  body: unknown
  credentials: Credentials
}

/** Ids that exist, for parameters where a real one reaches further than a random one. */
export type ExistingIds = (parameter: Parameter, operation: Operation) => readonly string[]

const toText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

function queryPairs(name: string, value: unknown): Array<[string, string]> {
  if (value === undefined) return []
  if (Array.isArray(value)) return value.map((entry) => [name, toText(entry)])
  return [[name, toText(value)]]
}

function draftArbitrary(operation: Operation, existingIds: ExistingIds): Arbitrary<Draft> {
  const inPath = operation.parameters.filter((parameter) => parameter.in === 'path')
  const inQuery = operation.parameters.filter((parameter) => parameter.in === 'query')
  const params = fc.record(
    Object.fromEntries(
      inPath.map((parameter) => {
        const generated = validValue(parameter.schema).map(toText)
        const ids = existingIds(parameter, operation)
        return [parameter.name, ids.length > 0 ? fc.oneof(generated, fc.constantFrom(...ids)) : generated]
      }),
    ),
  )
  const query = fc
    .tuple(
      ...inQuery.map((parameter) => {
        const pairs = validValue(parameter.schema).map((value) => queryPairs(parameter.name, value))
        return parameter.required ? pairs : fc.oneof(fc.constant([]), pairs)
      }),
    )
    .map((parts) => parts.flat())
  return fc.record({
    params,
    query,
    body: operation.body ? validValue(operation.body.schema) : fc.constant(undefined),
    credentials: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Credentials>('key') },
      { weight: 1, arbitrary: fc.constant<Credentials>('session') },
    ),
  })
}

function render(
  operation: Operation,
  draft: Draft,
  label: string,
  raw?: { body?: string | Uint8Array; contentType?: string },
): RequestCase {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(draft.params[name] ?? ''),
  )
  const search = new URLSearchParams(draft.query).toString()
  const json = draft.body === undefined ? undefined : JSON.stringify(draft.body)
  const body = raw && 'body' in raw ? raw.body : json
  const contentType = raw && 'contentType' in raw ? raw.contentType : operation.body?.mediaTypes[0]
  return {
    valid: label === 'valid',
    label,
    method: operation.method,
    url: search ? `${path}?${search}` : path,
    credentials: draft.credentials,
    ...(body === undefined ? {} : { body, ...(contentType ? { contentType } : {}) }),
  }
}

type PathInValue = Array<string | number>

function pathsIn(value: unknown, at: PathInValue = []): PathInValue[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((entry, index) => pathsIn(entry, [...at, index]))]
  if (value !== null && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([key, entry]) => pathsIn(entry, [...at, key]))]
  return [at]
}

/** A copy of `value` with the node at `path` replaced (or removed when `replacement` is the REMOVE mark). */
const REMOVE = Symbol('remove')
function replaceAt(value: unknown, path: PathInValue, replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  const next = replaceAt(copy[head!], rest, replacement)
  if (next === REMOVE) delete copy[head!]
  else copy[head!] = next
  return copy
}
const valueAt = (value: unknown, path: PathInValue) =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], value)
const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)
const pick = <T>(items: readonly T[], index: number): T => items[index % items.length]!

type Mutation = (operation: Operation, draft: Arbitrary<Draft>) => Arbitrary<RequestCase>

const BODY_MUTATIONS: Mutation[] = [
  (operation, draft) =>
    fc.tuple(draft, fc.nat(), fc.nat()).map(([base, index, choice]) => {
      const at = pick(pathsIn(base.body), index)
      const current = jsonType(valueAt(base.body, at))
      const others = WRONG_VALUES.filter((value) => jsonType(value) !== current)
      return render(
        operation,
        { ...base, body: replaceAt(base.body, at, pick(others, choice)) },
        'wrong type',
      )
    }),
  (operation, draft) =>
    fc.tuple(draft, fc.nat()).map(([base, index]) => {
      const members = pathsIn(base.body).filter((at) => at.length > 0 && typeof at.at(-1) === 'string')
      const body = members.length > 0 ? replaceAt(base.body, pick(members, index), REMOVE) : undefined
      return render(operation, { ...base, body }, 'missing field')
    }),
  (operation, draft) =>
    fc
      .tuple(draft, fc.nat(), fc.constantFrom(...FORGED_FIELDS), fc.jsonValue({ maxDepth: 1 }))
      .map(([base, index, field, value]) => {
        const objects = pathsIn(base.body).filter((at) => {
          const node = valueAt(base.body, at)
          return node !== null && typeof node === 'object' && !Array.isArray(node)
        })
        const at = objects.length > 0 ? pick(objects, index) : []
        const target = (objects.length > 0 ? valueAt(base.body, at) : {}) as object
        // JSON.stringify drops a __proto__ set by assignment; defineProperty makes it an own member.
        const forged = Object.defineProperty({ ...target }, field, { value, enumerable: true })
        return render(operation, { ...base, body: replaceAt(base.body, at, forged) }, 'forged field')
      }),
  (operation, draft) =>
    fc
      .tuple(
        draft,
        fc.nat(),
        // Past the 1 MiB body limit now and then; mostly long text inside the limit.
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('x', 'ü', '😀').map((unit) => unit.repeat(50_000)) },
          { weight: 1, arbitrary: fc.constant('x'.repeat(1_100_000)) },
        ),
      )
      .map(([base, index, huge]) => {
        const strings = pathsIn(base.body).filter((at) => typeof valueAt(base.body, at) === 'string')
        const at = strings.length > 0 ? pick(strings, index) : []
        return render(operation, { ...base, body: replaceAt(base.body, at, huge) }, 'huge string')
      }),
  (operation, draft) =>
    fc
      .tuple(draft, fc.string({ unit: fc.constantFrom(...ODD_CHARACTERS), minLength: 1, maxLength: 30 }))
      .map(([base, odd]) => {
        const body = pathsIn(base.body)
          .filter((at) => typeof valueAt(base.body, at) === 'string')
          .reduce((value, at) => replaceAt(value, at, odd), base.body)
        return render(operation, { ...base, body: body === undefined ? odd : body }, 'odd unicode')
      }),
  (operation, draft) =>
    fc.tuple(draft, fc.constantFrom(...CONTENT_TYPES, 'none')).map(([base, contentType]) => {
      const json = JSON.stringify(base.body ?? {})
      // A byte body makes fetch send no Content-Type at all.
      return contentType === 'none'
        ? render(operation, base, 'no content type', { body: new TextEncoder().encode(json) })
        : render(operation, base, 'wrong content type', { body: json, contentType })
    }),
]

const RAW_BODY_MUTATIONS: Mutation[] = [
  (operation, draft) =>
    fc.tuple(draft, fc.constantFrom(...MALFORMED_JSON, 'truncated')).map(([base, text]) => {
      const json = JSON.stringify(base.body ?? { a: 1 })
      const body = text === 'truncated' ? json.slice(0, Math.max(1, json.length - 1)) : text
      return render(operation, base, 'malformed JSON', { body, contentType: 'application/json' })
    }),
  (operation, draft) =>
    draft.map((base) => {
      // Bytes that are not UTF-8, inside an otherwise well-formed JSON string.
      const bytes = new Uint8Array([
        ...new TextEncoder().encode('{"a":"'),
        0xff,
        0xfe,
        0xc3,
        ...new TextEncoder().encode('"}'),
      ])
      return render(operation, base, 'invalid UTF-8', { body: bytes, contentType: 'application/json' })
    }),
]

const pathMutation: Mutation = (operation, draft) => {
  const names = operation.parameters
    .filter((parameter) => parameter.in === 'path')
    .map((parameter) => parameter.name)
  return fc
    .tuple(
      draft,
      fc.constantFrom(...names),
      // Not empty, "." or "..": those change which route the URL names (the list, the parent).
      fc.oneof(
        fc.constantFrom(...BAD_SEGMENTS),
        fc.string({ minLength: 1, maxLength: 40 }).filter((text) => !/^\.{1,2}$/.test(text)),
      ),
    )
    .map(([base, name, value]) =>
      render(operation, { ...base, params: { ...base.params, [name]: value } }, 'bad path parameter'),
    )
}

const queryMutation: Mutation = (operation, draft) => {
  const inQuery = operation.parameters.filter((parameter) => parameter.in === 'query')
  const badValue = fc.oneof(
    fc.constantFrom(...BAD_SCALARS),
    fc.string({ unit: fc.constantFrom(...ODD_CHARACTERS), maxLength: 20 }),
    fc.constant('x'.repeat(3000)),
  )
  return fc
    .tuple(draft, fc.constantFrom(...inQuery, undefined), badValue, fc.boolean())
    .map(([base, parameter, value, repeat]) => {
      const name = parameter?.name ?? pick(FORGED_FIELDS, value.length)
      const kept = base.query.filter(([key]) => key !== name)
      const query: Array<[string, string]> = [
        ...kept,
        [name, value],
        ...(repeat ? [[name, value] as [string, string]] : []),
      ]
      return render(operation, { ...base, query }, parameter ? 'bad query value' : 'unknown query parameter')
    })
}

/** Cursors this API hands out are base64url JSON; a tampered one keeps that shape and breaks the types. */
const cursorMutation =
  (names: string[]): Mutation =>
  (operation, draft) =>
    fc
      .tuple(
        draft,
        fc.constantFrom(...names),
        fc.dictionary(
          fc.constantFrom('value', 'id', 'after', 'before', 'offset'),
          fc.oneof(
            fc.jsonValue({ maxDepth: 1 }),
            fc.uuid(),
            fc.stringMatching(/^[0-9a-f-]{36}$/),
            fc.constant('x'),
          ),
        ),
      )
      .map(([base, name, token]) =>
        render(
          operation,
          {
            ...base,
            query: [
              ...base.query.filter(([key]) => key !== name),
              [name, Buffer.from(JSON.stringify(token)).toString('base64url')],
            ],
          },
          'tampered cursor',
        ),
      )

const credentialsMutation: Mutation = (operation, draft) =>
  fc
    .tuple(draft, fc.constantFrom(...BAD_CREDENTIALS))
    .map(([base, credentials]) => render(operation, { ...base, credentials }, 'bad credentials'))

const isFreeText = (schema: JsonSchema) =>
  typeof schema === 'object' && schema.type === 'string' && !schema.format && !schema.pattern && !schema.enum

/** Valid and invalid requests for the operation, about half each. */
export function requestCases(operation: Operation, existingIds: ExistingIds): Arbitrary<RequestCase> {
  const draft = draftArbitrary(operation, existingIds)
  const sendsBody = !['GET', 'HEAD'].includes(operation.method)
  const freeText = operation.parameters.filter(
    (parameter) => parameter.in === 'query' && isFreeText(parameter.schema),
  )
  const mutations = [
    credentialsMutation,
    ...(operation.body ? BODY_MUTATIONS : []),
    ...(sendsBody ? RAW_BODY_MUTATIONS : []),
    ...(operation.parameters.some((parameter) => parameter.in === 'path') ? [pathMutation] : []),
    ...(operation.method === 'GET' || operation.parameters.some((parameter) => parameter.in === 'query')
      ? [queryMutation]
      : []),
    ...(freeText.length > 0 ? [cursorMutation(freeText.map((parameter) => parameter.name))] : []),
  ]
  return fc.oneof(
    { weight: mutations.length, arbitrary: draft.map((base) => render(operation, base, 'valid')) },
    ...mutations.map((mutation) => ({ weight: 1, arbitrary: mutation(operation, draft) })),
  )
}
