// Unsaved edits warn before they are lost: the browser asks when the tab closes or reloads, a link inside
// the app asks first, and so do the browser's Back and Forward buttons. (The app's BrowserRouter is no data
// router, so react-router's useBlocker is not available: links and history moves are guarded by hand.)
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
    // Back and Forward: popstate comes too late (the router's listener, registered first, has already
    // rendered the next page and dropped the draft), so the Navigation API's navigate event asks before the
    // move. Browsers let a page cancel such a move only once per user interaction (no trapping on Back):
    // when it is not cancelable, or the browser has no Navigation API, Back leaves without asking.
    const traverse = (event: NavigateEvent) => {
      if (event.navigationType !== 'traverse' || !event.cancelable) return
      // A jump link's #anchor or the page's own query (?compare=) moves within the page: nothing is lost.
      if (new URL(event.destination.url).pathname === location.pathname) return
      if (!window.confirm(question)) event.preventDefault()
    }
    const navigation = 'navigation' in window ? window.navigation : undefined
    window.addEventListener('beforeunload', warn)
    // Capture: before the router's own click handler navigates.
    document.addEventListener('click', leave, true)
    navigation?.addEventListener('navigate', traverse)
    return () => {
      window.removeEventListener('beforeunload', warn)
      document.removeEventListener('click', leave, true)
      navigation?.removeEventListener('navigate', traverse)
    }
  }, [dirty, question])
}
