import { Type } from 'typebox'

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            path: Type.String(),
            message: Type.String(),
            // An agreement issue's code and params (see AgreementIssueSchema), kept minimal here
            // because this schema is repeated in every operation's problem responses.
            code: Type.Optional(Type.String()),
            params: Type.Optional(Type.Object({}, { additionalProperties: true })),
            line: Type.Optional(Type.Integer()),
            column: Type.Optional(Type.Integer()),
          },
          { additionalProperties: true },
        ),
      ),
    ),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
)

export const Uuid = Type.String({ format: 'uuid' })

/** `schema` or null: the API says "none" with null, never by leaving the property out. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

/** An instant, as the API writes it (ISO 8601 with time zone). */
export const DateTime = Type.String({ format: 'date-time' })
