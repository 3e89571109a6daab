// What went wrong with an action, in words a rep understands: the API's problem codes and the details it
// sends along (missing checklist items, allowed actions, the field that was refused).
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../api/client.ts'
import { useLeadLabels } from './lead-labels.ts'
import type { ChecklistProblem, Stage } from './lead-types.ts'

type Missing = NonNullable<ChecklistProblem['details']['missing']>
type Unknown = NonNullable<ChecklistProblem['details']['unknown']>

export function useProblemText() {
  const { t } = useTranslation('lead')
  const labels = useLeadLabels()

  const checklistGaps = (missing: Missing = [], unknown: Unknown = []) => {
    const list = (items: string[], checklist: string) =>
      items.map((item) => labels.checklistItem(checklist, item)).join(', ')
    return [
      ...unknown.map((gap) =>
        t('problem.unknownItems', {
          checklist: labels.checklist(gap.checklist),
          items: list(gap.items, gap.checklist),
        }),
      ),
      ...missing.map((gap) =>
        t('problem.gap', {
          checklist: labels.checklist(gap.checklist),
          parts: [
            gap.mandatory.length > 0
              ? t('problem.mandatoryMissing', { items: list(gap.mandatory, gap.checklist) })
              : null,
            gap.confirmed < gap.needed
              ? t('problem.tooFew', { confirmed: gap.confirmed, needed: gap.needed })
              : null,
          ]
            .filter(Boolean)
            .join('; '),
        }),
      ),
    ]
  }

  /** The words for a problem code and its details; undefined for a code this screen does not know. */
  const known = (code: string, body: Readonly<Record<string, unknown>>): string | undefined => {
    switch (code) {
      case 'ILLEGAL_TRANSITION':
        return typeof body.stage === 'string'
          ? t('problem.illegalTransition', { stage: labels.stage(body.stage as Stage) })
          : t('problem.changed')
      case 'REASON_REQUIRED':
        return t('problem.reasonRequired')
      case 'UNKNOWN_REASON':
        return t('problem.unknownReason', { reason: String(body.reason ?? '') })
      case 'CHECKLIST_INCOMPLETE':
        return [
          t('problem.checklistIncomplete'),
          ...checklistGaps(body.missing as Missing | undefined, body.unknown as Unknown | undefined),
        ].join(' ')
      case 'DEAL_DETAILS_REQUIRED':
        return t('problem.dealDetails')
      case 'UNKNOWN_REP':
        return t('problem.unknownRep')
      case 'LEAD_ERASED':
        return t('problem.erased')
      case 'NO_ACTIVE_AGREEMENT':
        return t('problem.noAgreement')
    }
    return undefined
  }

  const text = (error: unknown): string => {
    if (!(error instanceof ApiProblem)) return t('common:state.unexpected')
    if (error.code === 'VALIDATION_FAILED')
      return t('problem.validation', {
        fields: error.errors.map((issue) => issue.path.replace(/^(body|querystring)\/?/, '')).join(', '),
      })
    const worded = known(error.code, error.body)
    if (worded !== undefined) return worded
    if (error.status === 403) return t('common:state.forbidden')
    if (error.status === 404) return t('common:state.notFound')
    if (error.status === 409) return t('problem.changed')
    return error.message
  }

  return { text, known, checklistGaps }
}
