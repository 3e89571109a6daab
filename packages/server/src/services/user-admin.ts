// The people of a workspace: admins add, change, disable and reset them; everyone changes their own
// password and preferences. The rules live here: a workspace keeps an active admin, a disabled user or
// a new password ends sessions, and a rep's region or absences move their SLA clocks and routing.
import type { Kysely } from 'kysely'
import type { Database, OutOfOffice } from '../db/tables.ts'
import { userAdminRepository, type Role, type UserDetail } from '../db/user.repository.ts'
import { hashPassword, verifyPassword } from '../auth/password.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { DomainError } from '#core/errors.ts'
import { agreementVersionAt } from '#core/lifecycle/replay-lead.ts'
import { audit, type AuditActor } from './audit.ts'
import { loadAgreementVersions } from './agreement-versions.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'
import { projectionContext } from './projection-context.ts'
import { reprojectLeads } from './lead-projection.ts'
import { routeWaitingMqls } from './route-waiting-mqls.ts'

type Locale = 'de' | 'en'
export type NewUser = { email: string; name: string; role: Role; locale?: Locale; password: string }
export type Availability = { region?: string | null; outOfOffice?: OutOfOffice[] }
export type UserChanges = Availability & { name?: string; role?: Role; locale?: Locale; disabled?: boolean }
export type Preferences = Availability & { locale?: Locale }
/** A signed-in person acting on their own account. */
export type Self = { workspaceId: string; userId: string; sessionId: string }

export async function listUsers(db: Kysely<Database>, workspaceId: string): Promise<UserDetail[]> {
  return userAdminRepository.listDetailed(db, workspaceId)
}

export async function addUser(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  { password, ...fields }: NewUser,
): Promise<UserDetail> {
  const passwordHash = await hashPassword(password)
  return inTransaction(db, async (trx) => {
    const id = await userAdminRepository.insertIfNew(trx, workspaceId, { ...fields, passwordHash })
    if (!id) throw new DomainError('USER_EXISTS', `A user with e-mail ${fields.email} exists already.`)
    const user = (await userAdminRepository.find(trx, workspaceId, id))!
    await audit(trx, workspaceId, actor, 'user.create', id, {
      after: { email: user.email, name: user.name, role: user.role },
    })
    return user
  })
}

export async function changeUser(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  userId: string,
  { disabled, ...changes }: UserChanges,
  now: Date,
): Promise<UserDetail> {
  return inTransaction(db, async (trx) => {
    const before = await findUser(trx, workspaceId, userId)
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabled &&
      ((changes.role && changes.role !== 'admin') || disabled === true)
    if (losesAdmin && (await userAdminRepository.countActiveAdmins(trx, workspaceId)) <= 1) {
      throw new DomainError('LAST_ADMIN', 'The workspace needs at least one active admin.')
    }
    await checkAvailability(trx, workspaceId, changes, now)
    await userAdminRepository.update(trx, workspaceId, before.id, {
      ...changes,
      ...(disabled === undefined ? {} : { disabledAt: disabled ? now : null }),
    })
    if (disabled) await userAdminRepository.revokeSessions(trx, workspaceId, before.id, now)
    if (changes.region !== undefined || changes.outOfOffice !== undefined) {
      await availabilityChanged(trx, workspaceId, before.id, now)
    }
    const after = (await userAdminRepository.find(trx, workspaceId, before.id))!
    await audit(trx, workspaceId, actor, 'user.update', before.id, {
      before: { name: before.name, role: before.role, locale: before.locale, disabled: before.disabled },
      after: { name: after.name, role: after.role, locale: after.locale, disabled: after.disabled },
    })
    return after
  })
}

/** An admin sets a new password; every session of that user ends. */
export async function resetPassword(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  userId: string,
  password: string,
  now: Date,
): Promise<void> {
  const passwordHash = await hashPassword(password)
  await inTransaction(db, async (trx) => {
    const user = await findUser(trx, workspaceId, userId)
    await userAdminRepository.setPassword(trx, workspaceId, user.id, passwordHash, now)
    await userAdminRepository.revokeSessions(trx, workspaceId, user.id, now)
    await audit(trx, workspaceId, actor, 'user.password_reset', user.id)
  })
}

/** A person changes their own password; their other sessions end, the current one stays. */
export async function changeOwnPassword(
  db: Kysely<Database>,
  self: Self,
  passwords: { current: string; next: string },
  now: Date,
): Promise<void> {
  const { workspaceId, userId } = self
  const stored = await userAdminRepository.findPasswordHash(db, workspaceId, userId)
  if (!stored || !(await verifyPassword(passwords.current, stored))) {
    throw new DomainError('WRONG_PASSWORD', 'The current password is wrong.')
  }
  const passwordHash = await hashPassword(passwords.next)
  await inTransaction(db, async (trx) => {
    await userAdminRepository.setPassword(trx, workspaceId, userId, passwordHash, now)
    await userAdminRepository.revokeSessions(trx, workspaceId, userId, now, self.sessionId)
    await audit(trx, workspaceId, { type: 'user', id: userId }, 'session.password_change', userId)
  })
}

export async function changePreferences(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  preferences: Preferences,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await checkAvailability(trx, workspaceId, preferences, now)
    await userAdminRepository.update(trx, workspaceId, userId, preferences)
    if (preferences.region !== undefined || preferences.outOfOffice !== undefined) {
      await availabilityChanged(trx, workspaceId, userId, now)
    }
  })
}

async function findUser(db: Kysely<Database>, workspaceId: string, userId: string): Promise<UserDetail> {
  const user = await userAdminRepository.find(db, workspaceId, userId)
  if (!user) throw new DomainError('USER_NOT_FOUND', `No user ${userId}.`)
  return user
}

/** Absences must end after they start; a region must be one the agreement's holiday calendar knows. */
async function checkAvailability(
  db: Kysely<Database>,
  workspaceId: string,
  changes: Availability,
  now: Date,
): Promise<void> {
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
    const detail = problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')
    throw new DomainError('INVALID_AVAILABILITY', detail, { errors: problems })
  }
}

/** A new region moves the rep's SLA deadlines; a changed absence may let waiting leads through. */
async function availabilityChanged(db: Kysely<Database>, workspaceId: string, userId: string, now: Date) {
  const leads = await userAdminRepository.listOwnedMqls(db, workspaceId, userId)
  if (leads.length > 0) {
    const context = await projectionContext(db, workspaceId)
    await reprojectLeads(db, workspaceId, leads, context, now)
  }
  await routeWaitingMqls(db, workspaceId, now)
}
