// "Rückgängig" beside an action's outcome, for UNDO_SECONDS: then the button goes and the outcome stays.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { UNDO_SECONDS, useUndoDecision, type Undoable, type UndoResult } from '../hooks/use-undo-decision.ts'
import './safer-actions.css'

export function UndoButton(props: {
  undoable: Undoable
  onUndone: (result: { stage: UndoResult['stage'] }) => void
  onFailed: (message: string) => void
  /** the time is up: the owner drops the undoable */
  onExpired: () => void
}) {
  const { t } = useTranslation('actions')
  const { onExpired } = props
  const undo = useUndoDecision({ success: props.onUndone, error: props.onFailed })
  useEffect(() => {
    if (undo.isPending) return
    const timer = window.setTimeout(onExpired, UNDO_SECONDS * 1000)
    return () => window.clearTimeout(timer)
  }, [onExpired, undo.isPending, props.undoable])
  return (
    <button
      type="button"
      className="undo-button"
      disabled={undo.isPending}
      onClick={() => undo.mutate(props.undoable)}
    >
      {undo.isPending ? t('undo.pending') : t('undo.button')}
    </button>
  )
}
