// The sales inbox: MQLs waiting for a rep's accept or reject, most urgent first.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ExplanationSchema } from '#core/explanation/explanation.ts'
import type { AppDeps } from '../app-deps.ts'
import { Nullable, ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { HttpProblem } from '../problem.ts'
import { workspaceOf } from '../authenticate.ts'
import { salesInbox } from '../../services/sales-inbox.ts'

const InboxItemSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Nullable(Type.String()),
  title: Nullable(Type.String()),
  companyName: Nullable(Type.String()),
  country: Nullable(Type.String()),
  source: Nullable(Type.String()),
  lane: Nullable(Type.String()),
  fit: Type.Number(),
  engagement: Type.Number(),
  assignedAt: Nullable(Type.String({ format: 'date-time' })),
  sla: Nullable(
    Type.Object({
      state: Type.String({ description: 'on_time, due_soon or breached' }),
      dueAt: Type.String({ format: 'date-time' }),
      remainingBusinessHours: Type.Number({ description: 'negative once overdue' }),
    }),
  ),
  because: Type.Array(Type.String(), { description: 'why the lead became an MQL, in English' }),
  explanations: Type.Array(ExplanationSchema, {
    description: 'the same reasons as data, to word in any language',
  }),
})

export function inboxRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/inbox',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Hand-off'],
          summary: 'MQLs waiting for a rep to accept or reject them, most urgent first',
          description:
            'Overdue leads first, then by business hours left on the SLA. Reps see their own; managers and admins may name a rep.',
          querystring: Type.Object({ owner: Type.Optional(Uuid) }, { additionalProperties: false }),
          response: {
            200: Type.Object({ items: Type.Array(InboxItemSchema) }),
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request) => {
        const principal = request.principal!
        if (principal.kind !== 'user' && !request.query.owner) {
          throw new HttpProblem('OWNER_REQUIRED', 'An API key names the rep whose inbox it reads.', {
            errors: [{ path: 'querystring/owner', message: 'is required for API keys' }],
          })
        }
        const self = principal.kind === 'user' ? principal.userId : undefined
        const owner = request.query.owner ?? self!
        const mayLookAtOthers =
          principal.kind !== 'user' || principal.role === 'sales_manager' || principal.role === 'admin'
        if (owner !== self && !mayLookAtOthers) {
          throw new HttpProblem('FORBIDDEN', 'Reps see their own inbox only.')
        }
        return { items: await salesInbox(request.db, workspaceOf(request), owner, deps.clock()) }
      },
    )
  }
}
