// The way in for agreement text (the editor, the CLI, API bodies): syntax, then schema, then the
// semantic checks, each reporting every issue it finds with the path and, for text, the line.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import type { AgreementDocument } from './agreement-document.ts'
import { issue, pointerSegments, type AgreementIssue } from './agreement-issue.ts'
import { agreementSchemaValidator } from './agreement-json-schema.ts'
import { issuesForSchemaErrors } from './agreement-schema-issues.ts'
import { checkAgreementSemantics } from './agreement-semantics.ts'

export type { AgreementIssue, AgreementIssueCode, IssueParams } from './agreement-issue.ts'
export { AGREEMENT_ISSUE_CODES } from './agreement-issue-codes.ts'
export { agreementJsonSchema } from './agreement-json-schema.ts'

export type AgreementParseResult =
  { ok: true; document: AgreementDocument } | { ok: false; errors: AgreementIssue[] }

/**
 * Parses agreement text (YAML, or JSON, which is YAML too) and validates it; issues carry 1-based lines.
 * With `format: 'json'` the text must also be strict JSON.
 * @example parseAgreement('name: Demo\n…').ok
 */
export function parseAgreement(text: string, format: 'yaml' | 'json' = 'yaml'): AgreementParseResult {
  const lineCounter = new LineCounter()
  const source = parseDocument(text, { lineCounter, prettyErrors: true })
  const syntaxIssues = source.errors.map((error) => ({
    ...issue('', format === 'json' ? 'json_syntax' : 'yaml_syntax', { detail: firstLine(error.message) }),
    ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}),
  }))
  if (syntaxIssues.length === 0 && format === 'json') syntaxIssues.push(...strictJsonIssues(text))
  if (syntaxIssues.length > 0) return { ok: false, errors: syntaxIssues }

  let value: unknown
  try {
    value = source.toJS()
  } catch (error) {
    // Unresolved or excessive aliases (*name) only surface when the document is materialised.
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, errors: [issue('', 'yaml_error', { detail })] }
  }
  const result = validateAgreement(value)
  if (result.ok) return result
  const located = result.errors.map((issue) => ({ ...issue, ...locate(source, lineCounter, issue.path) }))
  return { ok: false, errors: located.sort((a, b) => a.line - b.line || a.column - b.column) }
}

/**
 * Validates an already-parsed agreement (e.g. a JSON API body): schema, then semantic checks. Issues have no lines.
 * @example validateAgreement(JSON.parse(body))
 */
export function validateAgreement(value: unknown): AgreementParseResult {
  const validate = agreementSchemaValidator()
  if (!validate(value)) return { ok: false, errors: issuesForSchemaErrors(validate.errors ?? []) }
  const issues = checkAgreementSemantics(value)
  return issues.length > 0 ? { ok: false, errors: issues } : { ok: true, document: value }
}

// The YAML parser accepts JSON's near misses (trailing commas, comments, single quotes);
// a caller that said JSON gets JSON's verdict.
function strictJsonIssues(text: string): AgreementIssue[] {
  try {
    JSON.parse(text)
    return []
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /\(line (\d+) column (\d+)\)/.exec(message)
    const location = position ? { line: Number(position[1]), column: Number(position[2]) } : {}
    return [
      {
        ...issue('', 'json_syntax', { detail: message.replace(/ in JSON at position.*$/, '') }),
        ...location,
      },
    ]
  }
}

// Finds the deepest node on the pointer's way: the key of a mapping entry (so the line names the property),
// the item of a list, or the nearest existing parent when the path names something missing.
function locate(source: Document, lineCounter: LineCounter, path: string): { line: number; column: number } {
  let node: unknown = source.contents
  let offset = source.contents?.range?.[0] ?? 0
  for (const segment of pointerSegments(path)) {
    let next: { at: Node; value: unknown } | undefined
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
      )
      if (pair && isScalar(pair.key)) next = { at: pair.key, value: pair.value }
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)]
      if (isNode(item)) next = { at: item, value: item }
    }
    if (!next) break
    offset = next.at.range?.[0] ?? offset
    node = next.value
  }
  const { line, col } = lineCounter.linePos(offset)
  return { line, column: col }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}
