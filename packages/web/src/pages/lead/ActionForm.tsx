// The inputs one action needs: a reason from the agreement, a deal's amount and close date, a rep, a note.
// Checked here first (in the UI's language) so the API's refusals are the exception, not the rule.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { ReasonField, DisqualifyReasonField, DealFields, RepField, type DealInput } from './ActionFields.tsx'
import { HandToSalesReason } from './HandToSalesReason.tsx'
import type { ActionBody, ActionKind, LeadDetail } from './lead-types.ts'

/** The actions that need inputs: accepting needs none, qualifying happens in the checklist. */
// Deals move between deal stages on the deal board (pages/board/DealBoard.tsx), not with a form here.
export type FormKind = Exclude<ActionKind, 'accept' | 'qualify' | 'update_checklist' | 'move_deal'>

type Errors = Partial<Record<'reason' | 'amount' | 'currency' | 'closeDate' | 'rep', string>>

export function ActionForm(props: {
  lead: LeadDetail
  kind: FormKind
  pending: boolean
  onSend: (body: ActionBody) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('lead')
  const agreement = useAgreement()
  const { kind, lead } = props
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const [rep, setRep] = useState('')
  const [deal, setDeal] = useState<DealInput>({
    amount: lead.qualification?.expectedAmount?.toString() ?? '',
    currency: 'EUR',
    closeDate: '',
  })
  const [errors, setErrors] = useState<Errors>({})

  const build = (): { body: ActionBody } | { errors: Errors } => {
    const extra = note.trim() ? { note: note.trim() } : {}
    switch (kind) {
      case 'reject':
      case 'recycle':
      case 'lose':
        return reason
          ? { body: { action: kind, reason, ...extra } }
          : { errors: { reason: t('form.reasonRequired') } }
      case 'disqualify':
      case 'hand_to_sales':
        return reason.trim()
          ? { body: { action: kind, reason: reason.trim(), ...extra } }
          : { errors: { reason: t('form.enterReason') } }
      case 'open_deal': {
        const amount = Number(deal.amount)
        const found: Errors = {}
        if (deal.amount.trim() === '' || !(amount >= 0)) found.amount = t('form.amountInvalid')
        if (!/^[A-Z]{3}$/.test(deal.currency)) found.currency = t('form.currencyInvalid')
        if (!/^\d{4}-\d{2}-\d{2}$/.test(deal.closeDate)) found.closeDate = t('form.closeDateInvalid')
        if (Object.keys(found).length > 0) return { errors: found }
        return {
          body: {
            action: kind,
            amount,
            currency: deal.currency,
            expectedCloseDate: deal.closeDate,
            ...extra,
          },
        }
      }
      case 'assign':
        return rep ? { body: { action: kind, rep, ...extra } } : { errors: { rep: t('form.repRequired') } }
      case 'win':
        return { body: { action: kind, ...extra } }
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const built = build()
    if ('errors' in built) return setErrors(built.errors)
    setErrors({})
    props.onSend(built.body)
  }

  const reasons = agreement.data?.document.recycling?.reasons ?? []
  return (
    <form
      id="action-form"
      className="action-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="action-form-title"
    >
      <h3 id="action-form-title">{t(`form.title.${kind}`)}</h3>
      <p className="muted">{t(`form.explain.${kind}`)}</p>
      {(kind === 'reject' || kind === 'recycle' || kind === 'lose') && (
        <ReasonField
          kind={kind}
          reasons={reasons}
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
      )}
      {kind === 'disqualify' && (
        <DisqualifyReasonField
          disqualifiers={agreement.data?.document.disqualifiers ?? []}
          onChange={setReason}
          error={errors.reason}
        />
      )}
      {kind === 'open_deal' && <DealFields value={deal} onChange={setDeal} errors={errors} />}
      {kind === 'hand_to_sales' && (
        <HandToSalesReason value={reason} onChange={setReason} error={errors.reason} />
      )}
      {kind === 'assign' && (
        <RepField
          teams={agreement.data?.document.routing?.teams ?? []}
          owner={lead.owner?.email ?? null}
          value={rep}
          onChange={setRep}
          error={errors.rep}
        />
      )}
      <label>
        {t('form.note')}
        <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <div className="form-buttons">
        <button
          type="submit"
          className={
            kind === 'reject' || kind === 'recycle' || kind === 'lose' || kind === 'disqualify'
              ? 'danger'
              : 'primary'
          }
          disabled={props.pending}
        >
          {props.pending ? t('form.sending') : t(`form.submit.${kind}`)}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  )
}
