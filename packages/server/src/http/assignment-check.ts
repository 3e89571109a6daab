// Handing leads and tasks to other people is a manager's call: one check each for the single and the
// bulk actions.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { userRepository } from '../db/user.repository.ts'
import type { Principal } from '../auth/principal.ts'
import { HttpProblem } from './problem.ts'

/** Sales managers and admins: they move leads between reps and hand held-back leads to sales. */
export function managesLeads(principal: Principal): boolean {
  return principal.kind === 'user' && (principal.role === 'sales_manager' || principal.role === 'admin')
}

/** Only managers hand leads to another rep, and only to a sales user of the workspace (`path` names it). */
export async function checkAssignment(
  db: Kysely<Database>,
  workspaceId: string,
  principal: Principal,
  repEmail: string,
  path: string,
): Promise<void> {
  if (!managesLeads(principal)) {
    throw new HttpProblem('FORBIDDEN', 'Only sales managers and admins hand leads to other reps.')
  }
  const reps = await userRepository.list(db, workspaceId)
  const rep = reps.find((user) => user.email === repEmail.toLowerCase())
  if (!rep || (rep.role !== 'sales' && rep.role !== 'sales_manager')) {
    throw new HttpProblem('UNKNOWN_REP', `${repEmail} is not a sales user of this workspace.`, {
      errors: [{ path, message: 'is not a sales user of this workspace' }],
    })
  }
}

/** A rep plans their own work; handing a task to someone else is a manager's call (`path` names the owner). */
export function checkTaskOwner(principal: Principal, ownerId: string | undefined, path: string): void {
  if (
    principal.kind === 'user' &&
    principal.role === 'sales' &&
    ownerId !== undefined &&
    ownerId !== principal.userId
  ) {
    throw new HttpProblem(
      'FORBIDDEN',
      'Sales reps give tasks to themselves only; a sales manager can assign them to others.',
      { errors: [{ path, message: 'must be yourself' }] },
    )
  }
}
