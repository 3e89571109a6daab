// The form's edits of the draft text. The yaml Document API says what the result must mean; the text is
// spliced where the change is (yaml-splice.ts) so comments, order and layout stay as people wrote them, and
// that splice is kept only if it reads back exactly as the Document API's result, else that result is used.
import { parseDocument, type Document } from 'yaml'
import type { AgreementDocument } from '../agreement-types.ts'
import { spliceEdit, type YamlEdit } from './yaml-splice.ts'

export type { YamlEdit, YamlPath, YamlValue } from './yaml-splice.ts'

// Only when a splice is impossible: no folding of long lines, lists and maps without inner padding.
const FALLBACK_FORMAT = { lineWidth: 0, flowCollectionPadding: true } as const

/** `source` with `edit` applied; the same string when the edit changes nothing it means. */
export function applyAgreementEdit(source: string, edit: YamlEdit): string {
  const doc = parseDocument(source)
  if (doc.errors.length > 0) throw new Error('the form edits only text that parses as YAML')
  if (edit.kind === 'delete' && !doc.hasIn(edit.path)) return source
  const expected = doc.clone()
  applyToDocument(expected, edit)
  const wanted = JSON.stringify(expected.toJS())
  if (wanted === JSON.stringify(doc.toJS())) return source
  const spliced = spliceEdit(source, doc, edit)
  if (spliced !== undefined) {
    const check = parseDocument(spliced)
    if (check.errors.length === 0 && JSON.stringify(check.toJS()) === wanted) return spliced
  }
  return expected.toString(FALLBACK_FORMAT)
}

function applyToDocument(doc: Document, edit: YamlEdit) {
  if (edit.kind === 'set') doc.setIn(edit.path, doc.createNode(edit.value))
  else if (edit.kind === 'delete') doc.deleteIn(edit.path)
  else doc.addIn(edit.path, doc.createNode(edit.value))
}

export type AgreementFormSource =
  | { state: 'ready'; document: AgreementDocument }
  | { state: 'notYaml'; line: number | undefined; message: string }
  | { state: 'incomplete'; missing: string[] }

/**
 * The draft as the form reads it: parsed, and with the parts the form shows in a shape it can show. Other
 * mistakes (a threshold that is not a number, an unknown key) are the validator's, shown in the YAML mode.
 */
export function readAgreementSource(source: string): AgreementFormSource {
  const doc = parseDocument(source)
  const error = doc.errors[0]
  if (error) return { state: 'notYaml', line: error.linePos?.[0].line, message: error.message }
  const value: unknown = doc.toJS()
  const missing = missingParts(value)
  return missing.length > 0
    ? { state: 'incomplete', missing }
    : { state: 'ready', document: value as AgreementDocument }
}

// Each entry: a path the form needs, and whether it must be there or may be left out.
const NEEDED: ReadonlyArray<[path: string, kind: 'object' | 'list of objects', optional?: true]> = [
  ['mql', 'object'],
  ['fit', 'object'],
  ['fit.rules', 'list of objects'],
  ['engagement', 'object'],
  ['engagement.rules', 'list of objects'],
  ['recycling', 'object', true],
  ['recycling.reasons', 'list of objects'],
  ['routing', 'object', true],
  ['routing.teams', 'list of objects'],
  ['sla', 'object', true],
  ['sla.onBreach', 'list of objects'],
]

function missingParts(value: unknown): string[] {
  if (!isObject(value)) return ['']
  const missing: string[] = []
  for (const [path, kind, optional] of NEEDED) {
    const keys = path.split('.')
    const parent = keys.slice(0, -1).reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), value)
    // A part inside an optional section is needed only when that section is there.
    if (!isObject(parent)) continue
    const part = parent[keys.at(-1)!]
    if (part === undefined && optional) continue
    const fits =
      kind === 'object' ? isObject(part) : Array.isArray(part) && part.every((item) => isObject(item))
    if (!fits) missing.push(path)
  }
  // Team members are listed in the form; a team without a list cannot be shown.
  const teams = (value.routing as { teams?: unknown } | undefined)?.teams
  if (Array.isArray(teams))
    teams.forEach((team: Record<string, unknown>, index) => {
      if (
        isObject(team) &&
        !(Array.isArray(team.members) && team.members.every((m) => typeof m === 'string'))
      )
        missing.push(`routing.teams[${index}].members`)
    })
  return missing
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
