// Unsaved edits warn before they are lost: the browser asks when the tab closes or reloads, and a link
// inside the app asks first. (The app's BrowserRouter has no navigation blocker; links are what leave.)
import { useEffect } from 'react'

export function useUnsavedWarning(dirty: boolean, question: string) {
  useEffect(() => {
    if (!dirty) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    const leave = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null
      if (
        !(link instanceof HTMLAnchorElement) ||
        link.target === '_blank' ||
        (link.hash && link.pathname === location.pathname)
      )
        return
      if (!window.confirm(question)) {
        event.preventDefault()
        event.stopPropagation()
      }
    }
    window.addEventListener('beforeunload', warn)
    // Capture: before the router's own click handler navigates.
    document.addEventListener('click', leave, true)
    return () => {
      window.removeEventListener('beforeunload', warn)
      document.removeEventListener('click', leave, true)
    }
  }, [dirty, question])
}
