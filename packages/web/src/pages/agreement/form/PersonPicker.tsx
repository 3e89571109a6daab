// Choosing a rep: from the workspace's people where the caller may list them, else by e-mail address.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EMAIL } from './FormFields.tsx'
import type { Person } from './use-workspace-people.ts'

/** "Name (e-mail)" for a known person, the e-mail alone otherwise. */
export function personText(email: string, people: readonly Person[] | undefined) {
  const person = people?.find((one) => one.email.toLowerCase() === email.toLowerCase())
  return person ? `${person.name} (${email})` : email
}

/** A person to add: a select of those not yet chosen, or an e-mail field; `onPick` gets the e-mail. */
export function PersonPicker({
  label,
  name,
  buttonText,
  buttonName,
  people,
  exclude,
  onPick,
}: {
  label: string
  name?: string
  buttonText: string
  buttonName?: string
  people: readonly Person[] | undefined
  exclude: readonly string[]
  onPick: (email: string) => void
}) {
  const { t } = useTranslation('agreementForm')
  const [choice, setChoice] = useState('')
  const taken = new Set(exclude.map((email) => email.toLowerCase()))
  const email = choice.trim()
  const valid = EMAIL.test(email) && !taken.has(email.toLowerCase())
  const pick = () => {
    onPick(email)
    setChoice('')
  }
  return (
    <div className="form-fields form-picker">
      {people ? (
        <label className="form-field form-text">
          <span>{label}</span>
          <select aria-label={name} value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value="">{t('routing.choose')}</option>
            {people
              .filter((person) => !taken.has(person.email.toLowerCase()))
              .map((person) => (
                <option key={person.email} value={person.email}>
                  {personText(person.email, people)}
                </option>
              ))}
          </select>
        </label>
      ) : (
        <label className="form-field form-text">
          <span>{`${label}: ${t('routing.email')}`}</span>
          <input
            type="email"
            aria-label={name}
            value={choice}
            autoComplete="off"
            onChange={(event) => setChoice(event.target.value)}
          />
        </label>
      )}
      <button type="button" aria-label={buttonName} disabled={!valid} onClick={pick}>
        {buttonText}
      </button>
    </div>
  )
}
