// What sales does with a lead besides moving it: activities (calls, e-mails, meetings, notes) and
// follow-up tasks, plus the signed-in rep's "My work" overview.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { FastifyRequest } from 'fastify'
import type { AppDeps } from '../app-deps.ts'
import { DateTime, Nullable, ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { HttpProblem } from '../problem.ts'
import { viewerVisibility } from '../lead-filter-query.ts'
import { checkTaskOwner } from '../assignment-check.ts'
import { actorOf } from '../../services/audit.ts'
import { ACTIVITY_KINDS, CALL_OUTCOMES, listActivities, logActivity } from '../../services/log-activity.ts'
import { createTask, taskView, updateTask, type Worker } from '../../services/lead-tasks.ts'
import { taskRepository } from '../../db/task.repository.ts'
import { undoActivity } from '../../services/undo-activity.ts'
import { findWorkableLead } from '../../services/lead-visibility.ts'
import { myWork } from '../../services/my-work.ts'
import type { Actor } from '#core/lifecycle/lead-lifecycle.ts'
import { LEAD_STAGES } from '#core/lifecycle/lead-stage.ts'

const Params = Type.Object({ id: Uuid })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }
// Whoever logs an activity on a call may have made it a while ago; a time in the future is a typo.
const FUTURE_SLACK_MS = 5 * 60_000

const TaskTitle = Type.String({ minLength: 1, maxLength: 300 })
const NewTaskFields = {
  title: TaskTitle,
  dueAt: DateTime,
  ownerId: Type.Optional(
    Type.String({ format: 'uuid', description: 'a sales user; the caller when left out' }),
  ),
}

const ActivitySchema = Type.Object({
  id: Uuid,
  leadId: Uuid,
  kind: Type.Enum(ACTIVITY_KINDS),
  outcome: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  body: Nullable(Type.String()),
  durationMinutes: Nullable(Type.Integer()),
  occurredAt: DateTime,
  author: Nullable(Type.Object({ id: Uuid, name: Nullable(Type.String()) })),
  createdAt: DateTime,
  erased: Type.Boolean({ description: 'the lead was erased: kind and time stay, the texts are gone' }),
})

const TaskSchema = Type.Object({
  id: Uuid,
  leadId: Uuid,
  lead: Type.Object({
    name: Nullable(Type.String()),
    email: Type.String(),
    companyName: Nullable(Type.String()),
    stage: Type.Enum(LEAD_STAGES),
  }),
  title: Type.String(),
  dueAt: DateTime,
  overdue: Type.Boolean(),
  owner: Type.Object({ id: Uuid, name: Nullable(Type.String()) }),
  createdBy: Nullable(Uuid),
  createdAt: DateTime,
  doneAt: Nullable(DateTime),
  doneBy: Nullable(Uuid),
})

const MyWorkItemSchema = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  email: Type.String(),
  companyName: Nullable(Type.String()),
  stage: Type.Enum(LEAD_STAGES),
  stageEnteredAt: DateTime,
  ageDays: Type.Integer({ description: 'whole days in the current stage' }),
  fit: Type.Integer(),
  engagement: Type.Integer(),
  lastWorkedAt: DateTime,
  stale: Type.Boolean({
    description: 'no activity, decision or stage change for the agreement’s stale period',
  }),
  nextTask: Nullable(
    Type.Object({ id: Uuid, title: Type.String(), dueAt: DateTime, overdue: Type.Boolean() }),
  ),
  deal: Nullable(
    Type.Object({ amount: Type.Number(), currency: Type.String(), expectedCloseDate: Type.String() }),
  ),
  reason: Nullable(Type.String({ description: 'why the rep sent it back (recycled by me)' })),
})

function workerOf(request: FastifyRequest): Worker & { actor: Actor } {
  const principal = request.principal!
  return {
    auditActor: actorOf(principal),
    actor:
      principal.kind === 'user'
        ? { type: 'user', id: principal.userId }
        : { type: 'api_key', id: principal.keyId },
    userId: principal.kind === 'user' ? principal.userId : null,
    visibility: viewerVisibility(principal),
  }
}

function instant(value: string, path: string, now: Date, options: { notInFuture?: boolean } = {}) {
  const at = new Date(value)
  if (options.notInFuture && at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    throw new HttpProblem('VALIDATION_FAILED', 'An activity cannot have happened in the future.', {
      errors: [{ path, message: 'must not lie in the future' }],
    })
  }
  return at
}

export function leadWorkRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/leads/:id/activities',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Activities'],
          summary: 'The calls, e-mails, meetings and notes logged on a lead, newest first',
          params: Params,
          response: {
            200: Type.Object({ items: Type.Array(ActivitySchema) }),
            ...errors,
            410: ProblemSchema,
          },
        },
      },
      async (request) => ({
        items: await listActivities(request.db, workspaceOf(request), request.params.id, workerOf(request)),
      }),
    )

    app.post(
      '/leads/:id/activities',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Activities'],
          summary: 'Log a call, e-mail, meeting or note on a lead, optionally with a follow-up task',
          description:
            'The first call, e-mail or meeting on an MQL handed to a rep answers its SLA (answeredSla); a note does not.',
          params: Params,
          body: Type.Object(
            {
              kind: Type.Enum(ACTIVITY_KINDS),
              outcome: Type.Optional(Type.Enum(CALL_OUTCOMES, { description: 'calls only' })),
              subject: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
              body: Type.Optional(Type.String({ maxLength: 10_000 })),
              durationMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
              occurredAt: Type.Optional(DateTime),
              followUp: Type.Optional(Type.Object(NewTaskFields, { additionalProperties: false })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              activity: ActivitySchema,
              answeredSla: Type.Boolean(),
              task: Nullable(TaskSchema),
            }),
            ...errors,
            409: ProblemSchema,
            410: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const now = deps.clock()
        const { followUp, occurredAt, ...body } = request.body
        if (body.outcome !== undefined && body.kind !== 'call') {
          throw new HttpProblem('VALIDATION_FAILED', 'Only a call has an outcome.', {
            errors: [{ path: 'body/outcome', message: 'is only given for kind call' }],
          })
        }
        checkTaskOwner(request.principal!, followUp?.ownerId, 'body/followUp/ownerId')
        const result = await logActivity(
          request.db,
          workspaceOf(request),
          request.params.id,
          {
            ...body,
            ...(occurredAt === undefined
              ? {}
              : { occurredAt: instant(occurredAt, 'body/occurredAt', now, { notInFuture: true }) }),
            ...(followUp === undefined
              ? {}
              : { followUp: { ...followUp, dueAt: instant(followUp.dueAt, 'body/followUp/dueAt', now) } }),
          },
          workerOf(request),
          now,
        )
        reply.code(201)
        return result
      },
    )

    app.post(
      '/leads/:id/activities/:activityId/undo',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Activities'],
          summary: 'Take back an activity I just logged',
          description:
            'Its author removes it within 60 s (the web app offers "undo" for 10 s); the SLA answer it ' +
            'recorded is taken back with it, unless a later decision on the lead came since (409). The ' +
            'audit log records lead.activity_undone.',
          params: Type.Object({ id: Uuid, activityId: Uuid }),
          response: {
            200: Type.Object({
              activityId: Uuid,
              undone: Type.Enum(ACTIVITY_KINDS),
              stage: Type.Enum(LEAD_STAGES),
            }),
            ...errors,
            409: ProblemSchema,
            410: ProblemSchema,
          },
        },
      },
      async (request) => {
        const worker = workerOf(request)
        if (worker.actor.type === 'system') throw new HttpProblem('FORBIDDEN', 'Only people and keys undo.')
        return undoActivity(
          request.db,
          workspaceOf(request),
          request.params.id,
          request.params.activityId,
          { ...worker, actor: worker.actor },
          deps.clock(),
        )
      },
    )

    app.get(
      '/tasks',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Tasks'],
          summary: 'Tasks, open ones soonest due first',
          description: 'A sales rep sees the tasks they own; others may filter by owner or see all.',
          querystring: Type.Object(
            {
              owner: Type.Optional(
                Type.Union([Type.Literal('me'), Type.Literal('all'), Type.String({ format: 'uuid' })]),
              ),
              leadId: Type.Optional(Uuid),
              status: Type.Optional(Type.Enum(['open', 'done', 'all'], { default: 'open' })),
              dueBefore: Type.Optional(DateTime),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(TaskSchema) }), ...errors },
        },
      },
      async (request) => {
        const principal = request.principal!
        const me = principal.kind === 'user' ? principal.userId : undefined
        const query = request.query
        const owner = query.owner ?? (me && !query.leadId ? 'me' : 'all')
        if (owner === 'me' && !me) {
          throw new HttpProblem(
            'BAD_REQUEST',
            'An API key has no tasks of its own; give owner=all or a user id.',
            {
              errors: [{ path: 'querystring/owner', message: 'me needs a signed-in person' }],
            },
          )
        }
        const ownerId = owner === 'me' ? me : owner === 'all' ? undefined : owner
        // A rep's view of the workspace is their own leads: their own tasks, and every task on a lead they see.
        const visibility = viewerVisibility(principal)
        if (query.leadId && visibility.ownLeadsOf) {
          await findWorkableLead(request.db, workspaceOf(request), query.leadId, visibility).catch(() => {
            throw new HttpProblem('NOT_FOUND', `No lead ${query.leadId} in this workspace.`, {
              errors: [{ path: 'querystring/leadId', message: 'is no lead you can see' }],
            })
          })
        } else if (principal.kind === 'user' && principal.role === 'sales' && ownerId !== me) {
          throw new HttpProblem('FORBIDDEN', 'Sales reps see their own tasks.', {
            errors: [{ path: 'querystring/owner', message: 'must be me' }],
          })
        }
        const now = deps.clock()
        const tasks = await taskRepository.list(request.db, workspaceOf(request), {
          ...(ownerId ? { ownerId } : {}),
          ...(query.leadId ? { leadId: query.leadId } : {}),
          ...(query.dueBefore ? { dueBefore: new Date(query.dueBefore) } : {}),
          status: query.status ?? 'open',
          limit: query.limit ?? 100,
        })
        return { items: tasks.map((task) => taskView(task, now)) }
      },
    )

    app.post(
      '/tasks',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Tasks'],
          summary: 'Create a follow-up task on a lead',
          body: Type.Object({ leadId: Uuid, ...NewTaskFields }, { additionalProperties: false }),
          response: { 201: TaskSchema, ...errors, 410: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request, reply) => {
        const now = deps.clock()
        checkTaskOwner(request.principal!, request.body.ownerId, 'body/ownerId')
        const task = await createTask(
          request.db,
          workspaceOf(request),
          { ...request.body, dueAt: instant(request.body.dueAt, 'body/dueAt', now) },
          workerOf(request),
          now,
        )
        reply.code(201)
        return task
      },
    )

    app.patch(
      '/tasks/:id',
      {
        config: { access: 'work' },
        schema: {
          tags: ['Tasks'],
          summary: 'Complete, reopen, rename, reschedule or hand over a task',
          params: Params,
          body: Type.Object(
            {
              done: Type.Optional(Type.Boolean()),
              title: Type.Optional(TaskTitle),
              dueAt: Type.Optional(DateTime),
              ownerId: Type.Optional(Uuid),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: TaskSchema, ...errors, 422: ProblemSchema },
        },
      },
      async (request) => {
        const now = deps.clock()
        const { dueAt, ...changes } = request.body
        checkTaskOwner(request.principal!, changes.ownerId, 'body/ownerId')
        return updateTask(
          request.db,
          workspaceOf(request),
          request.params.id,
          { ...changes, ...(dueAt === undefined ? {} : { dueAt: instant(dueAt, 'body/dueAt', now) }) },
          workerOf(request),
          now,
        )
      },
    )

    app.get(
      '/my-work',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Activities'],
          summary:
            'The signed-in person’s leads by stage, with next task and stale flags, and their open tasks',
          response: {
            200: Type.Object({
              sections: Type.Object({
                waiting: Type.Array(MyWorkItemSchema, {
                  description: 'MQLs handed to me, awaiting accept or reject',
                }),
                qualifying: Type.Array(MyWorkItemSchema, { description: 'SALs: accepted, being qualified' }),
                sql: Type.Array(MyWorkItemSchema),
                deals: Type.Array(MyWorkItemSchema, { description: 'open opportunities' }),
                recycled: Type.Array(MyWorkItemSchema, {
                  description: 'sent back to marketing by me in the last 90 days',
                }),
              }),
              tasks: Type.Array(TaskSchema, { description: 'my open tasks, soonest due first' }),
              counts: Type.Object({
                waiting: Type.Integer(),
                qualifying: Type.Integer(),
                sql: Type.Integer(),
                deals: Type.Integer(),
                recycled: Type.Integer(),
                stale: Type.Integer(),
                tasksDue: Type.Integer({ description: 'open tasks due today or overdue' }),
                attention: Type.Integer({ description: 'waiting + stale + tasksDue: the navigation badge' }),
              }),
              staleAfterBusinessDays: Type.Integer(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const principal = request.principal!
        if (principal.kind !== 'user')
          throw new HttpProblem('FORBIDDEN', 'My work belongs to a signed-in person.')
        return myWork(request.db, workspaceOf(request), principal.userId, deps.clock())
      },
    )
  }
}
