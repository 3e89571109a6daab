// Checks a draft with the server (the one validator: syntax, schema and semantics) while the user types,
// debounced, and on demand. Only the newest request counts; older ones are cancelled.
import { useCallback, useEffect, useRef, useState } from 'react'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'

type ValidationResult =
  paths['/api/v1/agreement/validate']['post']['responses'][200]['content']['application/json']
/** An issue of a draft: where it is, its code and params (for the UI language) and the English message. */
export type AgreementIssue = ValidationResult['errors'][number]
export type AgreementCheck =
  | { text: string; state: 'checking'; issues: AgreementIssue[] }
  | { text: string; state: 'valid' | 'invalid'; issues: AgreementIssue[] }
  | { text: string; state: 'failed'; issues: AgreementIssue[]; error: unknown }

const TYPING_PAUSE_MS = 600

/** Sends YAML as YAML: the server locates issues by line and column only for text. */
export function validateAgreementText(text: string, signal?: AbortSignal) {
  return unwrap(
    api.POST('/api/v1/agreement/validate', {
      body: text,
      bodySerializer: (body) => body as string,
      headers: { 'Content-Type': 'application/yaml' },
      signal,
    }),
  )
}

export function useAgreementCheck(text: string) {
  const [check, setCheck] = useState<AgreementCheck | undefined>(undefined)
  const inFlight = useRef<AbortController | null>(null)

  const run = useCallback(async (draft: string): Promise<AgreementCheck | undefined> => {
    inFlight.current?.abort()
    const controller = new AbortController()
    inFlight.current = controller
    // Keep the previous issues visible while checking, so the list does not flicker on every keystroke.
    setCheck((previous) => ({ text: draft, state: 'checking', issues: previous?.issues ?? [] }))
    let next: AgreementCheck
    try {
      const result = await validateAgreementText(draft, controller.signal)
      next = { text: draft, state: result.valid ? 'valid' : 'invalid', issues: result.errors }
    } catch (error) {
      if (controller.signal.aborted) return undefined
      next = { text: draft, state: 'failed', issues: [], error }
    }
    if (controller.signal.aborted) return undefined
    setCheck(next)
    return next
  }, [])

  useEffect(() => {
    const timer = setTimeout(() => void run(text), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text, run])

  useEffect(() => () => inFlight.current?.abort(), [])

  // Stale (the text changed since) until the next answer: callers show it as "checking".
  const pending = !check || check.text !== text || check.state === 'checking'
  return { check, pending, run }
}
