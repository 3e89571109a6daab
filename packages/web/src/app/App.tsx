// Routes and providers. Signed-out visitors see the sign-in page; everything else sits in the shell.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { BrowserRouter, Navigate, Route, Routes } from 'react-router'
import '../i18n/i18n.ts'
import { SessionProvider, useSessionQuery } from '../session/session.tsx'
import { SignInPage } from '../pages/SignInPage.tsx'
import { Shell } from './Shell.tsx'
import { InboxPage } from '../pages/inbox/InboxPage.tsx'
import { LeadPage } from '../pages/lead/LeadPage.tsx'
import { AgreementPage } from '../pages/agreement/AgreementPage.tsx'
import { BoardPage } from '../pages/board/BoardPage.tsx'
import { SettingsPage } from '../pages/settings/SettingsPage.tsx'
import { FullPageMessage } from '../components/States.tsx'

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 15_000 } },
})

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Screens />
      </BrowserRouter>
    </QueryClientProvider>
  )
}

function Screens() {
  const session = useSessionQuery()
  if (session.isPending) return <FullPageMessage kind="loading" />
  if (session.isError) return <FullPageMessage kind="error" error={session.error} />
  if (!session.data) return <SignInPage />
  const home = session.data.user.role === 'marketing' ? '/board' : '/inbox'
  return (
    <SessionProvider session={session.data}>
      <Routes>
        <Route element={<Shell />}>
          <Route path="/" element={<Navigate to={home} replace />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/leads/:id" element={<LeadPage />} />
          <Route path="/board" element={<BoardPage />} />
          <Route path="/agreement" element={<AgreementPage />} />
          <Route path="/settings/*" element={<SettingsPage />} />
          <Route path="*" element={<Navigate to={home} replace />} />
        </Route>
      </Routes>
    </SessionProvider>
  )
}
