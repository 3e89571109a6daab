// A labelled form control with its hint and its error right beneath it, both tied to the control for
// screen readers. Also: the field errors of an API problem (`body/url` → `url`).
import { cloneElement, type ReactElement } from 'react'
import { ApiProblem } from '../../api/client.ts'

type Control = ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string
  label: string
  hint?: string
  error?: string | undefined
  children: Control
}) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  )
}

/** One field's problem as the API names it; `code` and `params` where the server gives them. */
export type FieldIssue = { message: string; code?: string; params?: Record<string, string | number> }

/** The fields a 4xx problem names, by path without `body/`, with the server's message and code. */
export function fieldIssues(error: unknown): Record<string, FieldIssue> {
  if (!(error instanceof ApiProblem)) return {}
  return Object.fromEntries(
    (error.errors as Array<FieldIssue & { path: string }>)
      .filter((issue) => issue.path.startsWith('body/'))
      .map(({ path, ...issue }) => [path.slice('body/'.length), issue]),
  )
}

/** The fields a 4xx problem names, by path without `body/`, with the server's message. */
export function fieldProblems(error: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldIssues(error)).map(([field, issue]) => [field, issue.message]),
  )
}

export function isProblem(error: unknown, status: number, code?: string): error is ApiProblem {
  return error instanceof ApiProblem && error.status === status && (code === undefined || error.code === code)
}
