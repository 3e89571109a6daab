// Both drivers must hand the same JS values to the code above them, so a repository tested on
// PGlite behaves identically on PostgreSQL. Defaults already agree on timestamptz → Date,
// int4/float8 → number and json/jsonb → parsed value; these parsers settle the rest.
import pg from 'pg'

const INT8 = 20
const NUMERIC = 1700
const DATE = 1082
const JSON_OID = 114
const JSONB = 3802

// bigint ids and counts stay far below 2^53; past that a silent rounding would corrupt data, so fail.
function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit a JS number`)
  return value
}

/** Text-format parsers by type oid, shared by both drivers. */
export const TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>> = Object.freeze({
  [INT8]: parseInt8,
  [NUMERIC]: Number,
  // A calendar date has no instant: PGlite would make it UTC midnight, pg local midnight. Keep the text.
  [DATE]: (text: string) => text,
})

/** For pg's per-client `types` option, so nothing else in the process sees changed globals. */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

function serializeJson(value: unknown): string {
  if (typeof value === 'string') return value
  // node-postgres sends a JS array as a Postgres array literal, which jsonb rejects. Failing here
  // too means the default PGlite test run catches what would only break on PostgreSQL.
  if (Array.isArray(value))
    throw new TypeError('Pass jsonb values as JSON text (JSON.stringify), not JS arrays')
  return JSON.stringify(value)
}

/** PGlite serialises parameters by their inferred type; make json/jsonb accept what pg accepts. */
export const PGLITE_SERIALIZERS: Readonly<Record<number, (value: unknown) => string>> = Object.freeze({
  [JSON_OID]: serializeJson,
  [JSONB]: serializeJson,
})
