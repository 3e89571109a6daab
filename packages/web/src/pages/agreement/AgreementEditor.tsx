// A new version in YAML: prefilled with the active one, checked while typing and on "Prüfen", every issue at
// its line in the editor and in a list that jumps there; "Aktivieren" puts it live after a confirmation.
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../../api/client.ts'
import { ErrorMessage } from '../../components/States.tsx'
import { ActivateDialog } from './ActivateDialog.tsx'
import { IssueList } from './IssueList.tsx'
import { YamlEditor, type YamlEditorHandle } from './YamlEditor.tsx'
import { useAgreementCheck, type AgreementCheck } from './use-agreement-check.ts'

type Active = { version: number; source: string }
/** An older version to start from; `at` tells two loads of the same version apart. */
export type Template = { source: string; version: number; at: number }

export function AgreementEditor({ active, template }: { active: Active; template: Template | undefined }) {
  const { t } = useTranslation('agreement')
  const editor = useRef<YamlEditorHandle>(null)
  const queryClient = useQueryClient()
  // The version the draft started from; it moves on when someone activates a new one.
  const [base, setBase] = useState<Active>(active)
  const [text, setText] = useState(active.source)
  const [confirming, setConfirming] = useState(false)
  const [notice, setNotice] = useState<{ text: string; kind: 'ok' | 'problem' } | null>(null)
  const { check, pending, run } = useAgreementCheck(text)
  const dirty = text !== base.source
  const newerActive = active.version > base.version

  // A newer version went live elsewhere: take it over when there is nothing to lose.
  useEffect(() => {
    if (newerActive && !dirty) {
      setBase(active)
      editor.current?.replace(active.source)
    }
  }, [active, dirty, editor, newerActive])

  // Runs after the editor's own mount effect (children first), so the view exists.
  const applied = useRef<Template | undefined>(undefined)
  useEffect(() => {
    if (!template || applied.current === template) return
    applied.current = template
    editor.current?.replace(template.source)
    setNotice({ text: t('editor.loaded', { version: template.version }), kind: 'ok' })
  }, [template, t])

  useEffect(() => {
    if (!dirty) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const activate = useMutation({
    mutationFn: (draft: string) =>
      unwrap(
        api.PUT('/api/v1/agreement', {
          body: draft,
          bodySerializer: (body) => body as string,
          headers: { 'Content-Type': 'application/yaml' },
        }),
      ),
    onSuccess: (stored) => {
      setConfirming(false)
      setBase({ version: stored.version, source: stored.source })
      setNotice({ text: t('editor.activated', { version: stored.version }), kind: 'ok' })
      // Every lead was re-scored under the new version: refresh everything, not only this screen.
      void queryClient.invalidateQueries()
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 422) {
        setConfirming(false)
        void run(text)
      }
    },
  })

  const startActivation = async () => {
    setNotice(null)
    const result: AgreementCheck | undefined = pending ? await run(text) : check
    if (result?.state === 'valid') {
      activate.reset()
      setConfirming(true)
    } else if (result?.state === 'invalid') setNotice({ text: t('editor.fixFirst'), kind: 'problem' })
    else if (result?.state === 'failed') setNotice({ text: t('editor.checkFailed'), kind: 'problem' })
  }

  const revert = () => {
    if (newerActive) setBase(active)
    editor.current?.replace(active.source)
  }

  return (
    <section className="card agreement-section" id="agreement-edit" aria-labelledby="agreement-editor-label">
      <div className="editor-head">
        <div>
          <h2 id="agreement-editor-label">{t('edit.title')}</h2>
          <p id="agreement-editor-help" className="muted">
            {base.version === 0 ? t('editor.helpNew') : t('editor.help', { version: base.version })}
          </p>
        </div>
        <div className="editor-actions">
          <a href="/api/v1/agreement/schema" target="_blank" rel="noreferrer">
            {t('editor.schema')}
          </a>
          <button type="button" onClick={revert} disabled={!dirty && !newerActive}>
            {t('editor.revert')}
          </button>
          <button type="button" onClick={() => void run(text)}>
            {t('editor.check')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void startActivation()}
            disabled={!dirty || activate.isPending}
            title={dirty ? undefined : t('editor.unchanged')}
          >
            {t('editor.activate')}
          </button>
        </div>
      </div>
      {newerActive && dirty && (
        <p className="warning" role="alert">
          {t('editor.newerActive', { version: active.version, base: base.version })}
        </p>
      )}
      <p
        className={notice?.kind === 'problem' ? 'notice problem' : 'notice'}
        role="status"
        aria-live="polite"
      >
        {notice?.text ?? ''}
      </p>
      <div className="editor-grid">
        <div className="editor-frame" data-testid="agreement-editor">
          <YamlEditor
            ref={editor}
            initial={active.source}
            onChange={setText}
            issues={check?.issues ?? []}
            issuesFor={check?.state === 'checking' ? undefined : check?.text}
            labelledBy="agreement-editor-label"
            describedBy="agreement-editor-help"
          />
        </div>
        <aside className="editor-issues" aria-labelledby="agreement-issues-title">
          <h3 id="agreement-issues-title">{t('editor.issues')}</h3>
          <CheckStatus check={check} pending={pending} dirty={dirty} />
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
      <ActivateDialog
        open={confirming}
        activeVersion={base.version}
        busy={activate.isPending}
        error={activate.error}
        onConfirm={() => activate.mutate(text)}
        onCancel={() => setConfirming(false)}
      />
    </section>
  )
}

function CheckStatus({
  check,
  pending,
  dirty,
}: {
  check: AgreementCheck | undefined
  pending: boolean
  dirty: boolean
}) {
  const { t } = useTranslation('agreement')
  const [text, kind] = pending
    ? [t('editor.checking'), 'checking']
    : check?.state === 'valid'
      ? [dirty ? t('editor.valid') : t('editor.validUnchanged'), 'valid']
      : check?.state === 'invalid'
        ? [
            t(check.issues.length === 1 ? 'editor.oneIssue' : 'editor.manyIssues', {
              n: check.issues.length,
            }),
            'invalid',
          ]
        : [t('editor.checkFailed'), 'invalid']
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
