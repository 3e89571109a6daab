import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { userAdminRepository, userRepository, type UserDetail } from '../../db/user.repository.ts'
import { hashPassword, verifyPassword } from '../../auth/password.ts'
import { HttpProblem } from '../problem.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf, audit } from '../../services/audit.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { loadAgreementVersions } from '../../services/agreement-versions.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { slaPolicyFor } from '../../services/sla-policies.ts'
import { projectionContext } from '../../services/projection-context.ts'
import { reprojectLeads } from '../../services/lead-projection.ts'
import { routeWaitingMqls } from '../../services/route-waiting-mqls.ts'

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

/** Absences must end after they start; a region must be one the agreement's holiday calendar knows. */
async function checkAvailability(
  db: Kysely<Database>,
  workspaceId: string,
  changes: { region?: string | null; outOfOffice?: Array<{ from: string; until: string }> },
  now: Date,
) {
  const problems: Array<{ path: string; message: string }> = []
  for (const [index, period] of (changes.outOfOffice ?? []).entries()) {
    if (Date.parse(period.until) <= Date.parse(period.from)) {
      problems.push({ path: `body/outOfOffice/${index}/until`, message: 'must be after from' })
    }
  }
  if (changes.region) {
    const versions = await loadAgreementVersions(db, workspaceId)
    const sla = agreementVersionAt(versions, now.getTime()).agreement.document.sla
    try {
      slaPolicyFor(sla, changes.region)
    } catch {
      problems.push({
        path: 'body/region',
        message: `${changes.region} is not a region of the SLA's holiday calendar`,
      })
    }
  }
  if (problems.length > 0) {
    throw new HttpProblem(
      'INVALID_AVAILABILITY',
      problems.map((problem) => `${problem.path} ${problem.message}`).join('; '),
      {
        errors: problems,
      },
    )
  }
}

/** A new region moves the rep's SLA deadlines; a changed absence may let waiting leads through. */
async function availabilityChanged(db: Kysely<Database>, workspaceId: string, userId: string, now: Date) {
  const leads = await db
    .selectFrom('leads')
    .select(['id', 'email', 'account_id'])
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .where('stage', '=', 'mql')
    .execute()
  if (leads.length > 0) {
    const context = await projectionContext(db, workspaceId)
    const identities = leads.map((lead) => ({ id: lead.id, email: lead.email, accountId: lead.account_id }))
    await reprojectLeads(db, workspaceId, identities, context, now)
  }
  await routeWaitingMqls(db, workspaceId, now)
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
      async (request) =>
        (await userAdminRepository.listDetailed(request.db, workspaceOf(request))).map(present),
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
        const workspaceId = workspaceOf(request)
        const { password, ...fields } = request.body
        const existing = (await userRepository.list(request.db, workspaceId)).some(
          (user) => user.email === fields.email.toLowerCase(),
        )
        if (existing)
          throw new HttpProblem('USER_EXISTS', `A user with e-mail ${fields.email} exists already.`)
        const id = await userRepository.insert(request.db, workspaceId, {
          ...fields,
          passwordHash: await hashPassword(password),
        })
        const user = (await userAdminRepository.find(request.db, workspaceId, id))!
        await audit(request.db, workspaceId, actorOf(request.principal), 'user.create', id, {
          after: { email: user.email, name: user.name, role: user.role },
        })
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
        const workspaceId = workspaceOf(request)
        const before = await userAdminRepository.find(request.db, workspaceId, request.params.id)
        if (!before) throw new HttpProblem('USER_NOT_FOUND', `No user ${request.params.id}.`)
        const { disabled, ...changes } = request.body
        const losesAdmin =
          before.role === 'admin' &&
          !before.disabled &&
          ((changes.role && changes.role !== 'admin') || disabled === true)
        if (losesAdmin && (await userAdminRepository.countActiveAdmins(request.db, workspaceId)) <= 1) {
          throw new HttpProblem('LAST_ADMIN', 'The workspace needs at least one active admin.')
        }
        const now = deps.clock()
        await checkAvailability(request.db, workspaceId, changes, now)
        await userAdminRepository.update(request.db, workspaceId, before.id, {
          ...changes,
          ...(disabled === undefined ? {} : { disabledAt: disabled ? now : null }),
        })
        if (disabled) await userAdminRepository.revokeSessions(request.db, workspaceId, before.id, now)
        if (changes.region !== undefined || changes.outOfOffice !== undefined) {
          await availabilityChanged(request.db, workspaceId, before.id, now)
        }
        const after = (await userAdminRepository.find(request.db, workspaceId, before.id))!
        await audit(request.db, workspaceId, actorOf(request.principal), 'user.update', before.id, {
          before: { name: before.name, role: before.role, locale: before.locale, disabled: before.disabled },
          after: { name: after.name, role: after.role, locale: after.locale, disabled: after.disabled },
        })
        return present(after)
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
        const workspaceId = workspaceOf(request)
        const user = await userAdminRepository.find(request.db, workspaceId, request.params.id)
        if (!user) throw new HttpProblem('USER_NOT_FOUND', `No user ${request.params.id}.`)
        const now = deps.clock()
        await userAdminRepository.setPassword(
          request.db,
          workspaceId,
          user.id,
          await hashPassword(request.body.password),
          now,
        )
        await userAdminRepository.revokeSessions(request.db, workspaceId, user.id, now)
        await audit(request.db, workspaceId, actorOf(request.principal), 'user.password_reset', user.id)
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
        const hash = await userAdminRepository.findPasswordHash(
          request.db,
          principal.workspaceId,
          principal.userId,
        )
        if (!hash || !(await verifyPassword(request.body.currentPassword, hash))) {
          throw new HttpProblem('WRONG_PASSWORD', 'The current password is wrong.')
        }
        const now = deps.clock()
        await userAdminRepository.setPassword(
          request.db,
          principal.workspaceId,
          principal.userId,
          await hashPassword(request.body.newPassword),
          now,
        )
        await userAdminRepository.revokeSessions(
          request.db,
          principal.workspaceId,
          principal.userId,
          now,
          principal.sessionId,
        )
        await audit(
          request.db,
          principal.workspaceId,
          actorOf(principal),
          'session.password_change',
          principal.userId,
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
        const now = deps.clock()
        await checkAvailability(request.db, principal.workspaceId, request.body, now)
        await userAdminRepository.update(request.db, principal.workspaceId, principal.userId, request.body)
        if (request.body.region !== undefined || request.body.outOfOffice !== undefined) {
          await availabilityChanged(request.db, principal.workspaceId, principal.userId, now)
        }
        reply.code(204)
        return null
      },
    )
  }
}
