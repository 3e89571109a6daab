// An agreement issue as the API returns it (validation results, and problem details of a rejected agreement).
import { Type } from 'typebox'
import { AGREEMENT_ISSUE_CODES } from '#core/agreement/parse-agreement.ts'

export const IssueParamsSchema = Type.Record(
  Type.String(),
  // Immutable: the core hands out read-only lists.
  Type.Union([Type.String(), Type.Number(), Type.Immutable(Type.Array(Type.String()))]),
  { description: 'the values the message names, for wording it in another language' },
)

export const AgreementIssueSchema = Type.Object({
  path: Type.String({ description: 'JSON pointer into the agreement' }),
  message: Type.String({ description: 'in English' }),
  code: Type.Enum(AGREEMENT_ISSUE_CODES, { description: 'stable: what kind of issue it is' }),
  params: IssueParamsSchema,
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
})
