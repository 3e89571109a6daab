// Taking back a decision just made on a lead (the web app's "undo" after accept, reject, assign, …).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { viewerVisibility } from '../lead-filter-query.ts'
import { workspaceOf } from '../authenticate.ts'
import { undoDecision } from '../../services/undo-decision.ts'
import { routeWaitingMqls } from '../../services/route-waiting-mqls.ts'
import { actorOf, audit } from '../../services/audit.ts'
import { UNDO_WINDOW_MS } from '#core/lifecycle/decision-retraction.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'

const Params = Type.Object({
  id: Type.String({ format: 'uuid' }),
  decisionId: Type.String({ format: 'uuid' }),
})

const UndoResultSchema = Type.Object({
  decisionId: Type.String({ format: 'uuid' }),
  /** the command that was taken back */
  undone: Type.String(),
  stage: Type.Enum(LEAD_STAGES),
  transition: Type.Object(
    {
      from_stage: Type.Union([Type.String(), Type.Null()]),
      to_stage: Type.String(),
      at: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
    },
    { additionalProperties: true },
  ),
})

export function leadDecisionsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/leads/:id/decisions/:decisionId/undo',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Leads'],
          summary: 'Undo my latest decision on a lead',
          description:
            `Takes back a decision the caller made (accept, reject, assign, qualify, …) within ` +
            `${UNDO_WINDOW_MS / 1000} s, while it is still the lead's latest: the lead is rebuilt without it ` +
            '(an undone reject is an MQL of the same rep again, with its SLA clock as before) and its stage ' +
            'history no longer lists what it did. The decision itself stays, marked retracted, in the audit ' +
            "log and the lead's privacy export. Refused with 403 for someone else's or a system decision, " +
            '409 when it is no longer the latest, was undone already or is too old.',
          params: Params,
          response: {
            200: UndoResultSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request) => {
        const principal = request.principal!
        const actor =
          principal.kind === 'user'
            ? { type: 'user' as const, id: principal.userId }
            : { type: 'api_key' as const, id: principal.keyId }
        const workspaceId = workspaceOf(request)
        const { id, decisionId } = request.params
        const result = await undoDecision(
          request.db,
          workspaceId,
          id,
          decisionId,
          actor,
          deps.clock(),
          viewerVisibility(principal),
        )
        // An undone accept of a queued lead puts it back in its team queue, where routing may hand it out.
        await routeWaitingMqls(request.db, workspaceId, deps.clock())
        await audit(request.db, workspaceId, actorOf(principal), 'lead.undo', id, {
          before: { stage: result.before.stage, ownerId: result.before.ownerId },
          after: { stage: result.stage, ownerId: result.ownerId, decisionId, undone: result.kind },
        })
        return { decisionId, undone: result.kind, stage: result.stage, transition: result.transition }
      },
    )
  }
}
