// The input fields of the action forms, each labelled, with its error tied to it for screen readers.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateInput } from '../../components/DateInput.tsx'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useLabel, type AgreementDocument } from '../../hooks/use-agreement.ts'

type Document = AgreementDocument
export type DealInput = { amount: string; currency: string; closeDate: string }
const CURRENCIES = ['EUR', 'CHF', 'USD', 'GBP']

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span id={id} className="field-error">
      {error}
    </span>
  ) : null
}

export function ReasonField(props: {
  kind: 'reject' | 'recycle' | 'lose'
  reasons: NonNullable<Document['recycling']>['reasons']
  value: string
  onChange: (value: string) => void
  error: string | undefined
}) {
  const { t } = useTranslation('lead')
  const label = useLabel()
  return (
    <label>
      {t(`form.reasonLabel.${props.kind}`)}
      <select
        autoFocus
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error !== undefined}
        aria-describedby={props.error ? 'reason-error' : undefined}
        required
      >
        <option value="" disabled>
          {t('form.chooseReason')}
        </option>
        {props.reasons.map((reason) => (
          <option key={reason.id} value={reason.id}>
            {label(reason.label, reason.id)}
            {reason.action === 'disqualify'
              ? ` – ${t('form.reasonDisqualifies')}`
              : reason.action === 'data_quality'
                ? ` – ${t('form.reasonDataQuality')}`
                : ''}
          </option>
        ))}
      </select>
      <FieldError id="reason-error" error={props.error} />
    </label>
  )
}

const OTHER = '__other'

/** The agreement's disqualifier reasons, or a reason in the rep's own words. */
export function DisqualifyReasonField(props: {
  disqualifiers: NonNullable<Document['disqualifiers']>
  onChange: (value: string) => void
  error: string | undefined
}) {
  const { t } = useTranslation('lead')
  const label = useLabel()
  const [choice, setChoice] = useState('')
  const [text, setText] = useState('')
  const known = [...new Map(props.disqualifiers.map((item) => [item.reason, item])).values()]
  const describedBy = props.error ? 'reason-error' : undefined
  return (
    <>
      <label>
        {t('form.reasonLabel.disqualify')}
        <select
          autoFocus
          value={choice}
          onChange={(event) => {
            setChoice(event.target.value)
            props.onChange(event.target.value === OTHER ? text : event.target.value)
          }}
          aria-invalid={props.error !== undefined && choice === ''}
          aria-describedby={describedBy}
          required
        >
          <option value="" disabled>
            {t('form.chooseReason')}
          </option>
          {known.map((item) => (
            <option key={item.reason} value={item.reason}>
              {label(item.label, item.reason)}
            </option>
          ))}
          <option value={OTHER}>{t('form.otherReason')}</option>
        </select>
      </label>
      {choice === OTHER && (
        <label>
          {t('form.ownReason')}
          <input
            autoFocus
            type="text"
            maxLength={64}
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              props.onChange(event.target.value)
            }}
            aria-invalid={props.error !== undefined}
            aria-describedby={describedBy}
            required
          />
        </label>
      )}
      <FieldError id="reason-error" error={props.error} />
    </>
  )
}

export function DealFields(props: {
  value: DealInput
  onChange: (value: DealInput) => void
  errors: Partial<Record<'amount' | 'currency' | 'closeDate', string>>
}) {
  const { t } = useTranslation('lead')
  const { value, errors } = props
  const set = (change: Partial<DealInput>) => props.onChange({ ...value, ...change })
  const today = new Date().toISOString().slice(0, 10)
  return (
    <div className="deal-fields">
      <label>
        {t('form.amount')}
        <input
          autoFocus
          type="number"
          inputMode="decimal"
          min={0}
          step={500}
          value={value.amount}
          onChange={(event) => set({ amount: event.target.value })}
          aria-invalid={errors.amount !== undefined}
          aria-describedby={errors.amount ? 'amount-error' : undefined}
          required
        />
        <FieldError id="amount-error" error={errors.amount} />
      </label>
      <label>
        {t('form.currency')}
        <select
          value={value.currency}
          onChange={(event) => set({ currency: event.target.value })}
          aria-invalid={errors.currency !== undefined}
        >
          {CURRENCIES.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </select>
        <FieldError id="currency-error" error={errors.currency} />
      </label>
      <label>
        {t('form.closeDate')}
        <DateInput
          min={today}
          value={value.closeDate}
          onChange={(closeDate) => set({ closeDate })}
          aria-invalid={errors.closeDate !== undefined}
          aria-describedby={errors.closeDate ? 'close-date-error' : undefined}
        />
        <FieldError id="close-date-error" error={errors.closeDate} />
      </label>
    </div>
  )
}

/** The reps by routing team, with their load against capacity and whether they are away. */
export function RepField(props: {
  teams: NonNullable<Document['routing']>['teams']
  owner: string | null
  value: string
  onChange: (value: string) => void
  error: string | undefined
}) {
  const { t } = useTranslation('lead')
  const label = useLabel()
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => unwrap(api.GET('/api/v1/reps')) })
  const all = reps.data?.items ?? []
  const groups = [
    ...props.teams.map((team) => ({
      id: team.id,
      label: label(team.label, team.id),
      reps: all.filter((rep) => rep.teams.includes(team.id)),
    })),
    { id: '', label: t('form.otherReps'), reps: all.filter((rep) => rep.teams.length === 0) },
  ].filter((group) => group.reps.length > 0)
  return (
    <label>
      {t('form.rep')}
      <select
        autoFocus
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error !== undefined}
        aria-describedby={props.error ? 'rep-error' : 'rep-hint'}
        aria-busy={reps.isPending}
        required
      >
        <option value="" disabled>
          {reps.isPending ? t('form.loadingReps') : t('form.chooseRep')}
        </option>
        {groups.map((group) => (
          <optgroup key={group.id} label={group.label}>
            {group.reps.map((rep) => (
              <option key={rep.id} value={rep.email} disabled={rep.email === props.owner}>
                {rep.name} ·{' '}
                {rep.capacity === null
                  ? t('form.repOpen', { open: rep.openLeads })
                  : t('form.repLoad', { open: rep.openLeads, capacity: rep.capacity })}
                {rep.outOfOffice ? ` · ${t('form.away')}` : ''}
                {rep.email === props.owner ? ` (${t('form.currentOwner')})` : ''}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <span id="rep-hint" className="hint">
        {t('form.repHint')}
      </span>
      <FieldError id="rep-error" error={props.error} />
    </label>
  )
}
