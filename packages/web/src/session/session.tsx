// Who is signed in, shared by every screen. The server enforces what each role may do; the app only
// hides what would be refused anyway.
import { createContext, useContext, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiProblem, setCsrfToken, unwrap } from '../api/client.ts'
import { changeLanguage } from '../i18n/i18n.ts'
import { WorkspaceTimeZone } from '../hooks/format.ts'
import type { paths } from '../api/openapi'

type Me = paths['/api/v1/session']['get']['responses'][200]['content']['application/json']
export type Role = 'admin' | 'marketing' | 'sales' | 'sales_manager'
export type SignedIn = Me & { user: NonNullable<Me['user']> & { role: Role } }

const SessionContext = createContext<SignedIn | undefined>(undefined)

export async function fetchSession(): Promise<SignedIn | null> {
  try {
    const me = await unwrap(api.GET('/api/v1/session'))
    if (!me.user) return null
    setCsrfToken(me.csrfToken)
    if (me.user.locale === 'de' || me.user.locale === 'en') await changeLanguage(me.user.locale)
    return me as SignedIn
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return null
    throw error
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: Infinity, retry: false })
}

export function SessionProvider({ session, children }: { session: SignedIn; children: ReactNode }) {
  // Dates, periods and weeks read in the workspace's zone, as the reports count them.
  return (
    <SessionContext.Provider value={session}>
      <WorkspaceTimeZone.Provider value={session.workspace.timezone}>{children}</WorkspaceTimeZone.Provider>
    </SessionContext.Provider>
  )
}

export function useSession(): SignedIn {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in screen')
  return session
}

/** What the role may do, mirroring the server's permission table (http/access.ts). */
export function can(role: Role) {
  return {
    work: role === 'admin' || role === 'sales' || role === 'sales_manager',
    manage: role === 'admin' || role === 'sales_manager',
    configure: role === 'admin' || role === 'marketing',
    /** what marketing and sales negotiate: backtests, training the predictive score */
    evaluate: role === 'admin' || role === 'marketing' || role === 'sales_manager',
    administer: role === 'admin',
  }
}

export function useSignOut() {
  const queryClient = useQueryClient()
  return async () => {
    await api.DELETE('/api/v1/session')
    setCsrfToken(undefined)
    queryClient.clear()
    queryClient.setQueryData(['session'], null)
  }
}
