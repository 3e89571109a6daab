// The form's inputs. A value reaches the draft only once it is allowed (a number within the schema's bounds,
// a text that is not empty), so a half-typed "-" or an emptied required field never breaks the YAML; the
// field keeps what was typed, says it is invalid, and shows the draft's value again when left.
import { useId, useState, type ReactNode } from 'react'
import { isWithin, type NumberLimits } from './agreement-form-limits.ts'

type FieldProps = {
  label: string
  /** the accessible name when the visible label alone is ambiguous (which rule, which team) */
  name?: string
  hint?: ReactNode
  testId?: string
}

export function NumberField({
  label,
  name,
  hint,
  testId,
  value,
  limits,
  optional = false,
  placeholder,
  disabled,
  isAllowed,
  wide = false,
  onCommit,
}: FieldProps & {
  value: number | undefined
  limits: NumberLimits
  /** empty is allowed and commits `undefined` (the key is removed, so the default applies) */
  optional?: boolean
  placeholder?: string
  disabled?: boolean
  /** a further check beyond the bounds (e.g. "from" not above "to") */
  isAllowed?: (value: number) => boolean
  /** a field standing alone on its row, whose label would otherwise wrap */
  wide?: boolean
  onCommit: (value: number | undefined) => void
}) {
  const shownText = value === undefined ? '' : String(value)
  const [text, setText] = useState(shownText)
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    setText(shownText)
  }
  const parsed = text.trim() === '' ? undefined : Number(text)
  const valid = parsed === undefined ? optional : isWithin(parsed, limits) && (isAllowed?.(parsed) ?? true)
  const hintId = useId()
  return (
    <label className={`form-field${wide ? ' form-wide' : ''}${valid ? '' : ' field-invalid'}`}>
      <span>{label}</span>
      <input
        type="number"
        inputMode={limits.integer ? 'numeric' : 'decimal'}
        min={limits.min !== undefined && !limits.exclusiveMin ? limits.min : undefined}
        max={limits.max}
        step={limits.integer ? 1 : 'any'}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        aria-label={name}
        aria-invalid={!valid || undefined}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
        onChange={(event) => {
          const next = event.target.value
          setText(next)
          // Chromium reports a half-typed number ("-", "1e") as empty: that must not clear an optional key.
          if (event.target.validity.badInput) return
          const number = next.trim() === '' ? undefined : Number(next)
          if (number === undefined ? optional : isWithin(number, limits) && (isAllowed?.(number) ?? true))
            onCommit(number)
        }}
        onBlur={() => setText(shownText)}
      />
      {hint && (
        <span id={hintId} className="form-hint">
          {hint}
        </span>
      )}
    </label>
  )
}

export function TextField({
  label,
  name,
  hint,
  testId,
  value,
  optional = false,
  type = 'text',
  parse = (text: string) => text.trim() || undefined,
  onCommit,
}: FieldProps & {
  value: string | undefined
  optional?: boolean
  type?: 'text' | 'email'
  /** the value to write, or undefined when the text is not one */
  parse?: (text: string) => string | undefined
  onCommit: (value: string | undefined) => void
}) {
  const [text, setText] = useState(value ?? '')
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    setText(value ?? '')
  }
  const valid = text.trim() === '' ? optional : parse(text) !== undefined
  const hintId = useId()
  return (
    <label className={valid ? 'form-field form-text' : 'form-field form-text field-invalid'}>
      <span>{label}</span>
      <input
        type={type}
        value={text}
        aria-label={name}
        aria-invalid={!valid || undefined}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
        onChange={(event) => {
          const next = event.target.value
          setText(next)
          if (next.trim() === '') {
            if (optional) onCommit(undefined)
          } else {
            const parsed = parse(next)
            if (parsed !== undefined) onCommit(parsed)
          }
        }}
        onBlur={() => setText(value ?? '')}
      />
      {hint && (
        <span id={hintId} className="form-hint">
          {hint}
        </span>
      )}
    </label>
  )
}

/** A checkbox beside the fields it switches (e.g. "never decays" beside a half-life). */
export function CheckField({
  label,
  name,
  checked,
  onChange,
}: {
  label: string
  name?: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <label className="form-check">
      <input
        type="checkbox"
        checked={checked}
        aria-label={name}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{label}</span>
    </label>
  )
}

/** A section of the form, with a heading the page's contents and screen readers can find. */
export function FormSection({
  id,
  title,
  intro,
  children,
}: {
  id: string
  title: string
  intro?: ReactNode
  children: ReactNode
}) {
  return (
    <section
      className="form-section"
      id={`agreement-form-${id}`}
      aria-labelledby={`agreement-form-${id}-title`}
    >
      <h3 id={`agreement-form-${id}-title`}>{title}</h3>
      {intro && <p className="muted form-intro">{intro}</p>}
      {children}
    </section>
  )
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
