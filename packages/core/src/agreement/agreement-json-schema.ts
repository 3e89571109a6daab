import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { isCalendarDate } from '../util/is-calendar-date.ts'
import { AgreementDocumentSchema, type AgreementDocument } from './agreement-document.ts'

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema'

/**
 * The agreement's JSON Schema (draft 2020-12) as plain JSON, for the API to publish and editors to use.
 * A fresh copy on each call, so callers may annotate it.
 * @example agreementJsonSchema().$id // 'https://takt.dev/schemas/agreement.json'
 */
export function agreementJsonSchema(): Record<string, unknown> {
  // The round trip drops TypeBox's non-enumerable markers and leaves only JSON.
  const schema = JSON.parse(JSON.stringify(AgreementDocumentSchema)) as Record<string, unknown>
  return { $schema: DRAFT_2020_12, ...schema }
}

let validator: ValidateFunction<AgreementDocument> | undefined

/** The compiled validator of the published schema; compiled on first use, since compiling costs milliseconds. */
export function agreementSchemaValidator(): ValidateFunction<AgreementDocument> {
  validator ??= createAgreementAjv().compile<AgreementDocument>(agreementJsonSchema())
  return validator
}

/** An ajv set up as the core validates agreements; exported so tests can prove the schema compiles. */
export function createAgreementAjv(): Ajv2020 {
  // verbose: error objects carry their schema, which the messages use to pick the branch a user meant.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true })
  // The calendar check every date of the API uses (holidays are the agreement's dates).
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate })
  return ajv
}
