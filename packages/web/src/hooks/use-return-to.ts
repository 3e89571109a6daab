// "Back" on a lead page returns to the list the user came from, with its filters (a filtered pipeline,
// My work, the inbox), not always to one fixed screen. The shell remembers the last place that is not a
// lead; the tab's session storage keeps it across a reload.
import { useEffect } from 'react'
import { useLocation } from 'react-router'

const KEY = 'takt.returnTo'
const LISTS = ['/inbox', '/board', '/work'] as const
export type ReturnList = (typeof LISTS)[number]

export function useRememberPlace() {
  const location = useLocation()
  useEffect(() => {
    if (location.pathname.startsWith('/leads/')) return
    try {
      sessionStorage.setItem(KEY, location.pathname + location.search)
    } catch {
      // Storage may be off (private mode): "back" then falls back to the role's home.
    }
  }, [location.pathname, location.search])
}

/** Where "back" goes and which list that is; `fallback` when nothing was remembered. */
export function useReturnTo(fallback: ReturnList): { to: string; list: ReturnList | null } {
  let stored: string | null = null
  try {
    stored = sessionStorage.getItem(KEY)
  } catch {
    stored = null
  }
  if (!stored) return { to: fallback, list: fallback }
  const list = LISTS.find(
    (path) => stored === path || stored.startsWith(`${path}?`) || stored.startsWith(`${path}/`),
  )
  return { to: stored, list: list ?? null }
}
