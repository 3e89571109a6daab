// Bulk actions from the board's table: one command for up to 500 selected leads, each checked and
// applied as POST /leads/{id}/actions would, with a result per lead instead of one status for all.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { viewerVisibility } from '../lead-filter-query.ts'
import { checkAssignment, checkTaskOwner } from '../assignment-check.ts'
import type { LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { actorOf } from '../../services/audit.ts'
import { applyBulkLeadAction, type BulkCommand } from '../../services/board/bulk-lead-actions.ts'
import { routeWaitingMqls } from '../../services/route-waiting-mqls.ts'
import { whenAnswered } from '../request-metrics.ts'

export const BULK_MAX_LEADS = 500

const BulkCommandUnion = Type.Union([
  Type.Object(
    {
      action: Type.Literal('assign'),
      rep: Type.String({ format: 'email', maxLength: 254, description: 'the rep to hand the leads to' }),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('recycle'),
      reason: Type.String({ minLength: 1, maxLength: 64, description: "one of the agreement's reasons" }),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('add_task'),
      title: Type.String({ minLength: 1, maxLength: 300 }),
      dueAt: Type.String({ format: 'date-time' }),
      ownerId: Type.Optional(
        Type.String({ format: 'uuid', description: 'a sales user; the caller when left out' }),
      ),
    },
    { additionalProperties: false, description: 'a follow-up task on each lead, as POST /tasks creates it' },
  ),
])
const BulkCommandSchema = Type.Unsafe<Static<typeof BulkCommandUnion>>({
  type: 'object',
  oneOf: BulkCommandUnion.anyOf,
  discriminator: { propertyName: 'action' },
})

const BulkBodySchema = Type.Object(
  {
    leadIds: Type.Array(Uuid, { minItems: 1, maxItems: BULK_MAX_LEADS, uniqueItems: true }),
    command: BulkCommandSchema,
  },
  { additionalProperties: false },
)

const BulkResultSchema = Type.Object({
  applied: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  results: Type.Array(
    Type.Union([
      Type.Object({
        leadId: Type.String(),
        ok: Type.Literal(true),
        stage: Type.Optional(Type.String({ description: 'the lead’s stage after a lifecycle command' })),
        taskId: Type.Optional(Type.String({ description: 'the task add_task created' })),
      }),
      Type.Object({
        leadId: Type.String(),
        ok: Type.Literal(false),
        code: Type.String({ description: 'the problem code the single action would answer with' }),
        message: Type.String(),
      }),
    ]),
    { description: 'one per lead, in the order of leadIds' },
  ),
})

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema }

export function leadBulkRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/leads/bulk-actions',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Leads'],
          summary: 'Assign, recycle or add a task to many leads at once',
          description:
            'Each lead is checked and moved as POST /leads/{id}/actions would, in a savepoint of its own: a lead ' +
            'the caller may not see (LEAD_NOT_FOUND) or whose stage does not allow the command ' +
            '(ILLEGAL_TRANSITION) is reported and skipped, the others are applied and audited.',
          body: BulkBodySchema,
          response: { 200: BulkResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const principal = request.principal!
        const workspaceId = workspaceOf(request)
        const body = request.body.command
        // The checks that do not depend on the lead answer for the whole request, as the single action does.
        if (body.action === 'assign')
          await checkAssignment(request.db, workspaceId, principal, body.rep, 'body/command/rep')
        if (body.action === 'add_task') checkTaskOwner(principal, body.ownerId, 'body/command/ownerId')
        const bulk: BulkCommand =
          body.action === 'add_task'
            ? {
                kind: 'add_task',
                title: body.title,
                dueAt: new Date(body.dueAt),
                ...(body.ownerId === undefined ? {} : { ownerId: body.ownerId }),
              }
            : { kind: 'decide', command: toCommand(body) }
        const { results, moved } = await applyBulkLeadAction(
          request.db,
          workspaceId,
          request.body.leadIds,
          bulk,
          {
            actor:
              principal.kind === 'user'
                ? { type: 'user', id: principal.userId }
                : { type: 'api_key', id: principal.keyId },
            auditActor: actorOf(principal),
            userId: principal.kind === 'user' ? principal.userId : null,
            visibility: viewerVisibility(principal),
          },
          deps.clock(),
        )
        const applied = results.filter((result) => result.ok).length
        whenAnswered(reply, () => deps.metrics?.countStageMoves(moved))
        // Recycling frees capacity: leads waiting in a team queue may now find a rep.
        if (applied > 0 && bulk.kind === 'decide')
          await routeWaitingMqls(request.db, workspaceId, deps.clock())
        return { applied, failed: results.length - applied, results }
      },
    )
  }
}

type BulkBody = Static<typeof BulkCommandUnion>

function toCommand(body: Exclude<BulkBody, { action: 'add_task' }>): LeadCommand {
  const { action, ...rest } = body
  return { kind: action, ...rest } as LeadCommand
}
