// The advanced mode of a version's text: YAML in CodeMirror, checked while typing, every issue at its line
// in the editor and in a list that jumps there. It edits the page's draft text, the same text the form
// edits; read-only for versions that are not drafts and for people who may not edit.
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../../components/States.tsx'
import { IssueList } from '../IssueList.tsx'
import { YamlEditor, type YamlEditorHandle } from '../YamlEditor.tsx'
import { useAgreementCheck, type AgreementCheck } from '../use-agreement-check.ts'

export function DraftYamlEditor({
  text,
  onChange,
  readOnly,
}: {
  text: string
  onChange: (text: string) => void
  readOnly: boolean
}) {
  const { t } = useTranslation('agreement')
  const editor = useRef<YamlEditorHandle>(null)
  const { check, pending } = useAgreementCheck(text)
  // The text changed from outside the editor (changes discarded, a save that came back different): show it.
  const typed = useRef(text)
  useEffect(() => {
    if (text !== typed.current) editor.current?.replace(text)
  }, [text])
  const change = (next: string) => {
    typed.current = next
    onChange(next)
  }

  return (
    <div className="editor-grid">
      <div className="editor-frame" data-testid="agreement-editor">
        <YamlEditor
          ref={editor}
          initial={text}
          onChange={change}
          issues={check?.issues ?? []}
          issuesFor={check?.state === 'checking' ? undefined : check?.text}
          labelledBy="version-text-title"
          describedBy="version-yaml-help"
          readOnly={readOnly}
        />
      </div>
      <aside className="editor-issues" aria-labelledby="agreement-issues-title">
        <h3 id="agreement-issues-title">{t('editor.issues')}</h3>
        <CheckStatus check={check} pending={pending} />
        {check?.state === 'failed' ? (
          <ErrorMessage error={check.error} />
        ) : (
          <IssueList
            issues={check?.issues ?? []}
            onSelect={(line, column) => editor.current?.goTo(line, column)}
          />
        )}
      </aside>
    </div>
  )
}

function CheckStatus({ check, pending }: { check: AgreementCheck | undefined; pending: boolean }) {
  const { t } = useTranslation('governance')
  const [text, kind] = pending
    ? [t('agreement:editor.checking'), 'checking']
    : check?.state === 'valid'
      ? [t('governance:text.valid'), 'valid']
      : check?.state === 'invalid'
        ? [
            t(check.issues.length === 1 ? 'agreement:editor.oneIssue' : 'agreement:editor.manyIssues', {
              n: check.issues.length,
            }),
            'invalid',
          ]
        : [t('agreement:editor.checkFailed'), 'invalid']
  return (
    <p
      className={`check-status check-${kind}`}
      role="status"
      aria-live="polite"
      data-testid="agreement-check"
    >
      {text}
    </p>
  )
}
