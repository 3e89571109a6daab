// A version's text in two modes over the same unsaved draft held by the page: the form for what people
// change most, and YAML for everything. Switching keeps the edits; "Speichern" stores them on the draft.
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AgreementForm } from '../form/AgreementForm.tsx'
import type { ActionState } from './version-actions.ts'
import { BlockedReasons } from './BlockedReasons.tsx'

// CodeMirror is most of this screen's code and only the advanced mode needs it: a separate chunk.
const DraftYamlEditor = lazy(() =>
  import('./DraftYamlEditor.tsx').then((module) => ({ default: module.DraftYamlEditor })),
)

type Mode = 'form' | 'yaml'

export function VersionText(props: {
  text: string
  onChange: (text: string) => void
  readOnly: boolean
  dirty: boolean
  /** the save step, when the viewer may edit this draft */
  save: ActionState | undefined
  saving: boolean
  onSave: () => void
  onRevert: () => void
  notice: { text: string; kind: 'ok' | 'problem' } | null
}) {
  const { t } = useTranslation('governance')
  const [mode, setMode] = useState<Mode>('form')

  return (
    <section className="card agreement-section" id="version-text" aria-labelledby="version-text-title">
      <div className="editor-head">
        <div>
          <h2 id="version-text-title">{t('text.title')}</h2>
          <p id="version-yaml-help" className="muted">
            {props.readOnly ? t('text.readOnly') : t('text.help')}
          </p>
        </div>
        <div className="editor-actions">
          <div className="mode-switch" role="group" aria-label={t('text.mode')}>
            {(['form', 'yaml'] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={mode === option}
                onClick={() => setMode(option)}
              >
                {t(`text.${option}`)}
              </button>
            ))}
          </div>
          {props.save && (
            <>
              <button type="button" onClick={props.onRevert} disabled={!props.dirty || props.saving}>
                {t('action.revert')}
              </button>
              <button
                type="button"
                className="primary"
                onClick={props.onSave}
                disabled={props.save.blocked !== undefined || props.saving}
                aria-describedby={props.save.blocked ? 'blocked-save' : undefined}
              >
                {props.saving ? t('action.saving') : t('action.save')}
              </button>
              {/* why Save is disabled, and what users look for: that nothing is lost */}
              {props.save.blocked === 'unchanged' && (
                <span id="blocked-save" className="muted">
                  {t('text.allSaved')}
                </span>
              )}
            </>
          )}
        </div>
      </div>
      {props.save?.blocked && props.save.blocked !== 'unchanged' && <BlockedReasons actions={[props.save]} />}
      {props.dirty && (
        <p className="warning" data-testid="unsaved-edits">
          {t('text.unsaved')}
        </p>
      )}
      <p
        className={props.notice?.kind === 'problem' ? 'notice problem' : 'notice'}
        role="status"
        aria-live="polite"
      >
        {props.notice?.text ?? ''}
      </p>
      {mode === 'form' ? (
        <div className="version-form" data-testid="version-form">
          <AgreementForm source={props.text} onChange={props.onChange} readOnly={props.readOnly} />
        </div>
      ) : (
        <Suspense fallback={<div className="editor-placeholder" aria-hidden="true" />}>
          <DraftYamlEditor text={props.text} onChange={props.onChange} readOnly={props.readOnly} />
        </Suspense>
      )}
    </section>
  )
}
