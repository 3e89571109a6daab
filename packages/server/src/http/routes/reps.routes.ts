// The sales reps as routing sees them: teams, open leads against capacity, absence. For managers
// choosing whom to hand a lead to, for marketing staffing teams and capacity in an agreement draft,
// and for anyone who wants to know who is away.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { projectionContext } from '../../services/projection-context.ts'
import { isOutOfOffice, loadRoutingState } from '../../services/routing-state.ts'
import { userRepository } from '../../db/user.repository.ts'

const RepSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  teams: Type.Array(Type.String()),
  openLeads: Type.Integer({ description: 'open MQL and SAL leads' }),
  capacity: Type.Union([Type.Integer(), Type.Null()], {
    description: 'null when the agreement sets no limit',
  }),
  outOfOffice: Type.Boolean({ description: 'away right now' }),
  region: Type.Union([Type.String(), Type.Null()]),
})

export function repsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/reps',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Hand-off'],
          summary: 'Sales reps with their teams, open leads against capacity and absence',
          response: {
            200: Type.Object({ items: Type.Array(RepSchema) }),
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const now = deps.clock()
        const context = await projectionContext(request.db, workspaceId)
        const [users, routing] = await Promise.all([
          userRepository.list(request.db, workspaceId),
          loadRoutingState(request.db, workspaceId, context.versions, now),
        ])
        const capacity = routing?.routing.maxOpenLeadsPerRep
        const items = users
          .filter((user) => user.role === 'sales' || user.role === 'sales_manager')
          .map((user) => ({
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            teams:
              routing?.routing.teams
                .filter((team) => team.members.includes(user.email))
                .map((team) => team.id) ?? [],
            openLeads: routing?.reps.get(user.email)?.openLeads ?? 0,
            capacity: capacity === undefined || capacity === Infinity ? null : capacity,
            outOfOffice: isOutOfOffice(user, now.getTime()),
            region: user.region,
          }))
        return { items }
      },
    )
  }
}
