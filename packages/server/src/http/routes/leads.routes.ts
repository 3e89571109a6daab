import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import {
  LeadActionResultSchema,
  LeadActionSchema,
  LeadDetailQuerySchema,
  LeadDetailSchema,
  LeadListQuerySchema,
  LeadListSchema,
} from '../schemas/lead.schema.ts'
import { listLeads } from '../../services/list-leads.ts'
import { getLeadDetail } from '../../services/lead-detail.ts'
import { leadFiltersOf, viewerVisibility } from '../lead-filter-query.ts'
import { decideLead } from '../../services/decide-lead.ts'
import { routeWaitingMqls } from '../../services/route-waiting-mqls.ts'
import { workspaceOf } from '../authenticate.ts'
import { HttpProblem } from '../problem.ts'
import { checkAssignment, managesLeads } from '../assignment-check.ts'
import type { Actor, LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import { actorOf, audit } from '../../services/audit.ts'
import { whenAnswered } from '../request-metrics.ts'

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

export function leadsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/leads',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'List leads',
          description:
            'Filter by stage, owner, lane, source, score range, period and text; sorted, with cursor ' +
            'pagination that stays as fast on a deep page as on the first. GET /pipeline counts under the ' +
            'same filters, so its count for a stage equals the total this list pages through.',
          querystring: LeadListQuerySchema,
          // 422: a stage-change bound without its stage, or a reversed period (LEAD_FILTER_INVALID)
          response: { 200: LeadListSchema, ...errors, 422: ProblemSchema },
        },
      },
      async (request) => {
        const { sort, order, limit, cursor, ...filters } = request.query
        return listLeads(request.db, workspaceOf(request), {
          ...leadFiltersOf(filters, request.principal, deps.clock()),
          sort: sort ?? 'engagement',
          order: order ?? 'desc',
          limit: limit ?? 50,
          ...(cursor === undefined ? {} : { cursor }),
        })
      },
    )

    app.get(
      '/leads/:id',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Leads'],
          summary: 'One lead with scores, explanation, stage history and timeline',
          description: 'With `asOf`, the lead is rebuilt from its log exactly as it stood at that instant.',
          params: Params,
          querystring: LeadDetailQuerySchema,
          response: { 200: LeadDetailSchema, ...errors },
        },
      },
      async (request) => {
        const now = deps.clock()
        const at = request.query.asOf ? new Date(request.query.asOf) : now
        if (at > now) {
          throw new HttpProblem('VALIDATION_FAILED', 'querystring/asOf lies in the future.', {
            errors: [{ path: 'querystring/asOf', message: 'must not lie in the future' }],
          })
        }
        return getLeadDetail(
          request.db,
          workspaceOf(request),
          request.params.id,
          at,
          viewerVisibility(request.principal),
        )
      },
    )

    app.post(
      '/leads/:id/actions',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Leads'],
          summary:
            'Move a lead through the lifecycle (accept, reject, qualify, open deal, win, lose, recycle, disqualify), hand it to a rep or update its checklist',
          description:
            'Refused with 409 and the allowed actions when the lead is not in a stage that allows it.',
          params: Params,
          body: LeadActionSchema,
          response: { 200: LeadActionResultSchema, ...errors, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request, reply) => {
        const principal = request.principal!
        const actor: Actor =
          principal.kind === 'user'
            ? { type: 'user', id: principal.userId }
            : { type: 'api_key', id: principal.keyId }
        const workspaceId = workspaceOf(request)
        const command = toCommand(request.body)
        const visibility = viewerVisibility(principal)
        if (command.kind === 'hand_to_sales' && !managesLeads(principal)) {
          throw new HttpProblem('FORBIDDEN', 'Only sales managers and admins hand a held-back lead to sales.')
        }
        if (command.kind === 'assign') {
          await checkAssignment(request.db, workspaceId, principal, command.rep, 'body/rep')
        }
        const { moved, ...result } = await decideLead(
          request.db,
          workspaceId,
          request.params.id,
          command,
          actor,
          deps.clock(),
          visibility,
        )
        whenAnswered(reply, () => deps.metrics?.countStageMoves(moved))
        // A rejection or recycling frees capacity: leads waiting in a team queue may now find a rep.
        await routeWaitingMqls(request.db, workspaceId, deps.clock())
        await audit(request.db, workspaceId, actorOf(principal), `lead.${command.kind}`, request.params.id, {
          after: { stage: result.stage, reason: result.transition.reason },
        })
        return result
      },
    )
  }
}

function toCommand(body: Static<typeof LeadActionSchema>): LeadCommand {
  const { action, ...rest } = body as { action: LeadCommand['kind'] } & Record<string, unknown>
  if (action === 'qualify' || action === 'update_checklist') {
    const { checklist, expectedAmount, note } = rest as {
      checklist: Record<string, string[]>
      expectedAmount?: number
      note?: string
    }
    return {
      kind: action,
      checklist: { confirmed: checklist, ...(expectedAmount === undefined ? {} : { expectedAmount }) },
      ...(note ? { note } : {}),
    }
  }
  return { kind: action, ...rest } as LeadCommand
}
