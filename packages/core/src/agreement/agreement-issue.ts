import {
  englishMessage,
  type AgreementIssueCode,
  type IssueParams,
  type IssueParamsOf,
} from './agreement-issue-codes.ts'

export type { AgreementIssueCode, IssueParams } from './agreement-issue-codes.ts'

/**
 * One problem in an agreement, located by JSON pointer and, for parsed text, by 1-based line and column.
 * `code` and `params` let clients word it in their language; `message` is the English wording of both.
 */
export type AgreementIssue = {
  path: string
  message: string
  code: AgreementIssueCode
  params: IssueParams
  line?: number
  column?: number
}

/**
 * An issue at `path`, its English message derived from the code's params.
 * @example issue('/fit/rules/3/id', 'duplicate_id', { id: 'size_core', noun: 'fit_rule' }).message
 * // "duplicate id 'size_core': another fit rule already uses it"
 */
export function issue<C extends AgreementIssueCode>(
  path: string,
  code: C,
  params: IssueParamsOf<C>,
): AgreementIssue {
  return { path, message: englishMessage(code, params), code, params }
}

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
