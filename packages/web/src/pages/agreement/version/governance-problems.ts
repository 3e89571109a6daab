// What the API refused in a governance step, in the UI language: the side that is missing, the state the
// version is in, who may withdraw. Codes this screen does not know keep the server's sentence.
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../../api/client.ts'

const SIDES = new Set(['marketing', 'sales'])

export function useGovernanceProblem() {
  const { t } = useTranslation('governance')
  const side = (value: unknown) => (typeof value === 'string' && SIDES.has(value) ? t(`side.${value}`) : '')
  const status = (value: unknown) =>
    typeof value === 'string' ? t(`status.${value}`, { defaultValue: value }) : ''

  return (error: unknown): string => {
    if (!(error instanceof ApiProblem)) return t('common:state.unexpected')
    const body = error.body
    switch (error.code) {
      case 'APPROVAL_MISSING': {
        const missing = Array.isArray(body.missing) ? body.missing.map(side).filter(Boolean) : []
        return t('problem.approvalMissing', { sides: missing.join(t('problem.and')) })
      }
      case 'ALREADY_APPROVED':
        return t('problem.alreadyApproved', { side: side(body.side) })
      case 'APPROVAL_NOT_ALLOWED':
        return t('problem.approvalNotAllowed')
      case 'APPROVAL_SIDE_REQUIRED':
        return t('problem.sideRequired')
      case 'WITHDRAW_NOT_ALLOWED':
        return t('problem.withdrawNotAllowed')
      case 'AGREEMENT_FROZEN':
        return t('problem.frozen', { status: status(body.versionStatus) })
      case 'AGREEMENT_STEP_NOT_ALLOWED':
        return t('problem.stepNotAllowed', { status: status(body.versionStatus) })
      case 'AGREEMENT_INVALID':
        return t('problem.invalid')
      case 'COMMENT_REQUIRED':
        return t('problem.commentRequired')
      case 'NO_ACTIVE_AGREEMENT':
        return t('problem.noActive')
    }
    if (error.status === 403) return t('common:state.forbidden')
    if (error.status === 404) return t('common:state.notFound')
    if (error.status === 409) return t('problem.changed')
    return error.message
  }
}
