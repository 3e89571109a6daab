import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import type { UserDetail } from '../../db/user.repository.ts'
import { HttpProblem } from '../problem.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf } from '../../services/audit.ts'
import {
  addUser,
  changeOwnPassword,
  changePreferences,
  changeUser,
  listUsers,
  resetPassword,
} from '../../services/user-admin.ts'

const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('marketing'),
  Type.Literal('sales'),
  Type.Literal('sales_manager'),
])
const Locale = Type.Union([Type.Literal('de'), Type.Literal('en')])
// Long passphrases beat composition rules (NIST SP 800-63B).
const Password = Type.String({ minLength: 12, maxLength: 200, description: 'at least 12 characters' })
const Region = Type.Union([
  Type.String({
    pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$',
    description: 'state whose public holidays the SLA clock skips, e.g. BY or NW',
  }),
  Type.Null(),
])
const OutOfOffice = Type.Array(
  Type.Object(
    {
      from: Type.String({ format: 'date-time' }),
      until: Type.String({ format: 'date-time', description: 'exclusive' }),
      note: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  { maxItems: 50, description: 'absences: routing gives the rep no new leads from `from` until `until`' },
)
const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  locale: Locale,
  region: Region,
  outOfOffice: OutOfOffice,
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  passwordChangedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

function present(user: UserDetail) {
  return {
    ...user,
    createdAt: user.createdAt.toISOString(),
    passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
  }
}

export function usersRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Users'],
          summary: 'Users of the workspace',
          response: { 200: Type.Array(UserSchema), ...errors },
        },
      },
      async (request) => (await listUsers(request.db, workspaceOf(request))).map(present),
    )

    app.post(
      '/users',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Users'],
          summary: 'Add a user with a role and an initial password',
          body: Type.Object(
            {
              email: Type.String({ format: 'email', maxLength: 254 }),
              name: Type.String({ minLength: 1, maxLength: 200 }),
              role: Role,
              locale: Type.Optional(Locale),
              password: Password,
            },
            { additionalProperties: false },
          ),
          response: { 201: UserSchema, ...errors, 409: ProblemSchema },
        },
      },
      async (request, reply) => {
        const user = await addUser(request.db, workspaceOf(request), actorOf(request.principal), request.body)
        reply.code(201)
        return present(user)
      },
    )

    app.patch(
      '/users/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Users'],
          summary: 'Change a user’s name, role, language, region or absences, or disable them',
          params: Params,
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              role: Type.Optional(Role),
              locale: Type.Optional(Locale),
              disabled: Type.Optional(Type.Boolean()),
              region: Type.Optional(Region),
              outOfOffice: Type.Optional(OutOfOffice),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: UserSchema, ...errors, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request) => {
        const user = await changeUser(
          request.db,
          workspaceOf(request),
          actorOf(request.principal),
          request.params.id,
          request.body,
          deps.clock(),
        )
        return present(user)
      },
    )

    app.put(
      '/users/:id/password',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Users'],
          summary: 'Reset a user’s password (an admin does it); ends all of that user’s sessions',
          params: Params,
          body: Type.Object({ password: Password }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await resetPassword(
          request.db,
          workspaceOf(request),
          actorOf(request.principal),
          request.params.id,
          request.body.password,
          deps.clock(),
        )
        reply.code(204)
        return null
      },
    )

    app.put(
      '/session/password',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['Session'],
          summary: 'Change my own password; my other sessions end',
          body: Type.Object(
            { currentPassword: Type.String({ minLength: 1, maxLength: 1000 }), newPassword: Password },
            { additionalProperties: false },
          ),
          response: { 204: Type.Null(), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (request, reply) => {
        const principal = request.principal!
        if (principal.kind !== 'user')
          throw new HttpProblem('FORBIDDEN', 'Only a signed-in person has a password.')
        await changeOwnPassword(
          request.db,
          principal,
          { current: request.body.currentPassword, next: request.body.newPassword },
          deps.clock(),
        )
        reply.code(204)
        return null
      },
    )

    app.patch(
      '/session',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Session'],
          summary: 'Change my preferences: language, region, absences (out of office)',
          body: Type.Object(
            {
              locale: Type.Optional(Locale),
              region: Type.Optional(Region),
              outOfOffice: Type.Optional(OutOfOffice),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: {
            204: Type.Null(),
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const principal = request.principal!
        if (principal.kind !== 'user')
          throw new HttpProblem('FORBIDDEN', 'Only a signed-in person has preferences.')
        // Unknown keys are stripped by validation, so a body of only unknown keys arrives empty.
        if (Object.keys(request.body).length === 0) {
          throw new HttpProblem('NOTHING_TO_CHANGE', 'Name at least one of locale, region, outOfOffice.', {
            errors: [{ path: 'body', message: 'names no preference to change' }],
          })
        }
        await changePreferences(
          request.db,
          principal.workspaceId,
          principal.userId,
          request.body,
          deps.clock(),
        )
        reply.code(204)
        return null
      },
    )
  }
}
