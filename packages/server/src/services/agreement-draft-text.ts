// Reading an agreement draft's text: a draft may be saved before it is valid, so what cannot be
// parsed is kept as text with its errors, and the version still gets a name for lists.
import { parse } from 'yaml'
import { parseAgreement, type AgreementIssue } from '#core/agreement/parse-agreement.ts'
import { textIn } from '#core/agreement/agreement-labels.ts'
import type { StoredAgreement } from '../db/agreement.repository.ts'

export type DraftText = { text: string; format: 'yaml' | 'json' }

// JSON is YAML too: a stored text reads back the same either way, with the same lines.
export const textOf = (stored: StoredAgreement): DraftText => ({ text: stored.source, format: 'yaml' })

/**
 * The text's document when it is valid. An invalid draft keeps only its text (the document column
 * holds {}): what the parser made of it is no agreement, and readers of versions expect one or none.
 */
export function readDraft(input: DraftText): { name: string; document: unknown; errors: AgreementIssue[] } {
  const parsed = parseAgreement(input.text, input.format)
  if (parsed.ok) return { name: textIn(parsed.document.name, 'en'), document: parsed.document, errors: [] }
  return { name: draftName(input.text), document: {}, errors: parsed.errors }
}

// A list needs a name even for a draft that does not parse; the text's own, where it has one.
function draftName(text: string): string {
  let name: unknown
  try {
    const value: unknown = parse(text)
    name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined
    if (typeof name === 'object' && name !== null) name = (name as { en?: unknown }).en
  } catch {
    name = undefined
  }
  // PostgreSQL text cannot hold NUL, which a YAML escape can produce.
  const cleaned = typeof name === 'string' ? name.replaceAll('\u0000', '').trim().slice(0, 200) : ''
  return cleaned === '' ? 'Draft' : cleaned
}
