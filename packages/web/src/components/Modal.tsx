// A modal <dialog>: the page behind is inert, Escape cancels, Tab stays inside, and focus starts on the
// first field. The reason dialog and the lead page's "ways out" (reject, recycle, lose, disqualify) use it.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import './safer-actions.css'

export function Modal(props: {
  /** id of the element that names the dialog */
  labelledBy: string
  describedBy?: string
  className?: string
  onCancel: () => void
  onKeyDown?: (event: KeyboardEvent<HTMLDialogElement>) => void
  children: ReactNode
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    // Whatever had focus before (the button that opened it) gets it back when the dialog goes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    element.showModal()
    element.querySelector<HTMLElement>('input, select, textarea')?.focus()
    return () => {
      element.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return (
    <dialog
      ref={dialog}
      className={['modal', props.className].filter(Boolean).join(' ')}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      // Escape: the browser would close the dialog itself; the owner decides what closing means.
      onCancel={(event) => {
        event.preventDefault()
        props.onCancel()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Tab') keepFocusInside(event)
        else props.onKeyDown?.(event)
      }}
    >
      {props.children}
    </dialog>
  )
}

// A modal dialog already makes the page behind it inert; this keeps Tab from leaving for the browser's
// own controls, so keyboard users cycle through the dialog's fields and buttons.
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
  const stops = [
    ...event.currentTarget.querySelectorAll<HTMLElement>(
      'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])',
    ),
  ].filter((element) => !isRadio(element) || isTabStop(element as HTMLInputElement))
  const first = stops[0]
  const last = stops.at(-1)
  if (!first || !last) return
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}

function isRadio(element: HTMLElement): boolean {
  return element instanceof HTMLInputElement && element.type === 'radio'
}

// A radio group is one Tab stop: its checked radio, or its first one while none is checked.
function isTabStop(radio: HTMLInputElement): boolean {
  if (radio.checked) return true
  const group = radio.form?.querySelectorAll<HTMLInputElement>(
    `input[type="radio"][name="${CSS.escape(radio.name)}"]`,
  )
  return group !== undefined && group[0] === radio && ![...group].some((other) => other.checked)
}
