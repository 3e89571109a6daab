// Edits of the agreement's YAML that rewrite only the text of the node they change, so the rest of the file
// (comments, blank lines, quoting, line breaks, flow style) stays byte for byte as people wrote it. The
// Document API's toString() re-formats the whole file (flow padding, folded paragraphs, long flow lists),
// which would turn a one-number change into a diff over the whole agreement.
// Anything this module cannot place returns undefined; the caller then uses the Document API's own output.
import { isMap, isScalar, isSeq, parse, type Document, type Node, type Pair, type Scalar } from 'yaml'

export type YamlPath = readonly (string | number)[]
export type YamlValue =
  string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue }
export type YamlEdit =
  | { kind: 'set'; path: YamlPath; value: YamlValue }
  | { kind: 'delete'; path: YamlPath }
  | { kind: 'append'; path: YamlPath; value: YamlValue }

type Ranged = Node & { range: [number, number, number] }
type Replacement = { start: number; end: number; text: string }

/** The source with `edit` applied to its text, or undefined when the edit is not one this module can place. */
export function spliceEdit(source: string, doc: Document, edit: YamlEdit): string | undefined {
  const change = replacementFor(source, doc, edit)
  return change && source.slice(0, change.start) + change.text + source.slice(change.end)
}

function replacementFor(source: string, doc: Document, edit: YamlEdit): Replacement | undefined {
  if (edit.kind === 'append') {
    const seq = nodeAt(doc, edit.path)
    if (!isSeq(seq) || !hasRange(seq)) return undefined
    return seq.flow ? appendToFlow(seq, edit.value) : appendToBlock(source, seq, edit.value)
  }
  const key = edit.path.at(-1)
  const parent = nodeAt(doc, edit.path.slice(0, -1))
  if (!hasRange(parent) || key === undefined) return undefined
  if (edit.kind === 'delete') return deletion(source, parent, key)
  const node = nodeAt(doc, edit.path)
  if (node === undefined || node === null) {
    if (!isMap(parent) || typeof key !== 'string' || pairOf(parent, key)) return undefined
    return parent.flow
      ? insertIntoFlowMap(parent, key, edit.value)
      : insertIntoBlockMap(source, parent, key, edit.value)
  }
  if (!hasRange(node)) return undefined
  if (isScalar(node) && isScalarValue(edit.value))
    return { start: node.range[0], end: node.range[1], text: renderScalar(edit.value, node.type) }
  // A scalar or a one-line collection becomes the new value written inline; a block collection is left to
  // the Document API, since its lines and comments would have to be re-indented.
  if (isScalar(node) || ((isMap(node) || isSeq(node)) && node.flow))
    return { start: node.range[0], end: node.range[1], text: renderFlow(edit.value) }
  return undefined
}

function deletion(source: string, parent: Ranged, key: string | number): Replacement | undefined {
  if (isMap(parent)) {
    const pair = pairOf(parent, key)
    if (!pair) return undefined
    if (parent.flow)
      return rewriteFlow(
        source,
        parent,
        parent.items.filter((other) => other !== pair),
      )
    const start = (pair.key as Ranged).range[0]
    const value = pair.value as Ranged | null
    return deleteLines(source, start, value?.range ? value.range[1] : (pair.key as Ranged).range[1], false)
  }
  if (isSeq(parent) && typeof key === 'number') {
    const item = parent.items[key] as Ranged | undefined
    if (!item || !hasRange(item)) return undefined
    if (parent.flow)
      return rewriteFlow(
        source,
        parent,
        parent.items.filter((other) => other !== item),
      )
    return deleteLines(source, item.range[0], item.range[1], true)
  }
  return undefined
}

// Whole lines only: the node must start its line (after `- ` for a list item), so nothing else goes with it.
function deleteLines(source: string, start: number, end: number, listItem: boolean): Replacement | undefined {
  const from = lineStart(source, start)
  const before = source.slice(from, start)
  if (!(listItem ? /^\s*-\s+$/ : /^\s*$/).test(before)) return undefined
  return { start: from, end: contentEnd(source, start, end), text: '' }
}

function rewriteFlow(source: string, collection: Ranged, items: readonly unknown[]): Replacement {
  const texts = items.map((item) => sourceOf(source, item))
  const text = isMap(collection)
    ? texts.length > 0
      ? `{ ${texts.join(', ')} }`
      : '{}'
    : `[${texts.join(', ')}]`
  return { start: collection.range[0], end: collection.range[1], text }
}

function appendToFlow(seq: Ranged & { items: unknown[] }, value: YamlValue): Replacement {
  const last = seq.items.at(-1) as Ranged | undefined
  if (!last?.range) return { start: seq.range[0], end: seq.range[1], text: `[${renderFlow(value)}]` }
  return { start: last.range[1], end: last.range[1], text: `, ${renderFlow(value)}` }
}

function appendToBlock(source: string, seq: Ranged & { items: unknown[] }, value: YamlValue) {
  const first = seq.items[0] as Ranged | undefined
  if (!first?.range) return undefined
  const dash = source.slice(lineStart(source, first.range[0]), first.range[0])
  if (!/^\s*-\s+$/.test(dash)) return undefined
  const at = contentEnd(source, seq.range[0], seq.range[1])
  const indent = ' '.repeat(dash.length)
  const lines =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).map(([key, item]) => `${renderScalar(key)}: ${renderFlow(item)}`)
      : [renderFlow(value)]
  const text = lines.map((line, index) => (index === 0 ? dash : indent) + line).join('\n')
  return insertLine(source, at, text)
}

function insertIntoFlowMap(map: Ranged & { items: Pair[] }, key: string, value: YamlValue): Replacement {
  const entry = `${renderScalar(key)}: ${renderFlow(value)}`
  const last = map.items.at(-1) as Pair | undefined
  const end = (last?.value as Ranged | null)?.range?.[1] ?? (last?.key as Ranged | undefined)?.range?.[1]
  if (end === undefined) return { start: map.range[0], end: map.range[1], text: `{ ${entry} }` }
  return { start: end, end, text: `, ${entry}` }
}

function insertIntoBlockMap(source: string, map: Ranged & { items: Pair[] }, key: string, value: YamlValue) {
  const first = map.items[0]?.key as Ranged | undefined
  if (!first?.range) return undefined
  const indent = ' '.repeat(first.range[0] - lineStart(source, first.range[0]))
  const at = contentEnd(source, map.range[0], map.range[1])
  return insertLine(source, at, `${indent}${renderScalar(key)}: ${renderFlow(value)}`)
}

function insertLine(source: string, at: number, line: string): Replacement {
  const needsBreak = at > 0 && source[at - 1] !== '\n'
  return { start: at, end: at, text: needsBreak ? `\n${line}` : `${line}\n` }
}

/** Where a node's last line ends (after its newline): trailing blank and comment-only lines belong to what follows. */
function contentEnd(source: string, start: number, end: number): number {
  let last = end - 1
  for (;;) {
    while (last > start && /\s/.test(source[last]!)) last -= 1
    const from = lineStart(source, last)
    if (
      from <= start ||
      !source
        .slice(from, last + 1)
        .trimStart()
        .startsWith('#')
    )
      break
    last = from - 1
  }
  const newline = source.indexOf('\n', last)
  return newline === -1 ? source.length : newline + 1
}

function lineStart(source: string, at: number) {
  return source.lastIndexOf('\n', at - 1) + 1
}

function sourceOf(source: string, item: unknown): string {
  const node = (isPairLike(item) ? item.key : item) as Ranged
  const end = isPairLike(item) ? ((item.value as Ranged | null)?.range?.[1] ?? node.range[1]) : node.range[1]
  return source.slice(node.range[0], end)
}

/** A value written inline, as this project's agreements write small maps and lists: `{ a: 1 }`, `[a, b]`. */
export function renderFlow(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, YamlValue>)
    if (entries.length === 0) return '{}'
    return `{ ${entries.map(([key, item]) => `${renderScalar(key)}: ${renderFlow(item)}`).join(', ')} }`
  }
  return renderScalar(value as string | number | boolean | null)
}

/** A scalar in the quoting it had (`type` of the node it replaces), plain where plain reads back the same. */
export function renderScalar(value: string | number | boolean | null, type?: Scalar['type']): string {
  if (value === null) return 'null'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`)
    return String(value)
  }
  if (typeof value === 'boolean') return String(value)
  if (type === 'QUOTE_DOUBLE' || /[\n\r\t\\]/.test(value)) return JSON.stringify(value)
  if (type !== 'QUOTE_SINGLE' && isPlainSafe(value)) return value
  return `'${value.replaceAll("'", "''")}'`
}

// Plain only when it reads back as the same string both inside and outside a flow collection.
function isPlainSafe(text: string): boolean {
  if (
    text === '' ||
    text !== text.trim() ||
    /[,[\]{}]|: |\s#|:$/.test(text) ||
    /^[-?:!&*|>'"%@`#]/.test(text)
  )
    return false
  try {
    return parse(text) === text
  } catch {
    return false
  }
}

function nodeAt(doc: Document, path: YamlPath): unknown {
  return path.length === 0 ? doc.contents : doc.getIn(path, true)
}

function pairOf(map: { items: Pair[] }, key: string | number): Pair | undefined {
  return map.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key)
}

function hasRange(node: unknown): node is Ranged {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range)
}

function isPairLike(item: unknown): item is Pair {
  return typeof item === 'object' && item !== null && 'key' in item && 'value' in item
}

function isScalarValue(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object'
}
