/** One problem in an agreement, located by JSON pointer and, for parsed text, by 1-based line and column. */
export type AgreementIssue = { path: string; message: string; line?: number; column?: number }

/** Builds a JSON pointer (RFC 6901) from path segments: `pointer('fit', 'rules', 3)` → `/fit/rules/3`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((segment) => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('')
}

/** Splits a JSON pointer back into its unescaped segments. */
export function pointerSegments(path: string): string[] {
  if (path === '') return []
  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** Quotes a user's value for a message, shortened so a pasted paragraph does not flood the editor. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `'${text.length > 60 ? text.slice(0, 57) + '…' : text}'`
}

/** Lists values for a message: a, b or c. */
export function listOf(values: readonly string[], conjunction = 'or'): string {
  if (values.length <= 1) return values.join('')
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values.at(-1)}`
}
