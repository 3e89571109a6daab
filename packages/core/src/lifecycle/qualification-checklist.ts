// Sales qualification evidence (BANT, MEDDICC, CHAMP or custom) and whether it satisfies the agreement.
import type { AgreementDocument } from '../agreement/agreement-document.ts'
import { checklistItemIds } from '../agreement/checklist-frameworks.ts'
import { DomainError } from '../errors.ts'

/** What the rep confirmed, per checklist id; `expectedAmount` decides which checklists apply. */
export type ChecklistEvidence = {
  confirmed: Readonly<Record<string, readonly string[]>>
  expectedAmount?: number
}

type Checklist = NonNullable<AgreementDocument['sql']>['checklists'][number]

export function applicableChecklists(
  checklists: readonly Checklist[],
  expectedAmount: number | undefined,
): Checklist[] {
  return checklists.filter((checklist) => {
    const threshold = checklist.appliesWhen?.dealAmountAbove
    return threshold === undefined || (expectedAmount !== undefined && expectedAmount > threshold)
  })
}

/** Returns the first unmet requirement as an error naming every missing item, or undefined when satisfied. */
export function checkChecklist(
  checklists: readonly Checklist[],
  evidence: ChecklistEvidence,
): DomainError | undefined {
  const missing: Array<{ checklist: string; mandatory: string[]; confirmed: number; needed: number }> = []
  const unknown: Array<{ checklist: string; items: string[] }> = []
  for (const [checklistId, items] of Object.entries(evidence.confirmed)) {
    const checklist = checklists.find((candidate) => candidate.id === checklistId)
    const known = checklist ? checklistItemIds(checklist) : []
    const strange = items.filter((item) => !known.includes(item))
    if (!checklist || strange.length > 0)
      unknown.push({ checklist: checklistId, items: checklist ? strange : [...items] })
  }
  if (unknown.length > 0) {
    return new DomainError('CHECKLIST_INCOMPLETE', 'The checklist names items the agreement does not know.', {
      unknown,
    })
  }
  for (const checklist of applicableChecklists(checklists, evidence.expectedAmount)) {
    const confirmed = new Set(evidence.confirmed[checklist.id] ?? [])
    const mandatory = (checklist.mandatory ?? []).filter((item) => !confirmed.has(item))
    const needed = checklist.minConfirmed ?? 0
    if (mandatory.length > 0 || confirmed.size < needed) {
      missing.push({ checklist: checklist.id, mandatory, confirmed: confirmed.size, needed })
    }
  }
  if (missing.length === 0) return undefined
  const words = missing.map(
    (gap) =>
      `${gap.checklist}: ${gap.mandatory.length > 0 ? `missing ${gap.mandatory.join(', ')}; ` : ''}${gap.confirmed} of ${gap.needed} confirmed`,
  )
  return new DomainError(
    'CHECKLIST_INCOMPLETE',
    `The qualification checklist is not complete (${words.join('; ')}).`,
    {
      missing,
    },
  )
}
