// CodeMirror 6 with YAML highlighting and the server's issues as lint diagnostics (gutter marker, underline,
// tooltip), worded in the UI language. Tab is left to the browser so keyboard users can leave the editor;
// Enter keeps the indentation.
// No soft wrapping: YAML's structure is its indentation, and arrow keys then move by whole lines.
// Home goes to the start of the line, as in a plain text field (CodeMirror's default stops at the indentation).
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { i18n as I18n } from 'i18next'
import { basicSetup, EditorView } from 'codemirror'
import { yaml } from '@codemirror/lang-yaml'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { issueText } from './issue-message.ts'
import type { AgreementIssue } from './use-agreement-check.ts'

export type YamlEditorHandle = {
  /** Moves the cursor to a 1-based line and column, scrolls there and focuses the editor. */
  goTo: (line: number, column?: number) => void
  /** Replaces the whole text (a new active version, a version loaded from the history). */
  replace: (text: string) => void
}

type Props = {
  ref: Ref<YamlEditorHandle>
  initial: string
  onChange: (text: string) => void
  /** the issues found for `issuesFor`; shown only while the editor still holds exactly that text */
  issues: readonly AgreementIssue[]
  issuesFor: string | undefined
  labelledBy: string
  describedBy: string
  /** a version that is not a draft, or a reader who may not edit: selectable, not changeable */
  readOnly?: boolean
}

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--surface)' },
  '.cm-scroller': {
    fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
    fontSize: '13px',
  },
  '&.cm-focused': { outline: '3px solid #f0b400', outlineOffset: '-1px' },
  '.cm-gutters': { backgroundColor: '#f3f5f7', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
})

// Listed before basicSetup, so it runs before the default keymap.
const homeToLineStart = EditorView.domEventHandlers({
  keydown: (event, view) => {
    if (event.key !== 'Home' || event.ctrlKey || event.metaKey || event.altKey) return false
    const { anchor, head } = view.state.selection.main
    const start = view.state.doc.lineAt(head).from
    view.dispatch({
      selection: event.shiftKey ? { anchor, head: start } : { anchor: start },
      scrollIntoView: true,
    })
    event.preventDefault()
    return true
  },
})

export function YamlEditor({
  ref,
  initial,
  onChange,
  issues,
  issuesFor,
  labelledBy,
  describedBy,
  readOnly = false,
}: Props) {
  const { i18n } = useTranslation('agreement')
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const changed = useRef(onChange)
  useEffect(() => {
    changed.current = onChange
  })
  const first = useRef(initial)

  useEffect(() => {
    const editor = new EditorView({
      doc: first.current,
      parent: host.current!,
      extensions: [
        homeToLineStart,
        basicSetup,
        yaml(),
        lintGutter(),
        theme,
        EditorView.editable.of(!readOnly),
        EditorView.contentAttributes.of({
          'aria-labelledby': labelledBy,
          'aria-describedby': describedBy,
          // not editable is not focusable either: keyboard users still reach the text to read it
          ...(readOnly ? { 'aria-readonly': 'true', tabindex: '0' } : {}),
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed.current(update.state.doc.toString())
        }),
      ],
    })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = null
    }
  }, [labelledBy, describedBy, readOnly])

  useEffect(() => {
    const editor = view.current
    if (!editor || issuesFor === undefined || editor.state.doc.toString() !== issuesFor) return
    editor.dispatch(
      setDiagnostics(
        editor.state,
        issues.map((issue) => toDiagnostic(editor, issue, i18n)),
      ),
    )
    // The language is a dependency: switching it rewords the markers.
  }, [issues, issuesFor, i18n, i18n.language])

  useImperativeHandle(
    ref,
    () => ({
      goTo: (line, column = 1) => {
        const editor = view.current
        if (!editor) return
        const at = positionOf(editor, line, column)
        editor.dispatch({
          selection: { anchor: at },
          effects: EditorView.scrollIntoView(at, { y: 'center' }),
        })
        editor.focus()
      },
      replace: (text) => {
        const editor = view.current
        if (!editor) return
        editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } })
      },
    }),
    [],
  )

  return <div ref={host} className="yaml-editor" />
}

function positionOf(editor: EditorView, line: number, column: number) {
  const doc = editor.state.doc
  const target = doc.line(Math.min(Math.max(line, 1), doc.lines))
  return Math.min(target.from + Math.max(column - 1, 0), target.to)
}

// Issues without a line (rare: e.g. an alias that cannot be resolved) are pinned to the first line.
function toDiagnostic(editor: EditorView, issue: AgreementIssue, i18n: I18n): Diagnostic {
  const from = positionOf(editor, issue.line ?? 1, issue.column ?? 1)
  const lineEnd = editor.state.doc.lineAt(from).to
  const { text, english } = issueText(issue, i18n)
  const message = issue.path ? `${text} (${issue.path})` : text
  return {
    from,
    to: lineEnd,
    severity: 'error',
    message,
    // An English fallback in a German UI is marked as such, as in the issue list.
    ...(english && i18n.language !== 'en' ? { renderMessage: () => englishSpan(message) } : {}),
  }
}

function englishSpan(text: string): HTMLElement {
  const span = document.createElement('span')
  span.lang = 'en'
  span.textContent = text
  return span
}
